package io.github.kcpat.rest;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import org.keycloak.events.Details;
import org.keycloak.events.admin.OperationType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

import io.github.kcpat.credential.ApiTokenCredentialModel;
import io.github.kcpat.credential.OwnedToken;
import io.github.kcpat.credential.TokenFilter;
import io.github.kcpat.credential.TokenFilters;
import io.github.kcpat.credential.TokenSort;
import io.github.kcpat.credential.TokenLookup;
import io.github.kcpat.credential.TokenSearch;
import io.github.kcpat.notify.AdminCreatedMail;
import io.github.kcpat.limits.RoleLimits;
import io.github.kcpat.policy.TokenPolicy;
import io.github.kcpat.service.TokenChanges;
import io.github.kcpat.service.TokenService;
import io.github.kcpat.token.ApiToken;

/**
 * {@code /admin/realms/{realm}/personal-api-tokens}: every user's tokens and the realm policy, under Keycloak's
 * own admin permissions ({@code view-users} reads, {@code manage-users} writes, fine-grained permissions
 * respected per user; the policy needs {@code view-realm} / {@code manage-realm}).
 */
public final class AdminTokensResource {

    static final String RESOURCE_TYPE = "PERSONAL_API_TOKEN";

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminPermissionEvaluator auth;
    private final AdminEventBuilder adminEvent;

    public AdminTokensResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth, AdminEventBuilder adminEvent) {
        this.session = session;
        this.realm = realm;
        this.auth = auth;
        this.adminEvent = adminEvent.resource(RESOURCE_TYPE);
    }

    /** The query parameters of the list and the count; any other is refused, so a typo cannot widen the list. */
    private static final Set<String> LIST_PARAMETERS = Set.of("user", "search", "first", "max", "sort", "order", "neverUsed",
            "unusedDays", "expiringWithinDays", "expired", "state", "disabledBy", "ownerDisabled", "scope", "role");

    @GET
    @Path("tokens")
    public Response list(@QueryParam("first") @DefaultValue("0") String firstParam, @QueryParam("max") @DefaultValue("100") String maxParam) {
        AdminPermissions.allowed(() -> auth.users().requireQuery());
        int first = wholeNumber(firstParam);
        int max = wholeNumber(maxParam);
        if (first < 0 || max < 1 || max > 1000) {
            throw invalid("first must be 0 or more and max between 1 and 1000");
        }
        MultivaluedMap<String, String> query = queryParameters();
        TokenFilter filter = ServiceErrors.call(() -> TokenFilters.fromQuery(query::getFirst));
        TokenSort sort = ServiceErrors.call(() -> TokenSort.parse(query.getFirst("sort"), query.getFirst("order")));
        TokenPolicy policy = TokenPolicy.of(realm);
        List<AdminTokenRepresentation> tokens = TokenSearch.find(session, realm, ownerId(filter), filter, sort, first, max).stream()
                .filter(owned -> auth.users().canView(owned.owner()))
                .map(owned -> AdminTokenRepresentation.of(owned, null, policy))
                .toList();
        return JsonResponses.of(Response.Status.OK, tokens);
    }

    /** How many tokens the list's filters match: {@code {"count": n}}, among the owners the admin may view. */
    @GET
    @Path("tokens/count")
    public Response count() {
        AdminPermissions.allowed(() -> auth.users().requireQuery());
        // first, max, sort and order are taken and ignored: the page's query may be reused as it is
        MultivaluedMap<String, String> query = queryParameters();
        TokenFilter filter = ServiceErrors.call(() -> TokenFilters.fromQuery(query::getFirst));
        String userId = ownerId(filter);
        long count = auth.users().canView()
                ? TokenSearch.count(session, realm, userId, filter)
                : TokenSearch.refs(session, realm, userId, filter).stream().filter(ref -> visibleOwner(ref.ownerId()) != null).count();
        return JsonResponses.of(Response.Status.OK, new Count(count));
    }

    record Count(long count) {
    }

    /**
     * Disables, deletes or expires the tokens named by key or matched by a filter, each in its own transaction; answers
     * {@code {matched, changed, failed}}. A key the admin may not see fails as not found, one whose owner it may not
     * manage as forbidden; a filter reaches only the owners the admin may view.
     */
    @POST
    @Path("tokens/bulk")
    public Response bulk(String body) {
        AdminPermissions.allowed(() -> auth.users().requireQuery());
        BulkBody request = ServiceErrors.call(() -> BulkBody.read(body));
        BulkChanges changes = new BulkChanges(session, realm, request,
                (jobSession, jobRealm, owner) -> (action, token) -> recordAdminEvent(jobSession, jobRealm, action, owner, token));
        if (request.keys() != null) {
            for (String key : request.keys()) {
                Optional<OwnedToken> owned = TokenLookup.find(session, realm, key).filter(found -> auth.users().canView(found.owner()));
                if (owned.isEmpty()) {
                    changes.notFound(key);
                } else if (!auth.users().canManage(owned.get().owner())) {
                    changes.forbidden(key);
                } else {
                    changes.apply(key, owned.get().owner().getId());
                }
            }
        } else {
            List<TokenSearch.TokenRef> refs = TokenSearch.refs(session, realm, ownerId(request.filter()), request.filter());
            // one request stays within what a proxy waits for: a wider filter is narrowed (and repeated) by the admin
            if (refs.size() > BulkBody.MAX_KEYS) {
                throw invalid("The filter matches " + refs.size() + " tokens; a bulk action takes at most " + BulkBody.MAX_KEYS
                        + " per request: narrow the filter (a user, a date range, a state) and repeat. Nothing was changed");
            }
            for (TokenSearch.TokenRef ref : refs) {
                UserModel owner = visibleOwner(ref.ownerId());
                if (owner == null) {
                    continue;
                }
                if (auth.users().canManage(owner)) {
                    changes.apply(ref.key(), ref.ownerId());
                } else {
                    changes.forbidden(ref.key());
                }
            }
        }
        return JsonResponses.of(Response.Status.OK, changes.result());
    }

    private MultivaluedMap<String, String> queryParameters() {
        MultivaluedMap<String, String> query = session.getContext().getUri().getQueryParameters();
        query.keySet().stream().filter(name -> !LIST_PARAMETERS.contains(name)).sorted().findFirst().ifPresent(name -> {
            throw invalid("Unknown query parameter '" + name + "'; allowed: " + String.join(", ", new TreeSet<>(LIST_PARAMETERS)));
        });
        return query;
    }

    /** The id of the owner the filter names, after the check that the admin may view that user (null: every owner). */
    private String ownerId(TokenFilter filter) {
        return filter.user() == null ? null : permittedUser(filter.user(), auth.users()::canView).getId();
    }

    private UserModel visibleOwner(String ownerId) {
        UserModel owner = session.users().getUserById(realm, ownerId);
        return owner != null && auth.users().canView(owner) ? owner : null;
    }

    @GET
    @Path("tokens/{key}")
    public Response read(@PathParam("key") String key) {
        OwnedToken owned = visibleToken(key);
        return JsonResponses.of(Response.Status.OK, AdminTokenRepresentation.of(owned, null, TokenPolicy.of(realm)));
    }

    @POST
    @Path("tokens")
    public Response create(String body) {
        AdminPermissions.allowed(() -> auth.users().requireQuery());
        AdminCreateBody request = ServiceErrors.call(() -> AdminCreateBody.read(body));
        UserModel owner = permittedUser(request.user(), auth.users()::canManage);
        // the admin sees (or chose) the value, and so can act as the owner: Keycloak's right for that is impersonation
        if (!AdminPermissions.canImpersonate(auth, owner)) {
            throw AdminPermissions.forbidden("Admins cannot create tokens for other users: it needs the impersonation "
                    + "permission for this user, as impersonating them would");
        }
        String supplied = request.token();
        ApiToken token = supplied == null ? ApiToken.generate() : ApiToken.parse(supplied)
                .orElseThrow(() -> invalid("token is not a well-formed personal API token"));
        token.secretFlaw().ifPresent(flaw -> {
            throw invalid("token's secret is not random (" + flaw + "); make the value with the CLI or let Keycloak generate it");
        });
        TokenService.Issued issued = ServiceErrors.call(() -> service(owner).create(request.request(), token));
        AdminCreatedMail.afterCommit(session, realm, owner, issued.credential(),
                auth.adminAuth().getUser(), auth.adminAuth().getRealm());
        OwnedToken owned = new OwnedToken(owner, issued.credential());
        return JsonResponses.of(Response.Status.CREATED, AdminTokenRepresentation.of(owned, supplied == null ? issued.value() : null,
                TokenPolicy.of(realm)));
    }

    @PATCH
    @Path("tokens/{key}")
    public Response update(@PathParam("key") String key, String body) {
        OwnedToken owned = manageableToken(key);
        var updated = ServiceErrors.call(() -> service(owned.owner()).update(key, AdminPatchBody.read(body)));
        return JsonResponses.of(Response.Status.OK, AdminTokenRepresentation.of(new OwnedToken(owned.owner(), updated), null,
                TokenPolicy.of(realm)));
    }

    /**
     * A new value for a user's token, shown to the admin once, with an optional overlap for the previous one. The admin
     * sees the value and so can act as the owner: like create, it needs the impersonation permission for the owner.
     */
    @POST
    @Path("tokens/{key}/rotate")
    public Response rotate(@PathParam("key") String key, String body) {
        OwnedToken owned = manageableToken(key);
        if (!AdminPermissions.canImpersonate(auth, owned.owner())) {
            throw AdminPermissions.forbidden("Admins cannot rotate other users' tokens: the new value needs the "
                    + "impersonation permission for this user, as impersonating them would");
        }
        TokenService.Issued issued = ServiceErrors.call(() -> service(owned.owner()).rotate(key, RotateBody.overlapMinutes(body)));
        return JsonResponses.of(Response.Status.OK, AdminTokenRepresentation.of(new OwnedToken(owned.owner(), issued.credential()),
                issued.value(), TokenPolicy.of(realm)));
    }

    @DELETE
    @Path("tokens/{key}")
    public Response delete(@PathParam("key") String key) {
        OwnedToken owned = manageableToken(key);
        ServiceErrors.run(() -> service(owned.owner()).delete(key));
        return Response.noContent().build();
    }

    @DELETE
    @Path("users/{user}/tokens")
    public Response deleteAllOf(@PathParam("user") String user) {
        AdminPermissions.allowed(() -> auth.users().requireQuery());
        UserModel owner = permittedUser(user, auth.users()::canManage);
        int deleted = service(owner).deleteAll();
        return JsonResponses.of(Response.Status.OK, new DeletedCount(deleted));
    }

    /** The roles an admin may choose for a token of {@code user}: those the user holds and the policy allows. */
    @GET
    @Path("users/{user}/roles")
    public Response rolesOf(@PathParam("user") String user) {
        AdminPermissions.allowed(() -> auth.users().requireQuery());
        UserModel owner = permittedUser(user, auth.users()::canView);
        return JsonResponses.of(Response.Status.OK, RoleLimits.choosable(realm, owner, TokenPolicy.of(realm)));
    }

    /** The answer to deleting all of a user's tokens. */
    record DeletedCount(int deleted) {
    }

    @Path("policy")
    public AdminPolicyResource policy() {
        return new AdminPolicyResource(session, realm, auth, adminEvent);
    }

    private TokenService service(UserModel owner) {
        return TokenService.forAdmin(session, realm, owner, (action, token) -> recordAdminEvent(action, owner, token));
    }

    /** Names the owner in the path, the representation and the details: an audit finds every change to a user's tokens. */
    private void recordAdminEvent(TokenChanges.Action action, UserModel owner, ApiTokenCredentialModel token) {
        recordAdminEvent(session, realm, action, owner, token);
    }

    /** As above, stored by {@code eventSession}: a bulk change's job, so the event commits with its token. */
    private void recordAdminEvent(KeycloakSession eventSession, RealmModel eventRealm, TokenChanges.Action action, UserModel owner,
            ApiTokenCredentialModel token) {
        OperationType operation = switch (action) {
            case CREATED -> OperationType.CREATE;
            case UPDATED, ROTATED -> OperationType.UPDATE;
            case DELETED -> OperationType.DELETE;
        };
        adminEvent.clone(eventSession).operation(operation)
                .resourcePath("personal-api-tokens", "users", owner.getId(), "tokens", token.key())
                .representation(AdminTokenRepresentation.of(new OwnedToken(owner, token), null, TokenPolicy.of(eventRealm)))
                .detail(Details.USERNAME, owner.getUsername())
                .detail(Details.CREDENTIAL_ID, token.key())
                .detail(Details.CREDENTIAL_TYPE, ApiTokenCredentialModel.TYPE)
                .success();
    }

    private OwnedToken visibleToken(String key) {
        AdminPermissions.allowed(() -> auth.users().requireQuery());
        OwnedToken owned = TokenLookup.find(session, realm, key).orElseThrow(AdminTokensResource::notFound);
        if (!auth.users().canView(owned.owner())) {
            throw notFound();
        }
        return owned;
    }

    private OwnedToken manageableToken(String key) {
        OwnedToken owned = visibleToken(key);
        AdminPermissions.allowed(() -> auth.users().requireManage(owned.owner()));
        return owned;
    }

    /**
     * The user named by id or username, when the caller may act on them. An unknown user is answered like a
     * forbidden one unless the caller may view every user of the realm anyway: else any realm user could probe
     * which usernames exist (Keycloak's own credential endpoints guard their ids the same way).
     */
    private UserModel permittedUser(String idOrUsername, Predicate<UserModel> allowed) {
        UserModel user = session.users().getUserById(realm, idOrUsername);
        if (user == null) {
            user = session.users().getUserByUsername(realm, idOrUsername);
        }
        if (user == null && auth.users().canView()) {
            throw JsonResponses.failure(Response.Status.NOT_FOUND, "not_found", "No such user in this realm");
        }
        if (user == null || !allowed.test(user)) {
            throw AdminPermissions.forbidden();
        }
        return user;
    }

    private static int wholeNumber(String text) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw invalid("first must be 0 or more and max between 1 and 1000");
        }
    }

    private static RuntimeException notFound() {
        return JsonResponses.failure(Response.Status.NOT_FOUND, "not_found", "No such token");
    }

    private static RuntimeException invalid(String description) {
        return JsonResponses.failure(Response.Status.BAD_REQUEST, "invalid_request", description);
    }
}
