package io.github.kcpat.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.github.kcpat.it.support.OpenApiContract;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import io.vertx.core.Vertx;
import io.vertx.openapi.contract.OpenAPIContract;

/** {@code docs/openapi.yaml} is a valid OpenAPI 3.1 document, for the validator the ITs use and for client generators. */
class OpenApiDocumentTest {

    @Test
    void swaggerParserReadsItWithoutAMessage() {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        options.setValidateInternalRefs(true);
        SwaggerParseResult result = new OpenAPIV3Parser().readLocation(OpenApiContract.DOCUMENT.toString(), null, options);

        assertEquals(List.of(), result.getMessages(), "swagger-parser's messages about docs/openapi.yaml");
        assertNotNull(result.getOpenAPI());
        assertEquals("3.1.0", result.getOpenAPI().getOpenapi());
        assertFalse(result.getOpenAPI().getPaths().isEmpty());
    }

    @Test
    void vertxOpenApiAcceptsItAsAContract() {
        Vertx vertx = Vertx.vertx();
        try {
            // validated against OpenAPI 3.1's JSON schema, every $ref resolved; throws naming what is wrong
            OpenAPIContract contract = OpenApiContract.load(vertx);
            assertTrue(contract.operations().size() >= 30, "operations: " + contract.operations().size());
        } finally {
            vertx.close();
        }
    }
}
