package io.github.kcpat.reminders;

import java.net.URI;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * Links to the Account Console for mails sent outside any request: the realm's frontend URL when set, else
 * the public base URL this node last served a request of ours on, else localhost.
 */
public final class AccountLinks {

    private static volatile URI lastSeenBase = URI.create("http://localhost:8080/");

    private AccountLinks() {
    }

    public static void remember(URI baseUri) {
        lastSeenBase = baseUri;
    }

    static String apiTokensPage(KeycloakSession session, RealmModel realm) {
        String frontend = realm.getAttribute("frontendUrl");
        String base = frontend != null && !frontend.isBlank() ? frontend : lastSeenBase.toString();
        return (base.endsWith("/") ? base : base + "/") + "realms/" + realm.getName() + "/account/api-tokens";
    }
}
