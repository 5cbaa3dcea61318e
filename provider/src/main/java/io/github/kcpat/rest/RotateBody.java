package io.github.kcpat.rest;

import java.util.Map;

import io.github.kcpat.input.InvalidInput;
import io.github.kcpat.input.StrictJson;

/**
 * A rotation's optional body, {@code {"overlapMinutes": N}}: how long the previous value keeps working beside the new
 * one (absent, an empty body or 0: it stops at once).
 */
record RotateBody(Integer overlapMinutes) {

    private static final Map<String, String> EXPECTED = Map.of(
            "overlapMinutes", "overlapMinutes has the wrong type: a whole number of minutes is expected");

    /** The overlap in minutes; throws {@link InvalidInput} naming the broken rule. */
    static int overlapMinutes(String body) {
        if (body == null || body.isBlank()) {
            return 0;
        }
        RotateBody read = StrictJson.read(body, RotateBody.class, EXPECTED);
        if (read.overlapMinutes == null) {
            return 0;
        }
        if (read.overlapMinutes < 0) {
            throw new InvalidInput("overlapMinutes must be 0 or more");
        }
        return read.overlapMinutes;
    }
}
