package io.github.kcpat.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The name rule of REST, provisioning and the CLI; RequestValidationIT keeps its cases as wiring through the service. */
class TokenNameTest {

    @Test
    void isTrimmedAndMayHave64Characters() {
        assertEquals("ci robot", TokenName.valid("  ci robot \t"));
        assertEquals("n".repeat(64), TokenName.valid("n".repeat(64)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "nnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnn"})
    void mustHave1To64Characters(String name) {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TokenName.valid(name)).getMessage().contains("1 to 64"));
    }

    @Test
    void mustNotContainControlCharacters() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TokenName.valid("a\u0007b")).getMessage().contains("control"));
        assertThrows(IllegalArgumentException.class, () -> TokenName.valid(null));
    }
}
