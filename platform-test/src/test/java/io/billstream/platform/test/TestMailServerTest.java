package io.billstream.platform.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The shared SMTP server receives real mail over SMTP, and can be stopped and started to test outages. */
class TestMailServerTest {

    @Test
    void receivesMailOverSmtpAndRefusesItWhileStopped() throws Exception {
        TestMailServer.purge();
        send("first@example.com");
        assertThat(TestMailServer.received())
                .singleElement()
                .satisfies(message -> assertThat(message.getAllRecipients()[0]).hasToString("first@example.com"));

        TestMailServer.stop();
        try {
            assertThatThrownBy(() -> send("second@example.com")).isInstanceOf(MessagingException.class);
        } finally {
            TestMailServer.start();
        }
        send("third@example.com");
        // A restarted server starts with empty mailboxes, as a real SMTP relay would not keep what it delivered.
        assertThat(TestMailServer.received())
                .singleElement()
                .satisfies(message -> assertThat(message.getAllRecipients()[0]).hasToString("third@example.com"));
    }

    private static void send(String to) throws MessagingException {
        Properties properties = new Properties();
        properties.put("mail.smtp.host", "localhost");
        properties.put("mail.smtp.port", String.valueOf(TestMailServer.smtpPort()));
        properties.put("mail.smtp.connectiontimeout", "2000");
        MimeMessage message = new MimeMessage(Session.getInstance(properties));
        message.setFrom(new InternetAddress("billing@merchant.example"));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
        message.setSubject("Your payment was approved");
        message.setText("Thank you.");
        Transport.send(message);
    }
}
