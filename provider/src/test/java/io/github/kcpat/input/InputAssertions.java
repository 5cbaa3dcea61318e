package io.github.kcpat.input;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.function.Executable;

/** The one shape of a refused input in the unit tests: {@link InvalidInput} whose message names the rule. */
public final class InputAssertions {

    private InputAssertions() {
    }

    /** Asserts that {@code read} refuses its input with a message containing {@code rule}; answers the refusal. */
    public static InvalidInput assertRefused(String rule, Executable read) {
        InvalidInput refused = assertThrows(InvalidInput.class, read);
        assertTrue(refused.getMessage().contains(rule), refused::getMessage);
        return refused;
    }
}
