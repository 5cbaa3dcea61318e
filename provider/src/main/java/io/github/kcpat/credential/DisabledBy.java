package io.github.kcpat.credential;

import java.util.Locale;

/** Who disabled a token: its owner may activate again only what it disabled itself. */
public enum DisabledBy {
    OWNER, ADMIN;

    /** The stored and shown form: {@code owner}, {@code admin}. */
    public String text() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static DisabledBy fromText(String text) {
        return valueOf(text.toUpperCase(Locale.ROOT));
    }
}
