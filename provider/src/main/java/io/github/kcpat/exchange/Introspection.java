package io.github.kcpat.exchange;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.github.kcpat.credential.ApiTokenCredentialModel;
import io.github.kcpat.verify.Verdict;

/**
 * The verify endpoint's answer in the RFC 7662 introspection shape. Absent members are left out, not null: an
 * unusable token answers {@code {"active":false}} alone, and a token without expiry has no {@code exp}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record Introspection(
        boolean active,
        String sub,
        String username,
        String scope,
        Long exp,
        Long iat,
        String key,
        @JsonProperty("client_id") String clientId,
        @JsonProperty("token_type") String tokenType) {

    static final Introspection INACTIVE = new Introspection(false, null, null, null, null, null, null, null, null);

    /** {@code clientId}: the realm's exchange client, which the access tokens of this token are issued to. */
    static Introspection of(Verdict.Accepted accepted, String clientId) {
        ApiTokenCredentialModel credential = accepted.credential();
        return new Introspection(true, accepted.owner().getId(), accepted.owner().getUsername(),
                String.join(" ", accepted.scopes()), epochSecond(accepted.expiresAt()), epochSecond(credential.createdAt()),
                credential.key(), clientId, "APIToken");
    }

    private static Long epochSecond(Instant instant) {
        return instant == null ? null : instant.getEpochSecond();
    }
}
