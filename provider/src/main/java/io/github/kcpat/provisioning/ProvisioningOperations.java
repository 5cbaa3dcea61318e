package io.github.kcpat.provisioning;

import java.util.ArrayList;
import java.util.List;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

import io.github.kcpat.credential.OwnedToken;
import io.github.kcpat.credential.TokenLookup;
import io.github.kcpat.policy.PolicyViolation;
import io.github.kcpat.service.TokenService;
import io.github.kcpat.service.TokenServiceException;
import io.github.kcpat.token.ApiToken;

/** Applies provisioning operations through the same TokenService, and policy, as every other write. */
final class ProvisioningOperations {

    private final KeycloakSession session;
    private final String file;
    private final List<String> outcomes = new ArrayList<>();

    ProvisioningOperations(KeycloakSession session, String file) {
        this.session = session;
        this.file = file;
    }

    /** What was done, one line per operation: to log once the file's transaction has committed. */
    List<String> outcomes() {
        return outcomes;
    }

    /** Applies one operation; a failure names it (number, action, key, realm, user) and the reason. */
    void apply(int number, ProvisioningRequest request) {
        try {
            apply(request);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("operation " + number + " (" + request.describe() + "): " + describe(e));
        }
    }

    private void apply(ProvisioningRequest request) {
        RealmModel realm = session.realms().getRealmByName(request.realm());
        if (realm == null) {
            throw new IllegalArgumentException("no realm '" + request.realm() + "'");
        }
        session.getContext().setRealm(realm);
        switch (request.action()) {
            case "create" -> create(realm, request);
            case "update" -> update(realm, request);
            default -> delete(realm, request);
        }
    }

    private void create(RealmModel realm, ProvisioningRequest request) {
        UserModel owner = user(realm, request.user());
        ApiToken token = ApiToken.parse(request.token())
                .orElseThrow(() -> new IllegalArgumentException("token is missing or not a well-formed personal API token"));
        token.secretFlaw().ifPresent(flaw -> {
            throw new IllegalArgumentException("token's secret is not random (" + flaw + "); make the value with the CLI");
        });
        OwnedToken existing = TokenLookup.find(session, realm, token.key()).orElse(null);
        if (existing != null && existing.owner().getId().equals(owner.getId()) && existing.credential().isSecretOf(token)) {
            log("create", realm, owner, token.key(), "already provisioned, unchanged");
            return;
        }
        service(realm, owner).create(request.tokenRequest(), token);
        log("create", realm, owner, token.key(), "created");
    }

    private void update(RealmModel realm, ProvisioningRequest request) {
        OwnedToken existing = existing(realm, request.key());
        service(realm, existing.owner()).update(request.key(), request.tokenRequest());
        log("update", realm, existing.owner(), request.key(), "updated");
    }

    private void delete(RealmModel realm, ProvisioningRequest request) {
        OwnedToken existing = TokenLookup.find(session, realm, require(request.key(), "key")).orElse(null);
        if (existing == null) {
            outcomes.add(String.format("provisioning %s: delete token %s in realm %s: already absent", file, request.key(),
                    realm.getName()));
            return;
        }
        service(realm, existing.owner()).delete(request.key());
        log("delete", realm, existing.owner(), request.key(), "deleted");
    }

    private OwnedToken existing(RealmModel realm, String key) {
        return TokenLookup.find(session, realm, require(key, "key"))
                .orElseThrow(() -> new IllegalArgumentException("no token with key " + key + " in realm " + realm.getName()));
    }

    private UserModel user(RealmModel realm, String user) {
        require(user, "user");
        UserModel found = session.users().getUserByUsername(realm, user);
        if (found == null) {
            found = session.users().getUserById(realm, user);
        }
        if (found == null) {
            throw new IllegalArgumentException("no user '" + user + "' in realm " + realm.getName());
        }
        return found;
    }

    private TokenService service(RealmModel realm, UserModel owner) {
        return new TokenService(session, realm, owner, (action, token) -> { });
    }

    private void log(String action, RealmModel realm, UserModel owner, String key, String outcome) {
        outcomes.add(String.format("provisioning %s: %s token %s of %s/%s: %s", file, action, key, realm.getName(),
                owner.getUsername(), outcome));
    }

    private static String require(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " is required");
        }
        return value;
    }

    /** A reason safe to log and to write beside the file: never an exception's own text, which may quote input. */
    static String describe(Exception e) {
        if (e instanceof IllegalArgumentException || e instanceof PolicyViolation || e instanceof TokenServiceException) {
            return e.getMessage();
        }
        return "unexpected " + e.getClass().getSimpleName();
    }
}
