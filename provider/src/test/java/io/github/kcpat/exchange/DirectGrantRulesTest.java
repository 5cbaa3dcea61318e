package io.github.kcpat.exchange;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.keycloak.models.ClientModel;
import org.keycloak.models.Constants;
import org.keycloak.sessions.AuthenticationSessionModel;

import io.github.kcpat.verify.Provenance;

class DirectGrantRulesTest {

    @Test
    void clientWithRefreshTokensIsRefusedWhateverTheScope() {
        assertEquals("unauthorized_client", DirectGrantRules.refusal(client(Map.of()), null).error());
        assertEquals("unauthorized_client", DirectGrantRules.refusal(client(Map.of("use.refresh.tokens", "true")), "openid").error());
    }

    @Test
    void offlineAccessIsRefused() {
        ClientModel noRefresh = client(Map.of("use.refresh.tokens", "false"));

        assertEquals("invalid_scope", DirectGrantRules.refusal(noRefresh, "openid offline_access").error());
        assertNull(DirectGrantRules.refusal(noRefresh, "openid demo-api"));
        assertNull(DirectGrantRules.refusal(noRefresh, null));
    }

    @Test
    void grantGetsTheTokensScopesAndTheMarks() {
        Map<String, String> clientNotes = new HashMap<>();
        Map<String, String> authNotes = new HashMap<>();
        Map<String, String> userSessionNotes = new HashMap<>();

        DirectGrantRules.shape(authSession(clientNotes, authNotes, userSessionNotes), "the-key",
                List.of("demo-api", "offline_access"), "openid phone");

        assertEquals("openid demo-api", clientNotes.get("scope"));
        assertEquals(Provenance.ACR, authNotes.get(Constants.LEVEL_OF_AUTHENTICATION));
        assertEquals("the-key", userSessionNotes.get(Provenance.SESSION_NOTE));
    }

    @Test
    void callerWithoutOpenidGetsOnlyTheTokensScopes() {
        Map<String, String> clientNotes = new HashMap<>();

        DirectGrantRules.shape(authSession(clientNotes, new HashMap<>(), new HashMap<>()), "k", List.of(), "demo-api");

        assertEquals("", clientNotes.get("scope"));
    }

    private static ClientModel client(Map<String, String> attributes) {
        return (ClientModel) Proxy.newProxyInstance(ClientModel.class.getClassLoader(), new Class<?>[] {ClientModel.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getAttribute" -> attributes.get((String) args[0]);
                    case "getAttributes" -> attributes;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private static AuthenticationSessionModel authSession(Map<String, String> clientNotes, Map<String, String> authNotes,
            Map<String, String> userSessionNotes) {
        return (AuthenticationSessionModel) Proxy.newProxyInstance(AuthenticationSessionModel.class.getClassLoader(),
                new Class<?>[] {AuthenticationSessionModel.class}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "setClientNote" -> clientNotes.put((String) args[0], (String) args[1]);
                        case "setAuthNote" -> authNotes.put((String) args[0], (String) args[1]);
                        case "setUserSessionNote" -> userSessionNotes.put((String) args[0], (String) args[1]);
                        default -> throw new UnsupportedOperationException(method.getName());
                    }
                    return null;
                });
    }
}
