package io.github.kcpat.notify;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.UserModel;

/**
 * A day and time in a mail to a token's owner: in the owner's language (the locale Keycloak's e-mail templates pick for
 * them: their {@code locale} attribute when the realm has internationalization on, else the realm's default), always in
 * UTC and saying so, e.g. {@code 05.12.2026, 15:28 UTC} in German, {@code Dec 5, 2026, 3:28 PM UTC} in English.
 */
public final class MailDates {

    private static final DateTimeFormatter LOCALIZED =
            DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT).withZone(ZoneOffset.UTC);

    private MailDates() {
    }

    /** Call it in the session that sends the mail, so that both resolve the same locale. */
    public static String format(KeycloakSession session, UserModel owner, Instant at) {
        return format(session.getContext().resolveLocale(owner), at);
    }

    public static String format(Locale locale, Instant at) {
        return LOCALIZED.withLocale(locale).format(at) + " UTC";
    }
}
