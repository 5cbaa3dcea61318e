package io.github.kcpat.rest;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.github.kcpat.credential.ApiTokenCredentialModel;
import io.github.kcpat.credential.LastUse;
import io.github.kcpat.credential.PreviousSecret;
import io.github.kcpat.credential.TokenData;
import io.github.kcpat.idle.IdleClock;
import io.github.kcpat.limits.RoleChoice;
import io.github.kcpat.policy.TokenPolicy;
import io.github.kcpat.time.ServerClock;
import io.github.kcpat.verify.ValidityRules;

/**
 * A token as the API shows it: never its secret, except {@code token} right after create and rotate.
 * {@code disabledBy}: {@code owner} or {@code admin} while it is disabled; {@code disabledByAdmin}: an admin disabled
 * it, and only an admin can activate it again. {@code roles}: the roles chosen for it, null when none were (its scopes
 * decide); {@code allowedIps}: where it may be used from, empty for anywhere. {@code lastUsedFrom} / {@code lastUsedDoor}:
 * the client address and door of the last recorded use. {@code previousSecretExpiresAt}: while a rotation's overlap lasts,
 * when the previous value stops working (null otherwise), with that value's last use. {@code idleDisableAt}: when the
 * idle task will disable the token unless it is used first (null where the policy disables no idle token).
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record TokenRepresentation(
        String key,
        String name,
        List<String> scopes,
        String state,
        String disabledBy,
        boolean disabledByAdmin,
        boolean expired,
        String createdAt,
        String updatedAt,
        String expiresAt,
        String effectiveExpiresAt,
        String lastUsedAt,
        String lastUsedFrom,
        String lastUsedDoor,
        RoleChoice roles,
        List<String> allowedIps,
        String previousSecretExpiresAt,
        String previousSecretLastUsedAt,
        String previousSecretLastUsedFrom,
        String idleDisableAt,
        @JsonInclude(JsonInclude.Include.NON_NULL) String token) {

    public static TokenRepresentation of(ApiTokenCredentialModel credential, TokenPolicy policy) {
        return withValue(credential, null, policy);
    }

    /**
     * {@code expiresAt} is the expiry as set; {@code effectiveExpiresAt} the one in force under the realm's current
     * policy (capped by its lifetime limit), which {@code expired} follows.
     */
    public static TokenRepresentation withValue(ApiTokenCredentialModel credential, String value, TokenPolicy policy) {
        TokenData data = credential.data();
        Instant now = ServerClock.INSTANCE.instant();
        Instant effectiveExpiry = policy.effectiveExpiry(credential.createdAt(), data.expiresAt());
        boolean expired = ValidityRules.isExpired(effectiveExpiry, now);
        LastUse lastUse = data.lastUse();
        PreviousSecret previous = data.previousSecretWorksAt(now) ? data.previousSecret() : null;
        LastUse previousUse = previous == null ? null : previous.lastUse();
        return new TokenRepresentation(credential.key(), credential.name(), data.scopes(), data.state().name(),
                data.disabledBy() == null ? null : data.disabledBy().text(), data.disabledByAdmin(), expired,
                text(credential.createdAt()), text(data.updatedAt()), text(data.expiresAt()), text(effectiveExpiry),
                lastUse == null ? null : text(lastUse.at()), lastUse == null ? null : lastUse.from(),
                lastUse == null ? null : lastUse.door(), data.roles(), data.allowedIps().texts(),
                previous == null ? null : text(previous.expiresAt()), previousUse == null ? null : text(previousUse.at()),
                previousUse == null ? null : previousUse.from(),
                text(IdleClock.disableAt(data, credential.createdAt(), policy)), value);
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
