package io.github.kcpat.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The one expiry grammar of REST, provisioning files and the CLI. */
class ExpiryTest {

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({
            "2027-01-31, 2027-02-01T00:00:00Z",
            "2028-02-29, 2028-03-01T00:00:00Z",
            "2027-01-31T12:00:00Z, 2027-01-31T12:00:00Z",
            "2027-01-31T12:00:00.999Z, 2027-01-31T12:00:00Z",
            "2027-01-31T14:00:00+02:00, 2027-01-31T12:00:00Z",
            "2027-01-31T12:00Z, 2027-01-31T12:00:00Z"})
    void aDateMeansThroughThatDayUtcAndADateTimeIsKeptToTheSecond(String text, String instant) {
        assertEquals(Instant.parse(instant), Expiry.parse(text).orElseThrow());
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"", "tomorrow", "31/01/2027", "2027-1-31", "2027-02-30", "2027-01-31T12:00:00",
            "2027-01-31 12:00:00Z", "1798675200", "2027-01-31T25:00:00Z"})
    void anythingElseIsRefused(String text) {
        assertTrue(Expiry.parse(text).isEmpty(), text);
    }

    @org.junit.jupiter.api.Test
    void nullIsNoExpiry() {
        assertTrue(Expiry.parse(null).isEmpty());
    }
}
