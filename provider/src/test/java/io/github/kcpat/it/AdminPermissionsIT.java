package io.github.kcpat.it;

import static io.github.kcpat.it.support.ApiAssertions.assertError;
import static io.github.kcpat.it.support.ApiAssertions.uniqueName;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.kcpat.it.support.AdminLogin;
import io.github.kcpat.it.support.DemoRealm;
import io.github.kcpat.it.support.HttpResult;
import io.github.kcpat.it.support.KeycloakAdmin;
import io.github.kcpat.it.support.KeycloakExtension;
import io.github.kcpat.it.support.TokenAdminApi;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Who may call {@code /admin/realms/demo/personal-api-tokens}: Keycloak's own admin roles decide, realm by realm.
 * Every cell of the matrix runs against a fresh token of a user made for this class; a refused write must leave
 * that token as it was.
 */
@ExtendWith(KeycloakExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdminPermissionsIT {

    private static final String OTHER_REALM = "other";

    enum Operation { LIST, READ, PATCH, DELETE, DELETE_ALL, CREATE, ROTATE, GET_POLICY, PUT_POLICY }

    /** The callers and what each may do; any operation not listed is refused with the caller's default status. */
    enum Caller {
        ANONYMOUS(Set.of(401)),
        USER_WITHOUT_ADMIN_ROLES(Set.of(403)),
        VIEW_USERS(Set.of(403), Operation.LIST, Operation.READ),
        // creating or rotating a token hands its value to the admin: that needs the impersonation role besides manage-users
        MANAGE_USERS(Set.of(403), Operation.LIST, Operation.READ, Operation.PATCH, Operation.DELETE,
                Operation.DELETE_ALL),
        MANAGE_USERS_AND_IMPERSONATION(Set.of(403), Operation.LIST, Operation.READ, Operation.PATCH, Operation.DELETE,
                Operation.DELETE_ALL, Operation.CREATE, Operation.ROTATE),
        VIEW_REALM(Set.of(403), Operation.GET_POLICY),
        MANAGE_REALM(Set.of(403), Operation.GET_POLICY, Operation.PUT_POLICY),
        OTHER_REALM_ADMIN(Set.of(403, 404)),
        MASTER_ADMIN(Set.of(403), Operation.values());

        final Set<Integer> refusal;
        final Set<Operation> allowed;

        Caller(Set<Integer> refusal, Operation... allowed) {
            this.refusal = refusal;
            this.allowed = Set.of(allowed);
        }
    }

    private final DemoRealm realm;
    private final KeycloakAdmin admin;
    private final Map<Caller, AdminLogin> logins = new EnumMap<>(Caller.class);
    private final List<String> demoUsers = new ArrayList<>();
    private String targetId;

    AdminPermissionsIT(DemoRealm realm) {
        this.realm = realm;
        this.admin = new KeycloakAdmin(realm.http());
    }

    @BeforeAll
    void createCallers() {
        targetId = realm.createUser(uniqueName("perm-target"));
        logins.put(Caller.ANONYMOUS, AdminLogin.anonymous());
        logins.put(Caller.USER_WITHOUT_ADMIN_ROLES, AdminLogin.password(realm.http(), DemoRealm.NAME, "alice", "alice"));
        logins.put(Caller.VIEW_USERS, demoAdmin("perm-view-users", "view-users"));
        logins.put(Caller.MANAGE_USERS, demoAdmin("perm-manage-users", "manage-users"));
        logins.put(Caller.MANAGE_USERS_AND_IMPERSONATION, demoAdmin("perm-impersonator", "manage-users", "impersonation"));
        logins.put(Caller.VIEW_REALM, demoAdmin("perm-view-realm", "view-realm"));
        logins.put(Caller.MANAGE_REALM, demoAdmin("perm-manage-realm", "manage-realm"));
        admin.createRealm(OTHER_REALM);
        admin.createUser(OTHER_REALM, "other-admin", "other-admin", "realm-admin");
        logins.put(Caller.OTHER_REALM_ADMIN, AdminLogin.password(realm.http(), OTHER_REALM, "other-admin", "other-admin"));
        logins.put(Caller.MASTER_ADMIN, admin.login());
    }

    @AfterAll
    void removeCallers() {
        List<Runnable> cleanups = new ArrayList<>();
        demoUsers.forEach(id -> cleanups.add(() -> admin.deleteUser(DemoRealm.NAME, id)));
        cleanups.add(() -> realm.deleteUser(targetId));
        cleanups.add(() -> admin.deleteRealm(OTHER_REALM));
        AssertionError failed = null;
        for (Runnable cleanup : cleanups) {
            try {
                cleanup.run();
            } catch (AssertionError e) {
                failed = failed == null ? e : failed;
            }
        }
        if (failed != null) {
            throw failed;
        }
    }

    static Stream<Arguments> matrix() {
        return Stream.of(Caller.values())
                .flatMap(caller -> Stream.of(Operation.values()).map(operation -> Arguments.of(caller, operation)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("matrix")
    void callerGetsWhatItsAdminRolesAllow(Caller caller, Operation operation) {
        TokenAdminApi api = new TokenAdminApi(realm.http(), DemoRealm.NAME, logins.get(caller));
        TokenAdminApi master = admin.tokens(DemoRealm.NAME);
        JsonNode policyBefore = master.policy().json();
        String key = master.createToken(Map.of("user", targetId, "name", uniqueName("perm"))).path("key").asText();
        String newName = uniqueName("perm-created");
        String updatedBefore = master.read(key).json().path("updatedAt").asText();

        HttpResult result = call(api, operation, key, newName, policyBefore);

        if (caller.allowed.contains(operation)) {
            assertAllowed(operation, result, key, newName);
        } else {
            assertTrue(caller.refusal.contains(result.status()), () -> caller + " expected " + caller.refusal + ": " + result);
            assertTrue(result.json().path("error").isTextual(), () -> "the refusal has no JSON error: " + result);
            if (caller.refusal.size() == 1 && caller.refusal.contains(403)) {
                assertError(result, 403, "forbidden");
            }
            assertUnchanged(key, newName, policyBefore);
            assertEquals(updatedBefore, master.read(key).json().path("updatedAt").asText(), "a refused call changed the token");
        }
    }

    @Test
    void otherRealmAdminIsAnAdminOfItsOwnRealmOnly() {
        TokenAdminApi own = new TokenAdminApi(realm.http(), OTHER_REALM, logins.get(Caller.OTHER_REALM_ADMIN));
        String key = admin.tokens(DemoRealm.NAME).createToken(Map.of("user", targetId, "name", uniqueName("cross")))
                .path("key").asText();

        HttpResult list = own.list("");
        assertEquals(200, list.status(), list::toString);
        assertEquals(0, list.json().size(), list::toString);
        assertEquals(200, own.policy().status());
        // a demo token's key or a demo user, named through the other realm's path, is not found there
        assertError(own.read(key), 404, "not_found");
        assertError(own.patch(key, Map.of("state", "DISABLED")), 404, "not_found");
        assertError(own.delete(key), 404, "not_found");
        assertError(own.rotate(key, Map.of()), 404, "not_found");
        assertError(own.deleteAllOf(targetId), 404, "not_found");
        assertError(own.rolesOf(targetId), 404, "not_found");
        assertError(own.create(Map.of("user", targetId, "name", uniqueName("cross-create"))), 404, "not_found");
        assertError(own.list("user=" + targetId), 404, "not_found");

        HttpResult roles = admin.tokens(DemoRealm.NAME).rolesOf(targetId);
        assertEquals(200, roles.status(), roles::toString);
        HttpResult after = admin.tokens(DemoRealm.NAME).read(key);
        assertEquals(200, after.status(), after::toString);
        assertEquals("ACTIVE", after.json().path("state").asText(), after::toString);
    }

    private HttpResult call(TokenAdminApi api, Operation operation, String key, String newName, JsonNode policy) {
        return switch (operation) {
            case LIST -> api.list("");
            case READ -> api.read(key);
            case PATCH -> api.patch(key, Map.of("state", "DISABLED"));
            case DELETE -> api.delete(key);
            case DELETE_ALL -> api.deleteAllOf(targetId);
            case CREATE -> api.create(Map.of("user", targetId, "name", newName,
                    "expiresAt", Instant.now().plus(10, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString()));
            case ROTATE -> api.rotate(key, Map.of("overlapMinutes", 5));
            case GET_POLICY -> api.policy();
            // writes the policy as it is: allowed or not, nothing changes
            case PUT_POLICY -> api.putPolicy(Map.of("reminderDays", policy.path("reminderDays")));
        };
    }

    private void assertAllowed(Operation operation, HttpResult result, String key, String newName) {
        TokenAdminApi master = admin.tokens(DemoRealm.NAME);
        switch (operation) {
            case LIST -> {
                assertEquals(200, result.status(), result::toString);
                assertTrue(result.json().isArray(), result::toString);
            }
            case READ -> {
                assertEquals(200, result.status(), result::toString);
                assertEquals(key, result.json().path("key").asText(), result::toString);
                assertEquals(targetId, result.json().path("user").path("id").asText(), result::toString);
            }
            case PATCH -> {
                assertEquals(200, result.status(), result::toString);
                assertEquals("DISABLED", master.read(key).json().path("state").asText());
            }
            case DELETE -> {
                assertEquals(204, result.status(), result::toString);
                assertError(master.read(key), 404, "not_found");
            }
            case DELETE_ALL -> {
                assertEquals(200, result.status(), result::toString);
                assertTrue(result.json().path("deleted").asInt() >= 1, result::toString);
                assertError(master.read(key), 404, "not_found");
            }
            case CREATE -> {
                assertEquals(201, result.status(), result::toString);
                assertEquals(newName, result.json().path("name").asText(), result::toString);
                assertEquals(200, master.read(result.json().path("key").asText()).status());
            }
            case ROTATE -> {
                assertEquals(200, result.status(), result::toString);
                assertTrue(result.json().path("token").asText().startsWith("kcpat_"), result::toString);
                assertTrue(result.json().path("previousSecretExpiresAt").isTextual(), result::toString);
                assertEquals(targetId, result.json().path("user").path("id").asText(), result::toString);
            }
            case GET_POLICY -> {
                assertEquals(200, result.status(), result::toString);
                assertTrue(result.json().has("maxLifetimeDays"), result::toString);
            }
            case PUT_POLICY -> assertEquals(200, result.status(), result::toString);
        }
    }

    private void assertUnchanged(String key, String newName, JsonNode policyBefore) {
        TokenAdminApi master = admin.tokens(DemoRealm.NAME);
        HttpResult token = master.read(key);
        assertEquals(200, token.status(), () -> "a refused call changed the token: " + token);
        assertEquals("ACTIVE", token.json().path("state").asText(), token::toString);
        HttpResult created = master.list("user=" + targetId + "&search=" + newName);
        assertEquals(200, created.status(), created::toString);
        assertEquals(0, created.json().size(), () -> "a refused call created a token: " + created);
        assertEquals(policyBefore, master.policy().json(), "a refused call changed the policy");
    }

    private AdminLogin demoAdmin(String prefix, String... roles) {
        String username = uniqueName(prefix);
        demoUsers.add(admin.createUser(DemoRealm.NAME, username, username, roles));
        return AdminLogin.password(realm.http(), DemoRealm.NAME, username, username);
    }

    @Test
    void errorsOfTheResourceAreJson() {
        HttpResult refused = new TokenAdminApi(realm.http(), DemoRealm.NAME, logins.get(Caller.VIEW_USERS))
                .deleteAllOf(targetId);
        assertError(refused, 403, "forbidden");
        assertTrue(refused.header("Content-Type").orElse("").startsWith("application/json"), refused.headers()::toString);
        assertFalse(refused.body().contains("Exception"), refused::toString);
    }
}
