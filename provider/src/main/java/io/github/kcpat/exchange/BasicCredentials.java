package io.github.kcpat.exchange;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Predicate;

import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * {@code Authorization: Basic base64(username:token)} (RFC 7617, UTF-8): an API token as the password of clients that
 * can send nothing else (git, package managers, {@code curl -u}). The token alone authenticates; the username must
 * name its owner, so that a token pasted under someone else's name is refused.
 */
final class BasicCredentials {

    static final String SCHEME = "Basic";

    private final String username;
    private final String password;

    private BasicCredentials(String username, String password) {
        this.username = username;
        this.password = password;
    }

    /**
     * The credentials of an {@code Authorization} value; empty when it is of another scheme or not well formed: not
     * base64, not UTF-8, no colon, or no username. The password is everything after the first colon.
     */
    static Optional<BasicCredentials> parse(String authorization) {
        String encoded = AuthorizationHeader.credentials(authorization, SCHEME);
        String decoded = encoded == null ? null : decode(encoded);
        int colon = decoded == null ? -1 : decoded.indexOf(':');
        if (colon < 1 || decoded.substring(0, colon).isBlank()) {
            return Optional.empty();
        }
        return Optional.of(new BasicCredentials(decoded.substring(0, colon), decoded.substring(colon + 1)));
    }

    /** The challenge that makes a client send Basic credentials (git, browsers, curl with {@code --anyauth}). */
    static String challenge(RealmModel realm) {
        return SCHEME + " realm=" + AuthorizationHeader.quoted(realm.getName()) + ", charset=\"UTF-8\"";
    }

    String password() {
        return password;
    }

    /** The test a token's owner must pass: {@link #names} its username, or its e-mail where the realm logs users in by e-mail. */
    Predicate<UserModel> ownerTest(RealmModel realm) {
        boolean byEmail = realm.isLoginWithEmailAllowed();
        return owner -> names(owner.getUsername(), byEmail ? owner.getEmail() : null);
    }

    /**
     * Whether the username is {@code ownerUsername} or {@code ownerEmail} (null: not to be matched), regardless of case,
     * as Keycloak's own lookup by username or e-mail matches it (lower-cased; an e-mail only when the name has an @).
     */
    boolean names(String ownerUsername, String ownerEmail) {
        String named = lowerCase(username);
        return named.equals(lowerCase(ownerUsername))
                || ownerEmail != null && named.indexOf('@') >= 0 && named.equals(lowerCase(ownerEmail));
    }

    /** In the JVM's default locale, as Keycloak lower-cases usernames and e-mails to store and to look them up. */
    private static String lowerCase(String value) {
        return value == null ? "" : value.toLowerCase();
    }

    /** Names neither part: the password is a token, and so is the username when a user mixed the two up. */
    @Override
    public String toString() {
        return "BasicCredentials[…]";
    }

    private static String decode(String encoded) {
        try {
            byte[] bytes = Base64.getDecoder().decode(encoded);
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (IllegalArgumentException | CharacterCodingException notBase64OrUtf8) {
            return null;
        }
    }
}
