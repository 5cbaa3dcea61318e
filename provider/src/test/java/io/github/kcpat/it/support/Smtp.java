package io.github.kcpat.it.support;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

/** A GreenMail SMTP server on loopback for a test server's realm to send its mail to. */
public final class Smtp {

    private Smtp() {
    }

    /** Started on a free loopback port; {@link GreenMail#stop() stop} it when done. */
    public static GreenMail start() {
        GreenMail smtp = new GreenMail(new ServerSetup(Loopback.freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        return smtp;
    }

    /** Makes {@code realm} send its mail (expiry reminders, notices) to {@code smtp}. */
    public static void sendMailOf(DemoRealm realm, GreenMail smtp) {
        realm.updateRealm(rep -> rep.putObject("smtpServer")
                .put("host", "127.0.0.1")
                .put("port", String.valueOf(smtp.getSmtp().getPort()))
                .put("from", "keycloak@example.org")
                .put("fromDisplayName", "Keycloak"));
    }
}
