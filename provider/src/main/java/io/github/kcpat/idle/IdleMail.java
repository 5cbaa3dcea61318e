package io.github.kcpat.idle;

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
import io.github.kcpat.reminders.AccountLinks;

/**
 * The idle task's e-mails to a token's owner, through Keycloak's e-mail templates shipped in this JAR (overridable by an
 * e-mail theme): the warning a few days before ({@code api-token-idle-warning.ftl}) and the notice when it happens
 * ({@code api-token-idle-disabled.ftl}). Sent only where the realm has SMTP settings and the owner an address, in the
 * owner's language with dates to match.
 */
final class IdleMail {

    private static final Logger LOG = Logger.getLogger(IdleMail.class);

    private IdleMail() {
    }

    static boolean canSend(RealmModel realm, UserModel owner) {
        String host = realm.getSmtpConfig().get("host");
        return host != null && !host.isBlank() && owner.getEmail() != null;
    }

    static boolean warn(KeycloakSession session, RealmModel realm, UserModel owner, ApiTokenCredentialModel token,
            Instant idleSince, Instant disableAt, int disableAfterDays, Instant now) {
        long unusedDays = Duration.between(idleSince, now).toDays();
        Map<String, Object> attributes = attributes(realm, token, disableAfterDays);
        attributes.put("unusedDays", unusedDays);
        String date = MailDates.format(session, owner, disableAt);
        attributes.put("disableAt", date);
        return send(session, realm, owner, token, "apiTokenIdleWarningSubject",
                List.of(token.name(), unusedDays, date), "api-token-idle-warning.ftl", attributes);
    }

    static boolean disabled(KeycloakSession session, RealmModel realm, UserModel owner, ApiTokenCredentialModel token,
            int disableAfterDays, Instant now) {
        Map<String, Object> attributes = attributes(realm, token, disableAfterDays);
        attributes.put("disabledAt", MailDates.format(session, owner, now));
        return send(session, realm, owner, token, "apiTokenIdleDisabledSubject", List.of(token.name(), disableAfterDays),
                "api-token-idle-disabled.ftl", attributes);
    }

    private static Map<String, Object> attributes(RealmModel realm, ApiTokenCredentialModel token, int disableAfterDays) {
        Map<String, Object> attributes = new HashMap<>();
        attributes.put("tokenName", token.name());
        attributes.put("tokenKey", token.key());
        attributes.put("disableAfterDays", disableAfterDays);
        AccountLinks.apiTokensPage(realm).ifPresent(link -> attributes.put("link", link));
        return attributes;
    }

    private static boolean send(KeycloakSession session, RealmModel realm, UserModel owner, ApiTokenCredentialModel token,
            String subject, List<Object> subjectArguments, String template, Map<String, Object> attributes) {
        try {
            session.getProvider(EmailTemplateProvider.class).setRealm(realm).setUser(owner)
                    .send(subject, subjectArguments, template, attributes);
            return true;
        } catch (EmailException e) {
            LOG.warnf("realm %s: could not send the idle-token mail for token %s to %s: %s", realm.getName(), token.key(),
                    owner.getUsername(), e.getMessage());
            return false;
        }
    }
}
