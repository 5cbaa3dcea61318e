package io.github.kcpat.exchange;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import org.keycloak.OAuth2Constants;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.authenticators.browser.AbstractUsernameFormAuthenticator;
import org.keycloak.authentication.authenticators.util.AuthenticatorUtils;
import org.keycloak.events.Details;
import org.keycloak.events.Errors;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ModelDuplicateException;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.representations.idm.OAuth2ErrorRepresentation;

import io.github.kcpat.events.DoorEvents;
import io.github.kcpat.metrics.TokenMetrics;
import io.github.kcpat.verify.RefusalReason;
import io.github.kcpat.verify.TokenVerifier;
import io.github.kcpat.verify.UseDoor;
import io.github.kcpat.verify.Verdict;

/**
 * Door 4: in a Direct Grant flow, {@code username} + {@code password=<API token>} authenticates the token's
 * owner, for tools that only speak username/password. It replaces the password check: in a flow holding
 * only this authenticator the user's real password does not work. Failures are logged so that Keycloak's
 * brute-force detection counts them. It fails closed for clients that would issue refresh tokens and for
 * {@code offline_access}, and shapes the grant by {@link DirectGrantRules}.
 */
final class ApiTokenAuthenticator implements Authenticator {

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        TokenMetrics metrics = TokenMetrics.current();
        long entered = metrics.doorEntered();
        MultivaluedMap<String, String> form = context.getHttpRequest().getDecodedFormParameters();
        String requestedScope = form.getFirst(OAuth2Constants.SCOPE);
        // before anything names a user: a client set up wrongly is no failed login of anyone's
        DirectGrantRules.Refusal refusal = DirectGrantRules.refusal(context.getAuthenticationSession().getClient(), requestedScope);
        if (refusal != null) {
            context.getEvent().detail(Details.REASON, refusal.reason()).error(Errors.NOT_ALLOWED);
            context.failure(AuthenticationFlowError.ACCESS_DENIED, refusal.response());
            return;
        }
        String username = form.getFirst(OAuth2Constants.USERNAME);
        if (username == null || username.isBlank()) {
            context.getEvent().error(Errors.USER_NOT_FOUND);
            context.failure(AuthenticationFlowError.INVALID_USER,
                    error(Response.Status.UNAUTHORIZED, "invalid_request", "Missing parameter: username"));
            return;
        }
        context.getEvent().detail(Details.USERNAME, username);
        context.getAuthenticationSession().setAuthNote(AbstractUsernameFormAuthenticator.ATTEMPTED_USERNAME, username);

        UserModel user = findUser(context, username);
        if (user == null) {
            context.getEvent().error(Errors.USER_NOT_FOUND);
            context.failure(AuthenticationFlowError.INVALID_USER, invalidCredentials());
            return;
        }
        String lockedOut = AuthenticatorUtils.getDisabledByBruteForceEventError(context, user);
        if (lockedOut != null) {
            context.getEvent().user(user).error(lockedOut);
            context.forceChallenge(invalidCredentials());
            return;
        }

        // a token of another user is refused before its use is recorded
        Verdict verdict = new TokenVerifier(context.getSession(), context.getRealm(), UseDoor.DIRECT_GRANT)
                .verify(form.getFirst(OAuth2Constants.PASSWORD), owner -> owner.getId().equals(user.getId()));
        if (verdict instanceof Verdict.Accepted accepted) {
            DoorEvents.accepted(context.getEvent(), accepted);
            DirectGrantRules.shape(context.getAuthenticationSession(), accepted.credential().key(),
                    accepted.scopes(), requestedScope);
            DirectGrantRules.limitRoles(context.getSession(), context.getAuthenticationSession(), accepted);
            context.setUser(user);
            context.success();
            metrics.doorAnswered(UseDoor.DIRECT_GRANT, true, entered);
            return;
        }
        context.getEvent().user(user);
        Verdict.Refused refused = (Verdict.Refused) verdict;
        if (refused.reason() == RefusalReason.USER_MISMATCH) {
            // the failed login is the named user's: the event names neither the token's owner nor its key
            context.getEvent().detail(Details.REASON, refused.reason().eventDetail()).error(Errors.INVALID_USER_CREDENTIALS);
        } else {
            DoorEvents.refused(context.getEvent(), refused, Errors.INVALID_USER_CREDENTIALS);
        }
        context.failure(AuthenticationFlowError.INVALID_CREDENTIALS, invalidCredentials());
        metrics.doorAnswered(UseDoor.DIRECT_GRANT, false, entered);
    }

    private static UserModel findUser(AuthenticationFlowContext context, String username) {
        try {
            return KeycloakModelUtils.findUserByNameOrEmail(context.getSession(), context.getRealm(), username);
        } catch (ModelDuplicateException e) {
            return null;
        }
    }

    private static Response invalidCredentials() {
        return error(Response.Status.UNAUTHORIZED, "invalid_grant", "Invalid user credentials");
    }

    private static Response error(Response.Status status, String error, String description) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new OAuth2ErrorRepresentation(error, description)).build();
    }

    @Override
    public void action(AuthenticationFlowContext context) {
    }

    @Override
    public boolean requiresUser() {
        return false;
    }

    @Override
    public boolean configuredFor(KeycloakSession session, RealmModel realm, UserModel user) {
        return true;
    }

    @Override
    public void setRequiredActions(KeycloakSession session, RealmModel realm, UserModel user) {
    }

    @Override
    public void close() {
    }
}
