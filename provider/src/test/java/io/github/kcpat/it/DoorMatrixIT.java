package io.github.kcpat.it;

import static io.github.kcpat.it.support.ApiAssertions.assertExchanged;
import static io.github.kcpat.it.support.ApiAssertions.uniqueName;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.kcpat.it.support.CreatedToken;
import io.github.kcpat.it.support.DemoClient;
import io.github.kcpat.it.support.DemoRealm;
import io.github.kcpat.it.support.Door;
import io.github.kcpat.it.support.Doors;
import io.github.kcpat.it.support.EveryKeycloakVersion;
import io.github.kcpat.it.support.HttpResult;
import io.github.kcpat.it.support.TestClock;
import io.github.kcpat.it.support.TokenApi;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One verification core behind every door: each kind of token gets the same verdict from all of them,
 * accepted only when the token is usable. The tokens are built once; the owners that get disabled or
 * lose the role are users of their own, so alice stays usable for everyone else.
 *
 * <p>This proves the wiring, not the rules: every door meets the valid token and one token of each refusal
 * family (not a token at all; a key that finds nothing or a wrong secret; the token's own state or expiry; its
 * owner's state or role), the kinds of a family taken in turn across the doors, so each kind still meets at least
 * one door (the token's own family: disabled, expired, used from outside its IP allowlist). The rules themselves,
 * with every reason, their order, the boundary at {@code now} and the policy's
 * caps, moved to the unit test {@code verify.ValidityRulesTest}; the refusal before any lookup of anything not of
 * the token's shape or with a wrong checksum is {@code token.ApiTokenTest}'s.
 */
@EveryKeycloakVersion
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DoorMatrixIT {

    enum Kind { VALID, DISABLED, EXPIRED, IP_NOT_ALLOWED, DELETED, ROTATED_AWAY, OWNER_DISABLED, ROLE_REMOVED, GARBAGE, WRONG_PREFIX,
        BAD_CHECKSUM }

    /** The kinds of unusable token, by the part of the verification that refuses them. */
    private static final List<List<Kind>> REFUSAL_FAMILIES = List.of(
            List.of(Kind.GARBAGE, Kind.WRONG_PREFIX, Kind.BAD_CHECKSUM),
            List.of(Kind.DELETED, Kind.ROTATED_AWAY),
            List.of(Kind.DISABLED, Kind.EXPIRED, Kind.IP_NOT_ALLOWED),
            List.of(Kind.OWNER_DISABLED, Kind.ROLE_REMOVED));

    /** A token value as a caller holds it, with the owner (and key) it was made for. */
    record Subject(String value, String username, String userId, String key) {
    }

    private final DemoRealm realm;
    private final Doors doors;
    private final Map<Kind, Subject> subjects = new EnumMap<>(Kind.class);
    private final List<String> createdUsers = new ArrayList<>();
    private final List<String> aliceKeys = new ArrayList<>();
    private final TestClock clock;
    private TokenApi alice;

    DoorMatrixIT(DemoRealm realm) {
        this.realm = realm;
        this.doors = realm.doors();
        this.clock = TestClock.of(realm.http());
    }

    /** Ends with the server's clock moved past the expired token's expiry; {@link #cleanUp()} moves it back. */
    @BeforeAll
    void buildOneTokenOfEachKind() {
        alice = realm.tokensOf("alice");
        Instant expiresAt = TestClock.serverNow().plusSeconds(10).truncatedTo(ChronoUnit.SECONDS);
        // the tests call from 127.0.0.1: the valid token is fenced in to where they are, the other to where they are not
        CreatedToken valid = aliceToken(Map.of("name", uniqueName("matrix-valid"), "scopes", List.of("demo-api"),
                "allowedIps", List.of("127.0.0.0/8", "::1")));
        subjects.put(Kind.IP_NOT_ALLOWED, of("alice", aliceToken(Map.of("name", uniqueName("matrix-elsewhere"),
                "allowedIps", List.of("192.0.2.0/24", "2001:db8::/32")))));
        CreatedToken expired = aliceToken(Map.of("name", uniqueName("matrix-expired"), "expiresAt", expiresAt.toString()));
        subjects.put(Kind.VALID, of("alice", valid));
        subjects.put(Kind.EXPIRED, of("alice", expired));

        CreatedToken disabled = aliceToken(Map.of("name", uniqueName("matrix-disabled")));
        assertEquals(200, alice.patch(disabled.key(), Map.of("state", "DISABLED")).status());
        subjects.put(Kind.DISABLED, of("alice", disabled));

        CreatedToken deleted = aliceToken(Map.of("name", uniqueName("matrix-deleted")));
        assertEquals(204, alice.delete(deleted.key()).status());
        subjects.put(Kind.DELETED, of("alice", deleted));

        CreatedToken rotated = aliceToken(Map.of("name", uniqueName("matrix-rotated")));
        assertEquals(200, alice.rotate(rotated.key()).status());
        subjects.put(Kind.ROTATED_AWAY, of("alice", rotated));

        subjects.put(Kind.OWNER_DISABLED, ownerChangedAfterCreation("matrix-owner-off",
                userId -> realm.setUserEnabled(userId, false)));
        subjects.put(Kind.ROLE_REMOVED, ownerChangedAfterCreation("matrix-no-role",
                userId -> realm.removeRealmRole(userId, DemoRealm.ROLE)));

        String value = valid.value();
        subjects.put(Kind.GARBAGE, spoiled("garbage"));
        subjects.put(Kind.WRONG_PREFIX, spoiled("glpat_" + value.substring("kcpat_".length())));
        subjects.put(Kind.BAD_CHECKSUM, spoiled(value.substring(0, value.length() - 6) + otherChecksum(value)));

        clock.shiftBy(Duration.between(TestClock.serverNow(), expiresAt).plusMillis(1500));
    }

    @AfterAll
    void cleanUp() {
        clock.reset();
        aliceKeys.forEach(key -> alice.delete(key));
        createdUsers.forEach(realm::deleteUser);
    }

    /** Every door with the valid token and with one kind of each refusal family, the kinds in turn. */
    Stream<Arguments> matrix() {
        return Arrays.stream(Door.values()).flatMap(door -> Stream.concat(Stream.of(Kind.VALID),
                        REFUSAL_FAMILIES.stream().map(family -> family.get(door.ordinal() % family.size())))
                .map(kind -> Arguments.of(kind, door)));
    }

    @ParameterizedTest(name = "{0} token at {1}")
    @MethodSource("matrix")
    void everyDoorGivesTheSameVerdict(Kind kind, Door door) {
        Subject subject = subjects.get(kind);
        HttpResult result = call(door, subject);

        if (kind == Kind.VALID) {
            assertAccepted(door, result, subject);
        } else {
            door.assertRefused(result);
        }
    }

    private HttpResult call(Door door, Subject subject) {
        return door.call(doors, subject.username(), subject.value());
    }

    private void assertAccepted(Door door, HttpResult result, Subject owner) {
        switch (door) {
            case EXCHANGE -> {
                assertExchanged(result);
                assertJwtOf(owner, result.text("access_token"), "personal-api-tokens");
            }
            case RFC8693 -> {
                assertExchanged(result);
                assertEquals(Doors.ACCESS_TOKEN_TYPE, result.json().path("issued_token_type").asText(), result::toString);
                assertJwtOf(owner, result.text("access_token"), DemoClient.API_GATEWAY.clientId());
            }
            case FORWARD_AUTH, FORWARD_AUTH_BASIC -> {
                assertEquals(200, result.status(), result::toString);
                assertEquals("", result.body(), result::toString);
                String authorization = result.header("Authorization").orElse("");
                assertTrue(authorization.startsWith("Bearer "), () -> "Authorization: " + authorization);
                assertJwtOf(owner, authorization.substring("Bearer ".length()), "personal-api-tokens");
                assertEquals(owner.username(), result.header("X-Auth-Request-User").orElse(null), result::toString);
                assertEquals(owner.username() + "@example.com", result.header("X-Auth-Request-Email").orElse(null));
            }
            case DIRECT_GRANT -> {
                assertExchanged(result);
                assertJwtOf(owner, result.text("access_token"), DemoClient.API_TOKEN_CLI.clientId());
            }
            case VERIFY -> {
                assertEquals(200, result.status(), result::toString);
                JsonNode body = result.json();
                assertTrue(body.path("active").asBoolean(false), result::toString);
                assertEquals(owner.userId(), body.path("sub").asText(), result::toString);
                assertEquals(owner.username(), body.path("username").asText(), result::toString);
                assertEquals(owner.key(), body.path("key").asText(), result::toString);
            }
        }
    }

    private void assertJwtOf(Subject owner, String jwt, String azp) {
        JsonNode claims = realm.verifyJwt(jwt).claims();
        assertEquals(owner.userId(), claims.path("sub").asText(), claims::toString);
        assertEquals(azp, claims.path("azp").asText(), claims::toString);
        assertTrue(claims.path("exp").asLong() > Instant.now().getEpochSecond(), claims::toString);
    }

    private CreatedToken aliceToken(Map<String, ?> body) {
        CreatedToken token = alice.createToken(body);
        aliceKeys.add(token.key());
        return token;
    }

    private Subject of(String username, CreatedToken token) {
        return new Subject(token.value(), username, realm.userId(username), token.key());
    }

    /** A token of a fresh user, whose account {@code change} then makes unusable (the token itself stays active). */
    private Subject ownerChangedAfterCreation(String prefix, Consumer<String> change) {
        String username = uniqueName(prefix);
        String userId = realm.createUser(username);
        createdUsers.add(userId);
        CreatedToken token = realm.tokensOf(username).createToken(uniqueName("matrix"));
        change.accept(userId);
        return new Subject(token.value(), username, userId, token.key());
    }

    /** A value that is no token of anybody's, presented under alice's name where a door needs one. */
    private Subject spoiled(String value) {
        return new Subject(value, "alice", realm.userId("alice"), null);
    }

    private static String otherChecksum(String token) {
        String checksum = token.substring(token.length() - 6);
        return checksum.equals("000000") ? "000001" : "000000";
    }
}
