package io.github.kcpat.it;

import static io.github.kcpat.it.support.ApiAssertions.assertExchanged;
import static io.github.kcpat.it.support.ApiAssertions.assertRefused;
import static io.github.kcpat.it.support.ApiAssertions.uniqueName;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.icegreen.greenmail.util.GreenMail;
import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import io.github.kcpat.it.support.CreatedToken;
import io.github.kcpat.it.support.DemoClient;
import io.github.kcpat.it.support.DemoRealm;
import io.github.kcpat.it.support.Http;
import io.github.kcpat.it.support.HttpResult;
import io.github.kcpat.it.support.KeycloakAdmin;
import io.github.kcpat.it.support.KeycloakServer;
import io.github.kcpat.it.support.Poll;
import io.github.kcpat.it.support.Smtp;
import io.github.kcpat.it.support.TokenApi;
import jakarta.mail.MessagingException;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Users of an LDAP directory (UnboundID's in-memory server on loopback) as a user federation of the demo realm of a
 * Keycloak of this class's own, once per way of federating them: each mode is a federation of its own, over its own
 * {@code ou} of the directory, so that all of them run against one server.
 *
 * <p>With import, a federated user is a Keycloak user like any other. Without import, Keycloak keeps the user read-only
 * whatever the edit mode: no role mappings (the role comes from a {@code hardcoded-ldap-role-mapper}) and no
 * {@code enabled} flag (such a user is cut off in LDAP); the tokens themselves live in Keycloak's federated credential
 * store ({@code FED_USER_CREDENTIAL}). The realm sends reminder mails to GreenMail, every
 * {@value ExpiryReminderIT#INTERVAL_SECONDS} s.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Execution(ExecutionMode.CONCURRENT)
@ResourceLock("LdapFederationIT's servers")
@Order(4)
class LdapFederationIT {

    static final String BASE_DN = "dc=example,dc=org";
    private static final String BIND_DN = "cn=admin," + BASE_DN;
    private static final String BIND_PASSWORD = "admin-secret";

    /** How a federation keeps its users: imported into Keycloak's database, or read from LDAP on every lookup. */
    enum Mode {
        IMPORT_READ_ONLY("imp", true, "READ_ONLY"),
        NO_IMPORT_READ_ONLY("nir", false, "READ_ONLY"),
        NO_IMPORT_WRITABLE("niw", false, "WRITABLE");

        final String prefix;
        final boolean importEnabled;
        final String editMode;

        Mode(String prefix, boolean importEnabled, String editMode) {
            this.prefix = prefix;
            this.importEnabled = importEnabled;
            this.editMode = editMode;
        }

        String ou() {
            return "ou=" + name().toLowerCase().replace('_', '-') + "," + BASE_DN;
        }

        /** A user of this mode's {@code ou}; the password is the username, as for the demo users. */
        String user(String purpose) {
            return prefix + "-" + purpose;
        }
    }

    private InMemoryDirectoryServer ldap;
    private GreenMail smtp;
    private KeycloakServer server;
    private DemoRealm realm;
    private KeycloakAdmin admin;
    private final Map<Mode, String> federations = new EnumMap<>(Mode.class);

    @BeforeAll
    void startServers() throws Exception {
        ldap = startDirectory();
        smtp = Smtp.start();
        server = KeycloakServer.independent("ldap-federation").withDemoRealm()
                .addOptions(ExpiryReminderIT.INTERVAL_OPTION);
        server.start();
        realm = DemoRealm.on(server);
        Smtp.sendMailOf(realm, smtp);
        admin = new KeycloakAdmin(new Http(server.baseUrl()));
        String realmId = realm.representation().path("id").asText();
        int priority = 1;
        for (Mode mode : Mode.values()) {
            federations.put(mode, addFederation(realmId, mode, priority++));
            if (!mode.importEnabled) {
                grantRoleToEveryUserOf(federations.get(mode));
            }
        }
    }

    @AfterAll
    void stopServers() {
        if (server != null) {
            server.close();
        }
        if (ldap != null) {
            ldap.shutDown(true);
        }
        if (smtp != null) {
            smtp.stop();
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aFederatedUserWithTheRoleCreatesUsesDisablesAndDeletesTokens(Mode mode) {
        String username = mode.user("lifecycle");
        String userId = federatedUserWithTheRole(mode, username);
        TokenApi api = realm.tokensOf(username);

        CreatedToken token = api.createToken(Map.of("name", uniqueName("ldap " + mode.prefix), "scopes", List.of("demo-api")));
        assertNotNull(api.listed(token.key()), "the new token is not listed");
        assertExchanged(realm.exchange(token.value()));
        HttpResult verify = realm.doors().verify(DemoClient.API_GATEWAY, token.value());
        assertEquals(userId, verify.json().path("sub").asText(), verify::toString);

        HttpResult disabled = api.patch(token.key(), Map.of("state", "DISABLED"));
        assertEquals(200, disabled.status(), disabled::toString);
        assertRefused(realm.exchange(token.value()));

        HttpResult enabled = api.patch(token.key(), Map.of("state", "ACTIVE"));
        assertEquals(200, enabled.status(), enabled::toString);
        assertExchanged(realm.exchange(token.value()));

        HttpResult rotated = api.rotate(token.key());
        assertEquals(200, rotated.status(), rotated::toString);
        assertRefused(realm.exchange(token.value()));
        assertExchanged(realm.exchange(rotated.text("token")));

        HttpResult deleted = api.delete(token.key());
        assertEquals(204, deleted.status(), deleted::toString);
        assertRefused(realm.exchange(rotated.text("token")));
        assertNull(api.listed(token.key()));
        assertEquals(404, api.get(token.key()).status());
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aFederatedUserDisabledInKeycloakLosesTheUseOfTheirTokens(Mode mode) {
        String username = mode.user("disabled");
        String userId = federatedUserWithTheRole(mode, username);
        CreatedToken token = realm.tokensOf(username).createToken(uniqueName("ldap " + mode.prefix));
        assertExchanged(realm.exchange(token.value()));

        HttpResult disabled = setEnabled(userId, false);
        if (mode.importEnabled) {
            assertEquals(204, disabled.status(), disabled::toString);
            assertRefused(realm.exchange(token.value()));
            assertEquals(204, setEnabled(userId, true).status());
            assertExchanged(realm.exchange(token.value()));
        } else {
            // Keycloak itself keeps such a user read-only ("enabled" included): it is disabled, or removed, in LDAP
            assertEquals(400, disabled.status(), disabled::toString);
            assertTrue(disabled.json().path("errorMessage").asText().contains("read-only"), disabled::toString);
            assertExchanged(realm.exchange(token.value()));
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aUserRemovedFromLdapLosesTheUseOfTheirTokens(Mode mode) throws Exception {
        String username = mode.user("removed");
        federatedUserWithTheRole(mode, username);
        CreatedToken token = realm.tokensOf(username).createToken(uniqueName("ldap " + mode.prefix));
        assertExchanged(realm.exchange(token.value()));

        ldap.delete("uid=" + username + "," + mode.ou());

        assertRefused(realm.exchange(token.value()));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void theAdminApiReadsAndRevokesTheTokensOfAFederatedUser(Mode mode) {
        String username = mode.user("admin");
        String userId = federatedUserWithTheRole(mode, username);
        CreatedToken token = realm.tokensOf(username).createToken(uniqueName("ldap " + mode.prefix));

        HttpResult read = admin.tokens(DemoRealm.NAME).read(token.key());
        assertEquals(200, read.status(), read::toString);
        assertEquals(userId, read.json().path("user").path("id").asText(), read::toString);
        HttpResult credentials = realm.credentials(userId);
        assertEquals(200, credentials.status(), credentials::toString);
        assertTrue(credentials.body().contains(token.key()), credentials::toString);

        HttpResult revoked = admin.tokens(DemoRealm.NAME).delete(token.key());
        assertEquals(204, revoked.status(), revoked::toString);
        assertRefused(realm.exchange(token.value()));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void theAdminListOfAFederatedUserShowsTheirTokens(Mode mode) {
        String username = mode.user("listed");
        String userId = federatedUserWithTheRole(mode, username);
        CreatedToken token = realm.tokensOf(username).createToken(uniqueName("ldap " + mode.prefix));

        HttpResult byUser = admin.tokens(DemoRealm.NAME).list("user=" + userId);

        assertEquals(200, byUser.status(), byUser::toString);
        assertEquals(List.of(token.key()), byUser.json().findValuesAsText("key"), byUser::toString);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aFederatedUserIsRemindedOfAnExpiringToken(Mode mode) {
        String username = mode.user("reminded");
        federatedUserWithTheRole(mode, username);
        String name = uniqueName("ldap " + mode.prefix);
        realm.tokensOf(username).createToken(Map.of("name", name, "expiresAt", Instant.now().plus(Duration.ofDays(3))
                .truncatedTo(ChronoUnit.SECONDS).toString()));

        Poll.until(Duration.ofSeconds(30), () -> mailsAbout(name) > 0);

        assertEquals(1, mailsAbout(name), () -> "no reminder to " + username + " within 30 s; see " + server.log());
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void noRequestEndedInAServerError() throws IOException {
        String log = Files.readString(server.log());
        assertFalse(log.contains("Uncaught server error"), "a 500 is logged in " + server.log());
    }

    /** Reminders received so far whose subject names the token {@code name}. */
    private long mailsAbout(String name) {
        return Arrays.stream(smtp.getReceivedMessages()).filter(message -> {
            try {
                return message.getSubject().contains("\"" + name + "\"");
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).count();
    }

    private HttpResult setEnabled(String userId, boolean enabled) {
        String path = "/admin/realms/" + DemoRealm.NAME + "/users/" + userId;
        ObjectNode rep = (ObjectNode) admin.get(path).json();
        rep.put("enabled", enabled);
        return admin.http().putJson(path, rep, admin.login().headers());
    }

    private String federatedUserWithTheRole(Mode mode, String username) {
        String userId = realm.userId(username);
        assertEquals(!mode.importEnabled, userId.startsWith("f:"), () -> mode + " gave the user id " + userId);
        HttpResult user = admin.get("/admin/realms/" + DemoRealm.NAME + "/users/" + userId);
        assertEquals(federations.get(mode), user.json().path("federationLink").asText(), user::toString);
        if (mode.importEnabled) {
            realm.addRealmRole(userId, DemoRealm.ROLE);
        }
        return userId;
    }

    private String addFederation(String realmId, Mode mode, int priority) {
        Map<String, List<String>> config = Map.ofEntries(
                Map.entry("enabled", List.of("true")),
                Map.entry("priority", List.of(String.valueOf(priority))),
                Map.entry("vendor", List.of("other")),
                Map.entry("connectionUrl", List.of("ldap://127.0.0.1:" + ldap.getListenPort())),
                Map.entry("bindDn", List.of(BIND_DN)),
                Map.entry("bindCredential", List.of(BIND_PASSWORD)),
                Map.entry("authType", List.of("simple")),
                Map.entry("usersDn", List.of(mode.ou())),
                Map.entry("searchScope", List.of("1")),
                Map.entry("editMode", List.of(mode.editMode)),
                Map.entry("importEnabled", List.of(String.valueOf(mode.importEnabled))),
                Map.entry("syncRegistrations", List.of("false")),
                Map.entry("usernameLDAPAttribute", List.of("uid")),
                Map.entry("rdnLDAPAttribute", List.of("uid")),
                Map.entry("uuidLDAPAttribute", List.of("entryUUID")),
                Map.entry("userObjectClasses", List.of("inetOrgPerson, organizationalPerson")),
                Map.entry("pagination", List.of("false")),
                Map.entry("connectionPooling", List.of("false")),
                Map.entry("trustEmail", List.of("true")),
                Map.entry("cachePolicy", List.of("DEFAULT")),
                Map.entry("fullSyncPeriod", List.of("-1")),
                Map.entry("changedSyncPeriod", List.of("-1")));
        ObjectNode component = Http.JSON.createObjectNode()
                .put("name", "ldap-" + mode.name().toLowerCase())
                .put("providerId", "ldap")
                .put("providerType", "org.keycloak.storage.UserStorageProvider")
                .put("parentId", realmId);
        component.set("config", Http.JSON.valueToTree(config));
        HttpResult created = admin.http().postJson("/admin/realms/" + DemoRealm.NAME + "/components", component,
                admin.login().headers());
        assertEquals(201, created.status(), created::toString);
        String location = created.header("Location").orElseThrow();
        return location.substring(location.lastIndexOf('/') + 1);
    }

    /**
     * Users of a federation without import are read-only in Keycloak, role mappings included ("The user is read-only.
     * Not possible to write 'role mapping …'"): their roles come from LDAP mappers, here one that gives every user of
     * the federation the role.
     */
    private void grantRoleToEveryUserOf(String federationId) {
        ObjectNode mapper = Http.JSON.createObjectNode()
                .put("name", "role " + DemoRealm.ROLE)
                .put("providerId", "hardcoded-ldap-role-mapper")
                .put("providerType", "org.keycloak.storage.ldap.mappers.LDAPStorageMapper")
                .put("parentId", federationId);
        mapper.set("config", Http.JSON.valueToTree(Map.of("role", List.of(DemoRealm.ROLE))));
        HttpResult created = admin.http().postJson("/admin/realms/" + DemoRealm.NAME + "/components", mapper,
                admin.login().headers());
        assertEquals(201, created.status(), created::toString);
    }

    private static InMemoryDirectoryServer startDirectory() throws Exception {
        InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig(BASE_DN);
        config.addAdditionalBindCredentials(BIND_DN, BIND_PASSWORD);
        config.setListenerConfigs(InMemoryListenerConfig.createLDAPConfig("ldap", InetAddress.getLoopbackAddress(), 0, null));
        InMemoryDirectoryServer directory = new InMemoryDirectoryServer(config);
        directory.add("dn: " + BASE_DN, "objectClass: top", "objectClass: domain", "dc: example");
        for (Mode mode : Mode.values()) {
            String ou = mode.ou();
            directory.add("dn: " + ou, "objectClass: top", "objectClass: organizationalUnit",
                    "ou: " + ou.substring(3, ou.indexOf(',')));
            for (String purpose : List.of("lifecycle", "disabled", "removed", "admin", "listed", "reminded")) {
                String uid = mode.user(purpose);
                directory.add("dn: uid=" + uid + "," + ou,
                        "objectClass: top", "objectClass: person", "objectClass: organizationalPerson", "objectClass: inetOrgPerson",
                        "uid: " + uid, "cn: " + uid, "sn: Federated", "mail: " + uid + "@example.org", "userPassword: " + uid);
            }
        }
        directory.startListening();
        return directory;
    }
}
