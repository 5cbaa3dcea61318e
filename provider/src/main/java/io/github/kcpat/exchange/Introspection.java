package io.github.kcpat.exchange;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import org.keycloak.models.RoleModel;

import io.github.kcpat.credential.ApiTokenCredentialModel;
import io.github.kcpat.limits.RoleChoice;
import io.github.kcpat.limits.RoleLimits;
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
        @JsonProperty("token_type") String tokenType,
        @JsonProperty("realm_access") Map<String, List<String>> realmAccess,
        @JsonProperty("resource_access") Map<String, Map<String, List<String>>> resourceAccess) {

    static final Introspection INACTIVE = new Introspection(false, null, null, null, null, null, null, null, null, null, null);

    /**
     * {@code clientId}: the realm's exchange client, which the access tokens of this token are issued to; {@code roles}:
     * those its JWTs carry, in the JWT's shape ({@code {"roles": [...]}} for the realm and per client).
     */
    static Introspection of(Verdict.Accepted accepted, String clientId, Set<RoleModel> roles) {
        ApiTokenCredentialModel credential = accepted.credential();
        RoleChoice choice = RoleLimits.choiceOf(roles.stream());
        Map<String, Map<String, List<String>>> resourceAccess = new TreeMap<>();
        choice.clients().forEach((client, names) -> resourceAccess.put(client, Map.of("roles", names)));
        return new Introspection(true, accepted.owner().getId(), accepted.owner().getUsername(),
                String.join(" ", accepted.scopes()), epochSecond(accepted.expiresAt()), epochSecond(credential.createdAt()),
                credential.key(), clientId, "APIToken", Map.of("roles", choice.realm()), resourceAccess);
    }

    private static Long epochSecond(Instant instant) {
        return instant == null ? null : instant.getEpochSecond();
    }
}
