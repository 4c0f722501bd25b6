package io.billstream.platform.test;

import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/**
 * A real SMTP server (GreenMail) shared by the tests of one JVM. Tests annotated
 * {@code @RealInfrastructure(mail = true)} send to it through Spring Mail; they read what arrived with
 * {@link #received()} and can {@link #stop()} and {@link #start()} it to test delivery while the server is down.
 */
public final class TestMailServer {

    private static GreenMail greenMail;
    private static int port;

    private TestMailServer() {}

    public static synchronized int smtpPort() {
        if (greenMail == null) {
            port = freePort();
            start();
            TestInfrastructure.stopAtExit(TestMailServer::stop);
        }
        return port;
    }

    public static synchronized GreenMail greenMail() {
        smtpPort();
        return greenMail;
    }

    public static MimeMessage[] received() {
        return greenMail().getReceivedMessages();
    }

    /** Starts the server on its port, again after {@link #stop()}; a restarted server has empty mailboxes. */
    public static synchronized void start() {
        if (greenMail != null && greenMail.isRunning()) {
            return;
        }
        greenMail = new GreenMail(new ServerSetup(port, "localhost", ServerSetup.PROTOCOL_SMTP));
        greenMail.start();
    }

    public static synchronized void stop() {
        if (greenMail != null && greenMail.isRunning()) {
            greenMail.stop();
        }
    }

    /** Forgets every received message, so each test reads only its own. */
    public static void purge() {
        try {
            greenMail().purgeEmailFromAllMailboxes();
        } catch (FolderException e) {
            throw new IllegalStateException("cannot purge the test mailboxes", e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
