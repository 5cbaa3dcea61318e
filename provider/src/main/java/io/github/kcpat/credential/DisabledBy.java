package io.github.kcpat.credential;

import java.util.Locale;

/**
 * Who disabled a token. Its owner may activate again what it disabled itself and what the idle task disabled (a fresh
 * start of the idle clock), never what an admin disabled.
 */
public enum DisabledBy {
    OWNER, ADMIN, IDLE;

    /** The stored and shown form: {@code owner}, {@code admin}, {@code idle}. */
    public String text() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** An unknown value (written by a later version) reads as an admin's disabling: only an admin may lift it. */
    public static DisabledBy fromText(String text) {
        for (DisabledBy who : values()) {
            if (who.text().equals(text)) {
                return who;
            }
        }
        return ADMIN;
    }
}
