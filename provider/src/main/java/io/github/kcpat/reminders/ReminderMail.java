package io.github.kcpat.reminders;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jboss.logging.Logger;
import org.keycloak.email.EmailException;
import org.keycloak.email.EmailTemplateProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

import io.github.kcpat.credential.ApiTokenCredentialModel;
import io.github.kcpat.notify.MailDates;

/**
 * The reminder e-mail, through Keycloak's e-mail templates: {@code api-token-expiry.ftl} (HTML and text) and
 * the subject {@code apiTokenExpirySubject}, both shipped in this JAR's theme resources and overridable by an
 * e-mail theme. In the owner's language, as Keycloak resolves it for the templates, and so is the date.
 */
final class ReminderMail {

    static final String TEMPLATE = "api-token-expiry.ftl";
    static final String SUBJECT = "apiTokenExpirySubject";
    private static final Logger LOG = Logger.getLogger(ReminderMail.class);

    private ReminderMail() {
    }

    /** {@code expiresAt}: the expiry in force, which the policy may have capped below the stored one. */
    static boolean send(KeycloakSession session, RealmModel realm, UserModel owner, ApiTokenCredentialModel token,
            Instant expiresAt, Instant now) {
        long secondsLeft = Math.max(0, Duration.between(now, expiresAt).getSeconds());
        long daysLeft = (secondsLeft + 86_399) / 86_400;
        Map<String, Object> attributes = new HashMap<>();
        attributes.put("tokenName", token.name());
        attributes.put("tokenKey", token.key());
        attributes.put("expiresAt", MailDates.format(session, owner, expiresAt));
        attributes.put("daysLeft", daysLeft);
        // no link unless a public URL is configured: the template then names the page in words
        AccountLinks.apiTokensPage(realm).ifPresent(link -> attributes.put("link", link));
        try {
            session.getProvider(EmailTemplateProvider.class)
                    .setRealm(realm)
                    .setUser(owner)
                    .send(SUBJECT, List.of(token.name(), daysLeft), TEMPLATE, attributes);
            return true;
        } catch (EmailException e) {
            LOG.warnf("realm %s: could not send the expiry reminder for token %s to %s: %s", realm.getName(), token.key(),
                    owner.getUsername(), e.getMessage());
            return false;
        }
    }
}
