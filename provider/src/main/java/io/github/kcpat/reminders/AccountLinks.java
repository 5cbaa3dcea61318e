package io.github.kcpat.reminders;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.keycloak.Config;
import org.keycloak.models.RealmModel;

/**
 * The link to the Account Console page in mails sent outside any request. Only a public URL an admin configured is
 * used: the realm's Frontend URL, else Keycloak's {@code hostname} option (read where Keycloak's own hostname provider
 * reads it), as Keycloak itself ranks them. Never a base URL taken from a request: its {@code Host} and
 * {@code X-Forwarded-*} headers are the client's to choose, and a reminder would carry an attacker's link (issue 12).
 * With neither configured there is no link and the mail says where to go in words.
 */
public final class AccountLinks {

    private AccountLinks() {
    }

    /** The realm's API tokens page at its configured public URL; empty when none is configured. */
    public static Optional<String> apiTokensPage(RealmModel realm) {
        return apiTokensPage(realm.getName(), realm.getAttribute("frontendUrl"), Config.scope("hostname", "v2").get("hostname"));
    }

    /** The page under the first configured base: {@code frontendUrl}, else {@code hostname} (a URL or a bare host name). */
    static Optional<String> apiTokensPage(String realmName, String frontendUrl, String hostname) {
        return publicBase(frontendUrl).or(() -> hostnameBase(hostname))
                .map(base -> base + "realms/" + pathSegment(realmName) + "/account/api-tokens");
    }

    /**
     * A bare host name (Keycloak takes scheme, port and path from each request then) becomes {@code https://<host>/}:
     * the scheme a production Keycloak serves; give the full URL when Keycloak is reached otherwise.
     */
    private static Optional<String> hostnameBase(String hostname) {
        if (hostname == null || hostname.isBlank()) {
            return Optional.empty();
        }
        String value = hostname.strip();
        return publicBase(value.startsWith("http://") || value.startsWith("https://") ? value : "https://" + value);
    }

    /** An absolute http(s) URL with a host and nothing that has no place in a base URL; with a trailing slash. */
    private static Optional<String> publicBase(String url) {
        if (url == null || url.isBlank()) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(url.strip());
            boolean web = "http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme());
            if (!web || uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawQuery() != null
                    || uri.getRawFragment() != null) {
                return Optional.empty();
            }
            String base = uri.toString();
            return Optional.of(base.endsWith("/") ? base : base + "/");
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    /** Percent-encodes everything but RFC 3986 unreserved characters: realm names may hold spaces or slashes. */
    private static String pathSegment(String text) {
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (c < 0x80 && (Character.isLetterOrDigit(c) || "-._~".indexOf(c) >= 0)) {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return out.toString();
    }
}
