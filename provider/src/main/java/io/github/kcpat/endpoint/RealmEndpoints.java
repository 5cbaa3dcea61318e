package io.github.kcpat.endpoint;

import jakarta.ws.rs.Path;

import org.keycloak.models.KeycloakSession;

import io.github.kcpat.exchange.ExchangeEndpoint;
import io.github.kcpat.exchange.ForwardAuthEndpoint;
import io.github.kcpat.exchange.VerifyEndpoint;
import io.github.kcpat.rest.SelfServiceResource;

/**
 * Routes {@code /realms/{realm}/personal-api-tokens/...}: the doors that turn a token into an access token,
 * and the owner's self-service API. Authentication happens inside each resource method, not here, so that
 * preflight requests are not refused.
 */
public final class RealmEndpoints {

    private final KeycloakSession session;

    RealmEndpoints(KeycloakSession session) {
        this.session = session;
    }

    @Path("exchange")
    public ExchangeEndpoint exchange() {
        return new ExchangeEndpoint(session, session.getContext().getRealm());
    }

    @Path("auth")
    public ForwardAuthEndpoint forwardAuth() {
        return new ForwardAuthEndpoint(session, session.getContext().getRealm());
    }

    @Path("verify")
    public VerifyEndpoint verify() {
        return new VerifyEndpoint(session, session.getContext().getRealm());
    }

    @Path("")
    public SelfServiceResource selfService() {
        return new SelfServiceResource(session, session.getContext().getRealm());
    }
}
