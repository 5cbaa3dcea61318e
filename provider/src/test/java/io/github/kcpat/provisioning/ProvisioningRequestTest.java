package io.github.kcpat.provisioning;

import static io.github.kcpat.input.InputAssertions.assertRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.github.kcpat.limits.IpAllowlist;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.github.kcpat.credential.TokenState;
import io.github.kcpat.input.InvalidInput;
import io.github.kcpat.service.TokenRequest;
import io.github.kcpat.token.ApiToken;

/** A provisioning file's operations, read without a server; cases moved here from ProvisioningIT (files 46 and 47). */
class ProvisioningRequestTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static List<ProvisioningRequest> read(String file) throws Exception {
        return ProvisioningFolder.requests(JSON.readTree(file));
    }

    @Test
    void oneOperationOrAnArrayOfThem() throws Exception {
        assertEquals(1, read("{\"action\":\"delete\",\"realm\":\"demo\",\"key\":\"k\"}").size());
        List<ProvisioningRequest> two = read("[{\"action\":\"delete\",\"realm\":\"demo\",\"key\":\"a\"},"
                + "{\"action\":\"update\",\"realm\":\"demo\",\"key\":\"b\",\"state\":\"DISABLED\",\"expiresAt\":null}]");
        assertEquals(List.of("a", "b"), two.stream().map(ProvisioningRequest::key).toList());
        TokenRequest update = two.get(1).tokenRequest();
        assertEquals(TokenState.DISABLED, update.state());
        assertTrue(update.expiresAtGiven(), "null means never");
        assertFalse(two.get(0).tokenRequest().expiresAtGiven(), "absent means unchanged");
    }

    /** Moved from ProvisioningIT (46-date-only-expiry.json): the CLI's and the API's grammar. */
    @Test
    void aFileCarriesRolesAndAnAllowlistLikeTheRestApi() throws Exception {
        TokenRequest create = read("{\"action\":\"create\",\"realm\":\"demo\",\"user\":\"alice\",\"name\":\"ci\","
                + "\"roles\":{\"clients\":{\"orders-api\":[\"read\"]}},\"allowedIps\":[\"10.9.8.7/16\"]}").get(0).tokenRequest();
        assertEquals(List.of("orders-api/read"), create.roles().labels());
        assertEquals(List.of("10.9.0.0/16"), create.allowedIps().texts());
        InvalidInput refused = assertThrows(InvalidInput.class, () -> read("{\"action\":\"create\",\"realm\":\"demo\","
                + "\"user\":\"alice\",\"name\":\"ci\",\"allowedIps\":[\"ci.example.com\"]}"));
        assertTrue(refused.getMessage().endsWith(IpAllowlist.FORMS), refused::getMessage);
    }

    @Test
    void aDateAloneMeansValidThroughThatDay() throws Exception {
        ProvisioningRequest create = read("{\"action\":\"create\",\"realm\":\"demo\",\"user\":\"alice\",\"name\":\"d\","
                + "\"expiresAt\":\"2027-01-31\"}").get(0);
        assertEquals(Instant.parse("2027-02-01T00:00:00Z"), create.tokenRequest().expiresAt());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "an unknown state (moved from ProvisioningIT, 47-unknown-state.json) | {\"action\":\"create\",\"realm\":\"demo\",\"state\":\"PAUSED\"} | operation 1 (create token ? in realm demo): state must be ACTIVE or DISABLED",
            "an unknown field | {\"action\":\"create\",\"realm\":\"demo\",\"colour\":\"blue\"} | operation 1 (create token ? in realm demo): Unknown field 'colour'",
            "an unknown action | {\"action\":\"upsert\",\"realm\":\"demo\"} | action must be create, update or delete",
            "no action | {\"realm\":\"demo\"} | action must be create, update or delete",
            "no realm | {\"action\":\"delete\",\"key\":\"k\"} | realm is required",
            "an expiry that is no date | {\"action\":\"create\",\"realm\":\"demo\",\"expiresAt\":\"soon\"} | expiresAt must be",
            "scopes as a string | {\"action\":\"create\",\"realm\":\"demo\",\"scopes\":\"demo-api\"} | scopes must be an array",
            "the second operation broken | [{\"action\":\"delete\",\"realm\":\"demo\",\"key\":\"k\"},3] | operation 2: each operation must be a JSON object",
            "an empty array | [] | no operation in the file"})
    void aBrokenOperationFailsTheFileNamingItsNumberAndTheRule(String what, String file, String reason) {
        InvalidInput refused = assertRefused(reason, () -> read(file));
        assertFalse(refused.getMessage().contains("io.github.kcpat"), refused::getMessage);
    }

    /** Issue 6: a refused operation's reason names its key and user, even when it could not be read. */
    @Test
    void anUnreadableOperationIsNamedByItsKeyAndUserNeverItsToken() {
        ApiToken token = ApiToken.generate();
        InvalidInput refused = assertThrows(InvalidInput.class, () -> read("{\"action\":\"create\",\"realm\":\"demo\","
                + "\"user\":\"alice\",\"token\":\"" + token.value() + "\",\"state\":\"PAUSED\"}"));
        assertEquals("operation 1 (create token " + token.key() + " in realm demo of alice): state must be ACTIVE or DISABLED",
                refused.getMessage());
    }

    @Test
    void theRecordOfADoneFileHoldsKeysNotTokens() throws Exception {
        ApiToken token = ApiToken.generate();
        JsonNode file = JSON.readTree("[{\"action\":\"create\",\"realm\":\"demo\",\"token\":\"" + token.value() + "\"}]");
        JsonNode record = ProvisioningRequest.withoutTokens(file);
        assertFalse(record.toString().contains(token.value()), record::toString);
        assertEquals(token.key(), record.get(0).path("key").asText());
    }

    @Test
    void describingAnOperationNeverShowsItsToken() throws Exception {
        ApiToken token = ApiToken.generate();
        ProvisioningRequest create = read("{\"action\":\"create\",\"realm\":\"demo\",\"user\":\"alice\",\"token\":\""
                + token.value() + "\"}").get(0);
        assertEquals("create token " + token.key() + " in realm demo of alice", create.toString());
    }
}
