package io.github.kcpat.notify;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;

import org.jboss.logging.Logger;
import org.keycloak.email.EmailException;
import org.keycloak.executors.ExecutorsProvider;
import org.keycloak.email.EmailTemplateProvider;
import org.keycloak.models.AbstractKeycloakTransaction;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;

import io.github.kcpat.credential.ApiTokenCredentialModel;

/**
 * Tells a user that an admin created a token for them (and so saw its value): name, key, expiry and who, never
 * the value. Keycloak's e-mail templates as for the expiry reminders ({@code api-token-admin-created.ftl}, subject
 * {@code apiTokenAdminCreatedSubject}). Sent only once the creating transaction has committed, in a session of its
 * own on a pool thread; a mail that cannot go out is logged, the token stays. In the owner's language, never the
 * admin's: that session has no request, so Keycloak resolves the owner's locale, and the expiry is formatted there.
 */
public final class AdminCreatedMail {

    static final String TEMPLATE = "api-token-admin-created.ftl";
    static final String SUBJECT = "apiTokenAdminCreatedSubject";
    private static final String EXECUTOR = "personal-api-tokens-mail";
    private static final Logger LOG = Logger.getLogger(AdminCreatedMail.class);

    private AdminCreatedMail() {
    }

    /** Queues the mail to {@code owner} for after the commit; nothing when the realm has no SMTP or the owner no e-mail. */
    public static void afterCommit(KeycloakSession session, RealmModel realm, UserModel owner, ApiTokenCredentialModel token,
            UserModel admin, RealmModel adminRealm) {
        String host = realm.getSmtpConfig().get("host");
        if (host == null || host.isBlank() || owner.getEmail() == null) {
            return;
        }
        Map<String, Object> attributes = new HashMap<>();
        attributes.put("tokenName", token.name());
        attributes.put("tokenKey", token.key());
        attributes.put("adminUsername", admin == null ? "?" : admin.getUsername());
        attributes.put("adminRealm", adminRealm == null ? "?" : adminRealm.getName());
        String realmId = realm.getId();
        String ownerId = owner.getId();
        KeycloakSessionFactory factory = session.getKeycloakSessionFactory();
        // a pool thread, outside this request's context (as the reminders' timer): the template then needs no request
        // URI, and the admin's answer does not wait for the SMTP server
        ExecutorService executor = session.getProvider(ExecutorsProvider.class).getExecutor(EXECUTOR);
        session.getTransactionManager().enlistAfterCompletion(new AbstractKeycloakTransaction() {
            @Override
            protected void commitImpl() {
                executor.execute(() -> {
                    try {
                        KeycloakModelUtils.runJobInTransaction(factory, mailing -> send(mailing, realmId, ownerId, token, attributes));
                    } catch (RuntimeException e) {
                        LOG.warnf("could not mail the owner about token %s: %s %s", token.key(), e.getClass().getSimpleName(),
                                e.getMessage());
                    }
                });
            }

            @Override
            protected void rollbackImpl() {
                // nothing was created: nothing to tell
            }
        });
    }

    private static void send(KeycloakSession session, String realmId, String ownerId, ApiTokenCredentialModel token,
            Map<String, Object> attributes) {
        RealmModel realm = session.realms().getRealm(realmId);
        if (realm == null) {
            return;
        }
        session.getContext().setRealm(realm);
        UserModel owner = session.users().getUserById(realm, ownerId);
        if (owner == null) {
            return;
        }
        if (token.data().expiresAt() != null) {
            attributes.put("expiresAt", MailDates.format(session, owner, token.data().expiresAt()));
        }
        try {
            session.getProvider(EmailTemplateProvider.class)
                    .setRealm(realm)
                    .setUser(owner)
                    .send(SUBJECT, List.of(token.name()), TEMPLATE, attributes);
            LOG.infof("realm %s: told %s that an admin created token %s", realm.getName(), owner.getUsername(), token.key());
        } catch (EmailException e) {
            LOG.warnf("realm %s: could not mail %s about token %s created by an admin: %s", realm.getName(),
                    owner.getUsername(), token.key(), e.getMessage());
        }
    }
}
