package io.github.kcpat.exchange;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The doors' bodies, written as JsonResponses writes them (a plain ObjectMapper): member order and nulls as before. */
class DoorResponsesTest {

    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void theExchangeAnswersInTheTokenEndpointsOrderAndWritesANullScope() throws Exception {
        assertEquals("{\"access_token\":\"jwt\",\"token_type\":\"Bearer\",\"expires_in\":300,\"scope\":\"demo-api\"}",
                mapper.writeValueAsString(new ExchangeResponse("jwt", "Bearer", 300, "demo-api")));
        assertEquals("{\"access_token\":\"jwt\",\"token_type\":\"Bearer\",\"expires_in\":300,\"scope\":null}",
                mapper.writeValueAsString(new ExchangeResponse("jwt", "Bearer", 300, null)));
    }

    @Test
    void anActiveIntrospectionNamesEveryMemberInOrder() throws Exception {
        Introspection active = new Introspection(true, "user-id", "alice", "demo-api", 2000L, 1000L, "key",
                "personal-api-tokens", "APIToken", Map.of("roles", List.of("reader")),
                Map.of("orders-api", Map.of("roles", List.of("read"))));
        assertEquals("{\"active\":true,\"sub\":\"user-id\",\"username\":\"alice\",\"scope\":\"demo-api\",\"exp\":2000,"
                        + "\"iat\":1000,\"key\":\"key\",\"client_id\":\"personal-api-tokens\",\"token_type\":\"APIToken\","
                        + "\"realm_access\":{\"roles\":[\"reader\"]},\"resource_access\":{\"orders-api\":{\"roles\":[\"read\"]}}}",
                mapper.writeValueAsString(active));
    }

    @Test
    void anIntrospectionLeavesOutAnExpiryAndIssueTimeItDoesNotHave() throws Exception {
        Introspection neverExpires = new Introspection(true, "user-id", "alice", "", null, null, "key",
                "personal-api-tokens", "APIToken", null, null);
        assertEquals("{\"active\":true,\"sub\":\"user-id\",\"username\":\"alice\",\"scope\":\"\",\"key\":\"key\","
                        + "\"client_id\":\"personal-api-tokens\",\"token_type\":\"APIToken\"}",
                mapper.writeValueAsString(neverExpires));
    }

    @Test
    void anUnusableTokenIsOnlyInactive() throws Exception {
        assertEquals("{\"active\":false}", mapper.writeValueAsString(Introspection.INACTIVE));
    }
}
