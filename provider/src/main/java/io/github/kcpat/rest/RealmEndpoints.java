package io.github.kcpat.rest;

import java.util.function.BiFunction;
import java.util.function.Function;

import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

import io.github.kcpat.exchange.ExchangeEndpoint;
import io.github.kcpat.exchange.ForwardAuthEndpoint;
import io.github.kcpat.exchange.MintedTokenCache;
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
        return gated(ExchangeEndpoint::refusal, ExchangeEndpoint::new);
    }

    @Path("auth")
    public ForwardAuthEndpoint forwardAuth() {
        MintedTokenCache minted = PersonalApiTokensResourceProviderFactory.of(session).mintedTokens();
        return gated(realm -> ForwardAuthEndpoint.refusal(session, realm),
                (session, realm) -> new ForwardAuthEndpoint(session, realm, minted));
    }

    @Path("verify")
    public VerifyEndpoint verify() {
        return gated(VerifyEndpoint::refusal, VerifyEndpoint::new);
    }

    @Path("")
    public SelfServiceResource selfService() {
        return gated(SelfServiceResource::refusal, SelfServiceResource::new);
    }

    /** The resource, once the request passed the realm's gate; {@code refusal}: its answer to a disabled realm. */
    private <T> T gated(Function<RealmModel, Response> refusal, BiFunction<KeycloakSession, RealmModel, T> resource) {
        RealmGate.check(session, realm, refusal);
        return resource.apply(session, realm);
    }
}
