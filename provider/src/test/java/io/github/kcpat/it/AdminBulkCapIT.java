package io.github.kcpat.it;

import static io.github.kcpat.it.support.ApiAssertions.assertError;
import static io.github.kcpat.it.support.ApiAssertions.uniqueName;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kcpat.it.support.DemoRealm;
import io.github.kcpat.it.support.Http;
import io.github.kcpat.it.support.HttpResult;
import io.github.kcpat.it.support.KeycloakAdmin;
import io.github.kcpat.it.support.KeycloakExtension;
import io.github.kcpat.it.support.TokenAdminApi;
import io.github.kcpat.token.ApiToken;
import io.github.kcpat.token.StoredCredential;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A bulk action by filter takes at most 10,000 tokens, as one by keys does: a wider filter is refused whole. Apart from
 * {@link AdminBulkIT} because it imports 10,020 tokens (the cap is the resource's, whatever the database, so the
 * PostgreSQL run leaves it out).
 */
@ExtendWith(KeycloakExtension.class)
class AdminBulkCapIT {

    private final DemoRealm realm;
    private final TokenAdminApi admin;

    AdminBulkCapIT(DemoRealm realm) {
        this.realm = realm;
        this.admin = new KeycloakAdmin(realm.http()).tokens(DemoRealm.NAME);
    }

    @Test
    void aFilterMatchingMoreThanTenThousandTokensIsRefusedAndChangesNothing() {
        // 20 owners of 501 tokens: Keycloak imports one user's credentials in a time that grows with their square
        String prefix = uniqueName("many");
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        List<String> owners = new ArrayList<>();
        try {
            for (int u = 0; u < 20; u++) {
                List<Object> tokens = new ArrayList<>();
                for (int i = 0; i < 501; i++) {
                    tokens.add(Http.JSON.valueToTree(StoredCredential.Imported.of(ApiToken.generate(), "t" + i,
                            StoredCredential.Data.of(List.of(), "ACTIVE", now.plus(Duration.ofDays(30)), now), now)));
                }
                owners.add(realm.createUser(DemoRealm.userRepresentation(prefix + "-" + u, true, tokens)));
            }

            HttpResult refused = admin.bulkRaw("{\"action\":\"disable\",\"filter\":{\"search\":\"" + prefix + "\"}}");

            assertError(refused, 400, "invalid_request");
            assertTrue(refused.text("error_description").startsWith("The filter matches 10020 tokens; a bulk action takes at most 10000"),
                    refused::toString);
            HttpResult disabled = admin.count("search=" + prefix + "&state=disabled");
            assertEquals(200, disabled.status(), disabled::toString);
            assertEquals(0, disabled.json().path("count").asInt(-1), "a refused bulk action disabled tokens: " + disabled);
            assertEquals(10020, admin.count("search=" + prefix).json().path("count").asInt());
        } finally {
            owners.forEach(realm::deleteUser);
        }
    }
}
