package io.github.kcpat.it;

import static io.github.kcpat.it.support.ApiAssertions.assertError;
import static io.github.kcpat.it.support.ApiAssertions.assertExchanged;
import static io.github.kcpat.it.support.ApiAssertions.uniqueName;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.github.kcpat.it.support.CreatedToken;
import io.github.kcpat.it.support.DemoRealm;
import io.github.kcpat.it.support.HttpResult;
import io.github.kcpat.it.support.KeycloakExtension;
import io.github.kcpat.it.support.TokenApi;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Bob holds the role too, yet alice's tokens do not exist for him. */
@ExtendWith(KeycloakExtension.class)
class OtherUsersIT {

    private final DemoRealm realm;
    private TokenApi alice;
    private TokenApi bob;

    OtherUsersIT(DemoRealm realm) {
        this.realm = realm;
    }

    @BeforeEach
    void signIn() {
        alice = realm.tokensOf("alice");
        bob = realm.tokensOf("bob");
    }

    static Stream<Arguments> bobsAttempts() {
        return Stream.of(
                Arguments.of("GET", (BiFunction<TokenApi, String, HttpResult>) TokenApi::get),
                Arguments.of("PATCH", (BiFunction<TokenApi, String, HttpResult>) (api, key) -> api.patch(key, Map.of("state", "DISABLED"))),
                Arguments.of("DELETE", (BiFunction<TokenApi, String, HttpResult>) TokenApi::delete),
                Arguments.of("rotate", (BiFunction<TokenApi, String, HttpResult>) TokenApi::rotate));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bobsAttempts")
    void bobCannotTouchAlicesToken(String attempt, BiFunction<TokenApi, String, HttpResult> call) {
        CreatedToken token = alice.createToken(uniqueName("alice-only"));

        assertError(call.apply(bob, token.key()), 404, "not_found");

        HttpResult unchanged = alice.get(token.key());
        assertEquals(200, unchanged.status(), unchanged::toString);
        assertEquals("ACTIVE", unchanged.text("state"));
        assertExchanged(realm.exchange(token.value()));
    }

    @Test
    void bobDoesNotSeeAlicesTokenInHisList() {
        CreatedToken alices = alice.createToken(uniqueName("alice-listed"));
        CreatedToken bobs = bob.createToken(uniqueName("bob-listed"));

        assertNull(bob.listed(alices.key()));
        assertNotNull(bob.listed(bobs.key()));
        assertNull(alice.listed(bobs.key()));
    }

    @Test
    void bobMayUseTheNameAliceUses() {
        String name = uniqueName("shared-name");
        alice.createToken(name);

        assertEquals(name, bob.createToken(name).name());
    }
}
