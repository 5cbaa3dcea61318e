package io.github.kcpat.token;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * The one grammar of an expiry, for the REST API, provisioning files and the CLI alike: a date alone
 * ({@code 2027-01-31}) means "valid through that day, UTC", i.e. {@code 2027-02-01T00:00:00Z}; otherwise an
 * ISO-8601 date-time with an offset ({@code 2027-01-31T12:00:00Z}, {@code 2027-01-31T14:00:00+02:00}). Fractions of a
 * second are dropped: expiries are kept to the second. Plain Java, as the CLI runs without Keycloak.
 */
public final class Expiry {

    /** What the grammar accepts, in words for an error message. */
    public static final String FORMS = "a date (2027-01-31, valid through that day, UTC) or an ISO-8601 date-time with offset"
            + " (2027-01-31T12:00:00Z)";

    private Expiry() {
    }

    /** The instant {@code text} names, or empty when it is neither form. */
    public static Optional<Instant> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            if (text.indexOf('T') < 0) {
                return Optional.of(LocalDate.parse(text).plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC));
            }
            return Optional.of(OffsetDateTime.parse(text).toInstant().truncatedTo(ChronoUnit.SECONDS));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
