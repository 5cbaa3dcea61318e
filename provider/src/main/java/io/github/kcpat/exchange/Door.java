package io.github.kcpat.exchange;

import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.representations.AccessTokenResponse;

import io.github.kcpat.events.DoorEvents;
import io.github.kcpat.events.TokenEvents;
import io.github.kcpat.limits.RoleLimits;
import io.github.kcpat.metrics.TokenMetrics;
import io.github.kcpat.verify.TokenVerifier;
import io.github.kcpat.verify.UseDoor;
import io.github.kcpat.verify.Verdict;

/**
 * What every door does with a presented token, written once: verify it; on a refusal log the reason (unless the
 * refusal cost the sender nothing, see {@link DoorEvents}) and throw the door's own answer, the same whatever the
 * reason; otherwise hand back the accepted verdict, or mint its access token. The Direct Grant authenticator is
 * the exception: it answers through the authentication flow and logs every refusal for brute-force detection.
 */
final class Door {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final UseDoor name;
    private final Supplier<? extends RuntimeException> refusal;
    private final TokenMetrics metrics = TokenMetrics.current();
    private final long entered = metrics.doorEntered();

    /** {@code name}: which door, as a token's last use records it; {@code refusal}: what it throws at any unusable token. */
    Door(KeycloakSession session, RealmModel realm, UseDoor name, Supplier<? extends RuntimeException> refusal) {
        this.session = session;
        this.realm = realm;
        this.name = name;
        this.refusal = refusal;
    }

    /** A door of the realm's own URLs, which answers an unusable token with {@code refusal}'s response. */
    static Door answering(KeycloakSession session, RealmModel realm, UseDoor name, Function<RealmModel, Response> refusal) {
        return new Door(session, realm, name, () -> new WebApplicationException(refusal.apply(realm)));
    }

    KeycloakSession session() {
        return session;
    }

    RealmModel realm() {
        return realm;
    }

    /** The token in the request's {@code Authorization: APIToken} header, or null. */
    String tokenFromHeader() {
        return ApiTokenHeader.tokenFrom(session.getContext().getRequestHeaders());
    }

    EventBuilder event(EventType type) {
        return TokenEvents.event(session, realm, type);
    }

    /**
     * The accepted verdict; or logs the refusal in {@code event} (built only when a refusal is logged) and throws
     * the door's refusal.
     */
    Verdict.Accepted admit(String presented, Supplier<EventBuilder> event) {
        return admit(presented, owner -> true, event);
    }

    /** As {@link #admit(String, Supplier)}, refusing a token whose owner is not the one the caller {@code named}. */
    Verdict.Accepted admit(String presented, Predicate<UserModel> named, Supplier<EventBuilder> event) {
        Verdict verdict = new TokenVerifier(session, realm, name).verify(presented, named);
        if (verdict instanceof Verdict.Refused refused) {
            DoorEvents.refused(event, refused);
            metrics.doorAnswered(name, false, entered);
            throw refusal.get();
        }
        return (Verdict.Accepted) verdict;
    }

    /** The door answers an accepted token: its latency, from this door's first step, is measured. */
    Response answered(Response response) {
        metrics.doorAnswered(name, true, entered);
        return response;
    }

    /**
     * Logs the accepted token's use in {@code event} and mints its access token, issued to {@code client} (the realm's
     * exchange client): the roles chosen for the token are its grant there, whatever the client's scope mappings.
     */
    AccessTokenResponse mint(ClientModel client, Verdict.Accepted accepted, EventBuilder event) {
        event.client(client);
        DoorEvents.accepted(event, accepted);
        AccessTokenResponse minted = AccessTokenMinter.mint(session, realm, client, accepted.owner(),
                accepted.credential().key(), accepted.scopes(), roles(accepted, true), event);
        event.success();
        return minted;
    }

    /**
     * What the JWT of {@code accepted} carries of the roles Keycloak's scope rules give its client: see
     * {@link RoleLimits#granted}; {@code choiceOverridesScope} for the realm's own exchange client only.
     */
    Function<Supplier<Set<RoleModel>>, Set<RoleModel>> roles(Verdict.Accepted accepted, boolean choiceOverridesScope) {
        return base -> RoleLimits.granted(realm, accepted.owner(), accepted.chosenRoles(), accepted.forbiddenRoles(), base,
                choiceOverridesScope);
    }
}
