package io.github.kcpat.rest;

import jakarta.ws.rs.Path;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

import io.github.kcpat.exchange.ExchangeEndpoint;
import io.github.kcpat.exchange.ForwardAuthEndpoint;
import io.github.kcpat.exchange.VerifyEndpoint;

/**
 * Routes {@code /realms/{realm}/personal-api-tokens/...}: the doors that turn a token into an access token,
 * and the owner's self-service API. Here every request meets the realm's own conditions ({@link RealmGate});
 * authentication happens inside each resource method, not here, so that preflight requests are not refused.
 */
public final class RealmEndpoints {

    private final KeycloakSession session;
    private final RealmModel realm;

    RealmEndpoints(KeycloakSession session) {
        this.session = session;
        this.realm = session.getContext().getRealm();
    }

    @Path("exchange")
    public ExchangeEndpoint exchange() {
        RealmGate.check(session, realm, ExchangeEndpoint::refusal);
        return new ExchangeEndpoint(session, realm);
    }

    @Path("auth")
    public ForwardAuthEndpoint forwardAuth() {
        RealmGate.check(session, realm, ForwardAuthEndpoint::refusal);
        return new ForwardAuthEndpoint(session, realm, PersonalApiTokensResourceProviderFactory.of(session).mintedTokens());
    }

    @Path("verify")
    public VerifyEndpoint verify() {
        RealmGate.check(session, realm, VerifyEndpoint::refusal);
        return new VerifyEndpoint(session, realm);
    }

    @Path("")
    public SelfServiceResource selfService() {
        RealmGate.check(session, realm, SelfServiceResource::refusal);
        return new SelfServiceResource(session, realm);
    }
}
