package io.github.kcpat.it;

import static io.github.kcpat.it.support.ApiAssertions.uniqueName;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.kcpat.it.support.CreatedToken;
import io.github.kcpat.it.support.DemoRealm;
import io.github.kcpat.it.support.Http;
import io.github.kcpat.it.support.HttpResult;
import io.github.kcpat.it.support.KeycloakExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What a realm admin sees of a token in the user's credentials: its name and settings, never its secret. */
@ExtendWith(KeycloakExtension.class)
class AdminCredentialIT {

    private final DemoRealm realm;

    AdminCredentialIT(DemoRealm realm) {
        this.realm = realm;
    }

    @Test
    void credentialHoldsNoSecret() throws Exception {
        CreatedToken token = realm.tokensOf("alice").createToken(Map.of("name", uniqueName("admin-view"), "scopes", List.of("demo-api")));

        HttpResult credentials = realm.credentials(realm.userId("alice"));

        assertEquals(200, credentials.status(), credentials::toString);
        JsonNode credential = credentialWithId(credentials.json(), token.key());
        assertNotNull(credential, () -> "no credential " + token.key() + " in " + credentials);
        assertEquals("personal-api-token", credential.path("type").asText());
        assertEquals(token.name(), credential.path("userLabel").asText());
        assertTrue(credential.path("secretData").asText("").isEmpty(), credential::toString);
        JsonNode data = Http.JSON.readTree(credential.path("credentialData").asText());
        assertTrue(data.isObject(), () -> "credentialData is not a JSON object: " + credential);
        for (String secret : secretParts(token.value())) {
            assertFalse(credentials.body().contains(secret), () -> "the admin API shows part of the token: " + secret);
        }
    }

    private static JsonNode credentialWithId(JsonNode credentials, String id) {
        for (JsonNode credential : credentials) {
            if (id.equals(credential.path("id").asText())) {
                return credential;
            }
        }
        return null;
    }

    /** The whole value, its key-and-secret body, and every 16-character slice of that body. */
    private static List<String> secretParts(String token) {
        String body = token.split("_")[1];
        List<String> parts = new ArrayList<>(List.of(token, body));
        for (int i = 0; i + 16 <= body.length(); i++) {
            parts.add(body.substring(i, i + 16));
        }
        return parts;
    }
}
