package io.github.kcpat.it.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.Map;

/**
 * Who calls Keycloak's admin REST API: nobody, or a user of some realm signed in with that realm's
 * {@code admin-cli} client (password grant). The access token is renewed shortly before it expires.
 */
public final class AdminLogin {

    private final Http http;
    private final String realm;
    private final String username;
    private final String password;
    private String accessToken;
    private Instant expiry = Instant.MIN;

    private AdminLogin(Http http, String realm, String username, String password) {
        this.http = http;
        this.realm = realm;
        this.username = username;
        this.password = password;
    }

    /** No {@code Authorization} header at all. */
    public static AdminLogin anonymous() {
        return new AdminLogin(null, null, null, null);
    }

    /** The master realm's bootstrap admin (admin / admin). */
    public static AdminLogin master(Http http) {
        return password(http, "master", "admin", "admin");
    }

    public static AdminLogin password(Http http, String realm, String username, String password) {
        return new AdminLogin(http, realm, username, password);
    }

    /** The headers to send: empty for {@link #anonymous()}, else {@code Authorization: Bearer …}. */
    public synchronized String[] headers() {
        if (realm == null) {
            return new String[0];
        }
        if (TestClock.serverNow(http).isAfter(expiry)) {
            HttpResult token = http.postForm("/realms/" + realm + "/protocol/openid-connect/token", Map.of(
                    "grant_type", "password",
                    "client_id", "admin-cli",
                    "username", username,
                    "password", password));
            assertEquals(200, token.status(), () -> "Cannot sign in " + username + " to " + realm + ": " + token);
            accessToken = token.text("access_token");
            expiry = TestClock.serverNow(http).plusSeconds(token.json().get("expires_in").asLong() - 15);
        }
        return new String[] {"Authorization", "Bearer " + accessToken};
    }

    @Override
    public String toString() {
        return realm == null ? "anonymous" : username + "@" + realm;
    }
}
