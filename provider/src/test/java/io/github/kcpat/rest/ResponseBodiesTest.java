package io.github.kcpat.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;

/** Response records write the JSON the API documents: field names, order, and nulls shown. */
class ResponseBodiesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void anError() throws Exception {
        assertEquals("{\"error\":\"invalid_request\",\"error_description\":null}",
                JSON.writeValueAsString(new JsonResponses.ErrorBody("invalid_request", null)));
    }

    @Test
    void theStepUpChallenge() throws Exception {
        assertEquals("{\"error\":\"reauthentication_required\",\"error_description\":\"d\",\"max_age\":900}",
                JSON.writeValueAsString(new RecentLogin.StepUpBody("reauthentication_required", "d", 900)));
    }

    @Test
    void aScopeWithoutDescription() throws Exception {
        assertEquals("{\"name\":\"demo-api\",\"description\":null}", JSON.writeValueAsString(new ScopeRepresentation("demo-api", null)));
    }

    @Test
    void theCountOfDeletedTokens() throws Exception {
        assertEquals("{\"deleted\":3}", JSON.writeValueAsString(new AdminTokensResource.DeletedCount(3)));
    }
}
