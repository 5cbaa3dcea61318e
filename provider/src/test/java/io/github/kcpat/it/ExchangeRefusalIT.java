package io.github.kcpat.it;

import static io.github.kcpat.it.support.ApiAssertions.assertError;
import static io.github.kcpat.it.support.ApiAssertions.assertExchanged;
import static io.github.kcpat.it.support.ApiAssertions.assertRefused;
import static io.github.kcpat.it.support.ApiAssertions.uniqueName;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.kcpat.it.support.CreatedToken;
import io.github.kcpat.it.support.DemoRealm;
import io.github.kcpat.it.support.HttpResult;
import io.github.kcpat.it.support.KeycloakExtension;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every unusable token gets the same answer: 401 invalid_token with an APIToken challenge. */
@ExtendWith(KeycloakExtension.class)
class ExchangeRefusalIT {

    private final DemoRealm realm;

    ExchangeRefusalIT(DemoRealm realm) {
        this.realm = realm;
    }

    static Stream<Arguments> spoiled() {
        return Stream.of(
                Arguments.of("garbage", (UnaryOperator<String>) token -> "garbage"),
                Arguments.of("another vendor's prefix", (UnaryOperator<String>) token -> "ghp_" + token.substring("kcpat_".length())),
                Arguments.of("a wrong checksum", (UnaryOperator<String>) token -> token.substring(0, token.length() - 6) + flip(token.substring(token.length() - 6))),
                Arguments.of("a changed secret", (UnaryOperator<String>) token -> token.substring(0, 40) + flip(token.substring(40, 41)) + token.substring(41)),
                Arguments.of("a truncated value", (UnaryOperator<String>) token -> token.substring(0, token.length() - 1)),
                Arguments.of("trailing junk", (UnaryOperator<String>) token -> token + "x"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("spoiled")
    void spoiledTokenIsRefused(String what, UnaryOperator<String> spoil) {
        CreatedToken token = realm.tokensOf("alice").createToken(uniqueName("spoiled"));

        assertRefused(realm.exchange(spoil.apply(token.value())));
        assertExchanged(realm.exchange(token.value()));
    }

    @Test
    void requestWithoutATokenIsRefused() {
        HttpResult bare = realm.http().post(DemoRealm.API + "/exchange");

        assertRefused(bare);
    }

    @Test
    void tokenUnderTheBearerSchemeIsNotAnApiToken() {
        CreatedToken token = realm.tokensOf("alice").createToken(uniqueName("wrong-scheme"));

        HttpResult asBearer = realm.http().post(DemoRealm.API + "/exchange", "Authorization", "Bearer " + token.value());

        assertEquals(401, asBearer.status(), asBearer::toString);
        assertError(asBearer, 401, "invalid_token");
    }

    private static String flip(String part) {
        StringBuilder flipped = new StringBuilder(part.length());
        for (char c : part.toCharArray()) {
            flipped.append(c == 'A' ? 'B' : 'A');
        }
        return flipped.toString();
    }
}
