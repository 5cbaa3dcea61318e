package io.github.kcpat.verify;

import java.time.Instant;

import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

import io.github.kcpat.credential.TokenData;
import io.github.kcpat.credential.TokenState;
import io.github.kcpat.policy.TokenAccess;
import io.github.kcpat.policy.TokenPolicy;

/**
 * The rule book: whether a stored token may be used at {@code now}, read by every door (through
 * {@link TokenVerifier}), by the expiry reminders and by the admin side's {@code expired} flag, so none of them can
 * disagree. Pure: it takes facts and a time and reads nothing else. The secret is no rule here: it is the
 * verifier's, checked before any rule.
 */
public final class ValidityRules {

    /** What the rules need to know about a token's owner. */
    public record Owner(boolean enabled, boolean holdsRole) {

        public static Owner of(RealmModel realm, UserModel user) {
            return new Owner(user.isEnabled(), TokenAccess.isGranted(realm, user));
        }
    }

    /**
     * The first rule the token fails ({@code null} when it is usable), and the expiry in force under the policy
     * ({@code null}: never expires).
     */
    public record Judgement(RefusalReason refusal, Instant effectiveExpiry) {

        public boolean usable() {
            return refusal == null;
        }
    }

    private ValidityRules() {
    }

    public static Judgement judge(TokenData data, Instant createdAt, Owner owner, TokenPolicy policy, Instant now) {
        Instant effectiveExpiry = effectiveExpiry(data, createdAt, policy);
        RefusalReason refusal = data.state() != TokenState.ACTIVE ? RefusalReason.DISABLED
                : isExpired(effectiveExpiry, now) ? RefusalReason.EXPIRED
                : !owner.enabled() ? RefusalReason.OWNER_DISABLED
                : !owner.holdsRole() ? RefusalReason.ROLE_MISSING
                : null;
        return new Judgement(refusal, effectiveExpiry);
    }

    /**
     * Whether a use from {@code clientAddress} (Keycloak's view of the caller, behind a proxy it trusts the forwarded
     * one) is within the token's allowlist. Apart from {@link #judge} because only a use has an address: the expiry
     * reminders ask whether a token is usable at all.
     */
    public static boolean allowsAddress(TokenData data, String clientAddress) {
        return data.allowedIps().allows(clientAddress);
    }

    /** The stored expiry, capped by the policy in force (see {@link TokenPolicy#effectiveExpiry}). */
    public static Instant effectiveExpiry(TokenData data, Instant createdAt, TokenPolicy policy) {
        return policy.effectiveExpiry(createdAt, data.expiresAt());
    }

    /** A token is expired from the very instant of its effective expiry on. */
    public static boolean isExpired(Instant effectiveExpiry, Instant now) {
        return effectiveExpiry != null && !effectiveExpiry.isAfter(now);
    }
}
