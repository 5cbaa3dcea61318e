package io.github.kcpat.rest;

import java.util.OptionalLong;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.annotation.JsonProperty;

import org.keycloak.Token;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.representations.IDToken;
import org.keycloak.representations.JsonWebToken;
import org.keycloak.services.managers.AuthenticationManager;

import io.github.kcpat.policy.TokenPolicy;
import io.github.kcpat.time.ServerClock;
import io.github.kcpat.verify.Provenance;

/**
 * Step-up ("sudo mode") for the calls that hand out a token value: when the realm policy sets
 * {@code recentLoginMinutes}, the caller's last interactive authentication must be at most that old. The answer
 * otherwise is RFC 9470's: 401 with {@code insufficient_user_authentication} and the {@code max_age} to log in
 * with, so that a page can send its user through Keycloak's login and try again.
 */
final class RecentLogin {

    static final String ERROR = "reauthentication_required";

    private RecentLogin() {
    }

    /** Call after {@link SelfServiceAuth#require}, which puts the bearer token and its user session in the context. */
    static void require(KeycloakSession session, RealmModel realm) {
        TokenPolicy policy = TokenPolicy.of(realm);
        if (!policy.requiresRecentLogin()) {
            return;
        }
        long maxAge = policy.recentLoginMinutes() * 60L;
        OptionalLong authTime = authTime(session);
        if (authTime.isPresent() && authTime.getAsLong() + maxAge >= ServerClock.INSTANCE.instant().getEpochSecond()) {
            return;
        }
        throw new WebApplicationException(JsonResponses.builder(Response.Status.UNAUTHORIZED, body(maxAge))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"" + realm.getName()
                        + "\", error=\"insufficient_user_authentication\", error_description=\"A more recent"
                        + " authentication is required\", max_age=" + maxAge)
                .build());
    }

    /**
     * When the user last proved who they are, or empty when unknown (= not recent): the access token's
     * {@code auth_time}; else its user session's {@code AUTH_TIME} note (a client without Keycloak's {@code basic}
     * scope gets no claim); else, as Keycloak notes no time for the password grant, when the session began: a
     * session starts with an authentication, so its start is never later than the last one. What an API token
     * yielded (the provenance marks) is no sign-in at all.
     */
    private static OptionalLong authTime(KeycloakSession session) {
        Token bearer = session.getContext().getBearerToken();
        UserSessionModel userSession = session.getContext().getUserSession();
        if (bearer instanceof JsonWebToken jwt && jwt.getOtherClaims().containsKey(Provenance.CLAIM)
                || userSession != null && userSession.getNote(Provenance.SESSION_NOTE) != null) {
            return OptionalLong.empty();
        }
        if (bearer instanceof IDToken token && token.getAuth_time() != null && token.getAuth_time() > 0) {
            return OptionalLong.of(token.getAuth_time());
        }
        if (userSession == null) {
            return OptionalLong.empty();
        }
        String note = userSession.getNote(AuthenticationManager.AUTH_TIME);
        try {
            return note != null ? OptionalLong.of(Long.parseLong(note.trim()))
                    : userSession.getStarted() > 0 ? OptionalLong.of(userSession.getStarted()) : OptionalLong.empty();
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /** The error body with the {@code max_age} to sign in with. */
    record StepUpBody(String error, @JsonProperty("error_description") String description, @JsonProperty("max_age") long maxAge) {
    }

    private static StepUpBody body(long maxAge) {
        return new StepUpBody(ERROR, "Creating or rotating a token needs a sign-in at most " + maxAge / 60
                + " minutes old: sign in again (max_age=" + maxAge + ") and retry", maxAge);
    }
}
