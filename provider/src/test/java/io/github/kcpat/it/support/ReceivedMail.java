package io.github.kcpat.it.support;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;

/** A mail GreenMail received, read into its recipients, subject, text part and HTML part. */
public final class ReceivedMail {

    private final MimeMessage message;
    private final StringBuilder text = new StringBuilder();
    private final StringBuilder html = new StringBuilder();

    public ReceivedMail(MimeMessage message) {
        this.message = message;
        try {
            collect(message);
        } catch (IOException | MessagingException e) {
            throw new IllegalStateException("Cannot read a received mail", e);
        }
    }

    private void collect(Part part) throws IOException, MessagingException {
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                collect(child);
            }
        } else if (part.isMimeType("text/plain")) {
            text.append(part.getContent());
        } else if (part.isMimeType("text/html")) {
            html.append(part.getContent());
        }
    }

    public List<String> to() {
        try {
            return Arrays.stream(message.getAllRecipients()).map(Object::toString).toList();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    public MimeMessage message() {
        return message;
    }

    public String subject() {
        try {
            return message.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    public String text() {
        return text.toString();
    }

    public String html() {
        return html.toString();
    }

    @Override
    public String toString() {
        return subject() + " to " + to() + ":\n" + text;
    }
}
