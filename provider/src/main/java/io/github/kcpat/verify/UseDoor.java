package io.github.kcpat.verify;

import java.util.Locale;

/** The ways a token is used, as a token's last use records them ({@code lastUsedDoor}). */
public enum UseDoor {
    EXCHANGE, TOKEN_EXCHANGE, FORWARD_AUTH, VERIFY, DIRECT_GRANT;

    /** The recorded and shown form: {@code exchange}, {@code token-exchange}, {@code forward-auth}, … */
    public String text() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
