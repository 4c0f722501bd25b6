package io.billstream.devstack;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.util.List;

/**
 * A real SMTP server (GreenMail) that keeps every message it accepts, readable over IMAP and in a browser. It accepts
 * any sender and recipient, and any IMAP login whose user name is a recipient's address, so no mailbox has to be set
 * up before the demo sends to it.
 */
final class MailServer implements AutoCloseable {

    static final String HOST = "localhost";

    private final GreenMail greenMail;
    private final MailboxWeb web;
    private final int smtpPort;
    private final int imapPort;

    private MailServer(GreenMail greenMail, MailboxWeb web, int smtpPort, int imapPort) {
        this.greenMail = greenMail;
        this.web = web;
        this.smtpPort = smtpPort;
        this.imapPort = imapPort;
    }

    static MailServer start(int smtpPort, int imapPort, int webPort) {
        GreenMail greenMail = new GreenMail(new ServerSetup[] {
            new ServerSetup(smtpPort, HOST, ServerSetup.PROTOCOL_SMTP),
            new ServerSetup(imapPort, HOST, ServerSetup.PROTOCOL_IMAP)
        });
        greenMail.withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
        greenMail.start();
        try {
            MailboxWeb web =
                    MailboxWeb.start(webPort, () -> List.of(greenMail.getReceivedMessages()), () -> purge(greenMail));
            return new MailServer(greenMail, web, smtpPort, imapPort);
        } catch (RuntimeException e) {
            greenMail.stop();
            throw e;
        }
    }

    int smtpPort() {
        return smtpPort;
    }

    int imapPort() {
        return imapPort;
    }

    String webUrl() {
        return web.url();
    }

    String apiUrl() {
        return web.url() + MailboxWeb.API_PATH;
    }

    private static void purge(GreenMail greenMail) {
        try {
            greenMail.purgeEmailFromAllMailboxes();
        } catch (Exception e) {
            throw new IllegalStateException("cannot empty the mailboxes", e);
        }
    }

    @Override
    public void close() {
        try {
            web.close();
        } finally {
            greenMail.stop();
        }
    }
}
