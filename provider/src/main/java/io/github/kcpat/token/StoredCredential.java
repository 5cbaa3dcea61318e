package io.github.kcpat.token;

import java.time.Instant;
import java.util.Base64;
import java.util.List;

import io.github.kcpat.limits.RoleChoice;
import io.github.kcpat.token.JsonText.OmitWhenNull;

/**
 * The one definition of a token as Keycloak stores it: a credential of type {@value #TYPE} whose credential data is
 * {@link Data} and secret data {@link Secret}, both as JSON. The server writes it and reads it back (with Jackson, into
 * these same records); the CLI writes it into realm import files as {@link Imported}. Times are ISO-8601 strings an
 * admin can read in the Credentials tab; nothing in {@link Data} is secret.
 */
public final class StoredCredential {

    public static final String TYPE = "personal-api-token";

    private StoredCredential() {
    }

    /**
     * The credential data. {@code remindersSent} (days-before-expiry thresholds already mailed) is left out while empty,
     * {@code disabledBy} ({@code owner} or {@code admin}) while the token is active.
     * <p>
     * Format history (README, "Upgrading the extension"): format 1 recorded an admin's disabling as
     * {@code "disabledByAdmin": true} and an owner's not at all; format 2 names both in {@code disabledBy} (and keeps
     * writing format 1's flag beside an admin's, so a rollback to a format 1 JAR cannot hand such a token back to its
     * owner). Format 1 is still read, and a token's data is in format 2 from its next write.
     * <p>
     * {@code roles} (the roles chosen for the token, {@link RoleChoice}'s shape) and {@code allowedIps} (normalised
     * addresses and CIDR ranges) are left out while none are chosen / the token is usable from anywhere.
     * <p>
     * The lifecycle fields are left out while null: where and through which door the last use came
     * ({@code lastUsedFrom}, {@code lastUsedDoor}), when the token was last activated again ({@code activatedAt}, the
     * idle clock's restart), the idle period whose warning went out ({@code idleWarnedAt}), and while a rotation's
     * overlap keeps the previous secret: when it stops working and its last use ({@code previousSecret*}). A token the
     * idle task disabled is stored as {@code "disabledBy":"owner","disabledIdle":true} (see {@link #disabledWhenIdle()}).
     */
    public record Data(List<String> scopes, String state, String expiresAt, String updatedAt, String lastUsedAt,
            @OmitWhenNull List<Integer> remindersSent, @OmitWhenNull String disabledBy, @OmitWhenNull Boolean disabledByAdmin,
            @OmitWhenNull RoleChoice roles, @OmitWhenNull List<String> allowedIps,
            @OmitWhenNull String lastUsedFrom, @OmitWhenNull String lastUsedDoor, @OmitWhenNull String activatedAt,
            @OmitWhenNull String idleWarnedAt, @OmitWhenNull String previousSecretExpiresAt,
            @OmitWhenNull String previousSecretLastUsedAt, @OmitWhenNull String previousSecretLastUsedFrom,
            @OmitWhenNull Boolean disabledIdle) {

        /** New data as the CLI and a create write it: never used, never reminded. */
        public static Data of(List<String> scopes, String state, Instant expiresAt, Instant updatedAt) {
            return new Data(scopes, state, text(expiresAt), text(updatedAt), null, null, null, null, null, null,
                    null, null, null, null, null, null, null, null);
        }

        /** The same data with the roles chosen (null: none) and the allowed addresses (null or empty: anywhere). */
        public Data limitedTo(RoleChoice chosenRoles, List<String> allowedAddresses) {
            return new Data(scopes, state, expiresAt, updatedAt, lastUsedAt, remindersSent, disabledBy, disabledByAdmin,
                    chosenRoles == null || chosenRoles.isEmpty() ? null : chosenRoles,
                    allowedAddresses == null || allowedAddresses.isEmpty() ? null : allowedAddresses,
                    lastUsedFrom, lastUsedDoor, activatedAt, idleWarnedAt, previousSecretExpiresAt,
                    previousSecretLastUsedAt, previousSecretLastUsedFrom, disabledIdle);
        }

        /** The same data with the lifecycle fields given (each null to leave it out). */
        public Data withLifecycle(String usedFrom, String usedDoor, String activated, String warnedAt,
                String previousExpiresAt, String previousUsedAt, String previousUsedFrom) {
            return new Data(scopes, state, expiresAt, updatedAt, lastUsedAt, remindersSent, disabledBy, disabledByAdmin,
                    roles, allowedIps, usedFrom, usedDoor, activated, warnedAt, previousExpiresAt, previousUsedAt,
                    previousUsedFrom, disabledIdle);
        }

        /**
         * The same data disabled by the idle task: stored as its owner's disabling (the same right to activate it
         * again, which a JAR that knows only {@code owner} and {@code admin} keeps after a rollback) marked
         * {@code disabledIdle}.
         */
        public Data disabledWhenIdle() {
            return new Data(scopes, state, expiresAt, updatedAt, lastUsedAt, remindersSent, "owner", disabledByAdmin,
                    roles, allowedIps, lastUsedFrom, lastUsedDoor, activatedAt, idleWarnedAt, previousSecretExpiresAt,
                    previousSecretLastUsedAt, previousSecretLastUsedFrom, Boolean.TRUE);
        }

        public String json() {
            return JsonText.write(this);
        }
    }

    /**
     * The secret data: the hash of the token's secret, Base64, and its algorithm; during a rotation's overlap also the
     * hash of the secret it replaced ({@code previousHash}, left out otherwise).
     */
    public record Secret(String algorithm, String hash, @OmitWhenNull String previousHash) {

        public static Secret of(ApiToken token) {
            return new Secret(SecretHash.ALGORITHM, Base64.getEncoder().encodeToString(token.secretHash()), null);
        }

        /** The secret of {@code token}, keeping this one's hash as the previous. */
        public Secret rotatedTo(ApiToken token) {
            return new Secret(SecretHash.ALGORITHM, Base64.getEncoder().encodeToString(token.secretHash()), hash);
        }

        public Secret withoutPrevious() {
            return new Secret(algorithm, hash, null);
        }

        public byte[] previousHashBytes() {
            return previousHash == null ? null : Base64.getDecoder().decode(previousHash);
        }

        public String json() {
            return JsonText.write(this);
        }

        /** The hash as bytes, or null when none is stored. */
        public byte[] hashBytes() {
            return hash == null ? null : Base64.getDecoder().decode(hash);
        }
    }

    /** A credential in a realm import file ({@code users[].credentials[]}): Keycloak's CredentialRepresentation. */
    public record Imported(String id, String type, String userLabel, long createdDate, String credentialData, String secretData) {

        public static Imported of(ApiToken token, String name, Data data, Instant now) {
            return new Imported(token.key(), TYPE, name, now.toEpochMilli(), data.json(), Secret.of(token).json());
        }
    }

    public static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
