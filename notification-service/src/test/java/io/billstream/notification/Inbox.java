package io.billstream.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.billstream.platform.test.TestMailServer;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/** What reached the test SMTP server, read as a customer's mail client would. */
final class Inbox {

    static final Duration WAIT = Duration.ofSeconds(30);

    private Inbox() {}

    /** Waits until exactly {@code count} emails reached {@code recipient}. */
    static List<MimeMessage> awaitEmails(String recipient, int count) {
        await().atMost(WAIT).untilAsserted(() -> assertThat(emailsTo(recipient)).hasSize(count));
        return emailsTo(recipient);
    }

    static List<MimeMessage> emailsTo(String recipient) {
        return Arrays.stream(TestMailServer.received())
                .filter(message -> {
                    try {
                        return Arrays.stream(message.getRecipients(Message.RecipientType.TO))
                                .anyMatch(address -> address.toString().equals(recipient));
                    } catch (MessagingException e) {
                        return false;
                    }
                })
                .toList();
    }

    /** Amounts are written with a no-break space before the currency, as each language wants; compared as spaces. */
    static String plain(String text) {
        return text.replace('\u00A0', ' ').replace('\u202F', ' ');
    }

    /** The message's part of {@code type}, looked for through its multiparts. */
    static String part(Part part, String type) throws MessagingException, IOException {
        if (part.isMimeType(type)) {
            return (String) part.getContent();
        }
        if (part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart body = multipart.getBodyPart(i);
                String found = part(body, type);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }
}
