package io.github.kcpat.rest;

import java.net.URI;
import java.util.List;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;

import io.github.kcpat.credential.ApiTokenCredentialModel;
import io.github.kcpat.limits.RoleLimits;
import io.github.kcpat.policy.TokenPolicy;
import io.github.kcpat.service.TokenService;

/** The owner's own tokens, under {@code /realms/{realm}/personal-api-tokens}; every call starts with its auth check. */
public final class SelfServiceResource {

    private final KeycloakSession session;
    private final RealmModel realm;

    public SelfServiceResource(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    /** The answer to a missing or bad bearer token, which a request to a disabled realm gets too. */
    public static Response refusal(RealmModel realm) {
        return SelfServiceAuth.unauthenticated(realm);
    }

    @GET
    @Path("tokens")
    public Response list() {
        TokenService tokens = service(SelfServiceAuth.require(session, realm));
        return JsonResponses.of(Response.Status.OK, tokens.list().stream().map(this::shown).toList());
    }

    @POST
    @Path("tokens")
    public Response create(String body) {
        TokenService tokens = service(SelfServiceAuth.require(session, realm));
        RecentLogin.require(session, realm);
        TokenService.Issued issued = ServiceErrors.call(() -> tokens.create(TokenBody.read(body)));
        URI location = session.getContext().getUri().getAbsolutePathBuilder().path(issued.credential().key()).build();
        return JsonResponses.builder(Response.Status.CREATED, shown(issued))
                .location(location)
                .build();
    }

    @GET
    @Path("tokens/{key}")
    public Response read(@PathParam("key") String key) {
        TokenService tokens = service(SelfServiceAuth.require(session, realm));
        return JsonResponses.of(Response.Status.OK, shown(ServiceErrors.call(() -> tokens.get(key))));
    }

    @PATCH
    @Path("tokens/{key}")
    public Response update(@PathParam("key") String key, String body) {
        TokenService tokens = service(SelfServiceAuth.require(session, realm));
        return JsonResponses.of(Response.Status.OK,
                shown(ServiceErrors.call(() -> tokens.update(key, TokenBody.read(body)))));
    }

    @DELETE
    @Path("tokens/{key}")
    public Response delete(@PathParam("key") String key) {
        TokenService tokens = service(SelfServiceAuth.require(session, realm));
        ServiceErrors.run(() -> tokens.delete(key));
        return Response.noContent().build();
    }

    @POST
    @Path("tokens/{key}/rotate")
    public Response rotate(@PathParam("key") String key, String body) {
        TokenService tokens = service(SelfServiceAuth.require(session, realm));
        RecentLogin.require(session, realm);
        TokenService.Issued issued = ServiceErrors.call(() -> tokens.rotate(key, RotateBody.overlapMinutes(body)));
        return JsonResponses.of(Response.Status.OK, shown(issued));
    }

    @GET
    @Path("scopes")
    public Response scopes() {
        SelfServiceAuth.require(session, realm);
        List<ScopeRepresentation> scopes = TokenPolicy.of(realm).availableScopes().stream()
                .map(name -> KeycloakModelUtils.getClientScopeByName(realm, name))
                .filter(scope -> scope != null)
                .map(ScopeRepresentation::of)
                .toList();
        return JsonResponses.of(Response.Status.OK, scopes);
    }

    /** The roles the caller may choose for a token: none where the policy offers no choice. */
    @GET
    @Path("roles")
    public Response roles() {
        SelfServiceAuth caller = SelfServiceAuth.require(session, realm);
        return JsonResponses.of(Response.Status.OK, RoleLimits.choosable(realm, caller.user(), TokenPolicy.of(realm)));
    }

    @GET
    @Path("policy")
    public Response policy() {
        SelfServiceAuth.require(session, realm);
        return JsonResponses.of(Response.Status.OK, TokenPolicy.of(realm));
    }

    /** As shown to the owner, with the expiry the realm's current policy puts in force. */
    private TokenRepresentation shown(ApiTokenCredentialModel token) {
        return TokenRepresentation.of(token, TokenPolicy.of(realm));
    }

    private TokenRepresentation shown(TokenService.Issued issued) {
        return TokenRepresentation.withValue(issued.credential(), issued.value(), TokenPolicy.of(realm));
    }

    private TokenService service(SelfServiceAuth caller) {
        return TokenService.forOwner(session, realm, caller.user(), caller.clientId());
    }
}
