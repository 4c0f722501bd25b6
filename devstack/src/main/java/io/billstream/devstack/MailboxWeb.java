package io.billstream.devstack;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.mail.Address;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo mailbox in a browser, and as JSON for scripts and system tests. GreenMail itself (the library, not its
 * standalone server) has no web interface; the JDK's HTTP server is enough for a page of messages.
 *
 * <ul>
 *   <li>{@code GET /}: every message received, newest first (the page refreshes itself)
 *   <li>{@code GET /messages/<id>}: one message, its HTML part if it has one, else its text
 *   <li>{@code GET /messages/<id>/raw}: the message as it arrived (MIME)
 *   <li>{@code GET /api/messages[?to=<address>]}: the messages as JSON, with their text and HTML bodies
 *   <li>{@code DELETE /api/messages} or {@code POST /purge}: empties every mailbox
 * </ul>
 */
final class MailboxWeb implements AutoCloseable {

    static final String API_PATH = "api/messages";

    private static final Logger log = LoggerFactory.getLogger(MailboxWeb.class);
    private static final DateTimeFormatter LOCAL_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    private final HttpServer server;
    private final Supplier<List<MimeMessage>> received;
    private final Runnable purge;

    private MailboxWeb(HttpServer server, Supplier<List<MimeMessage>> received, Runnable purge) {
        this.server = server;
        this.received = received;
        this.purge = purge;
    }

    static MailboxWeb start(int port, Supplier<List<MimeMessage>> received, Runnable purge) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
            MailboxWeb web = new MailboxWeb(server, received, purge);
            server.createContext("/", web::handle);
            server.start();
            return web;
        } catch (IOException e) {
            throw new UncheckedIOException("the mailbox web page cannot listen on port " + port, e);
        }
    }

    String url() {
        return "http://localhost:" + server.getAddress().getPort() + "/";
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getRawPath();
            if (path.equals("/") && method.equals("GET")) {
                respond(exchange, 200, "text/html", listPage());
            } else if (path.equals("/" + API_PATH) && method.equals("GET")) {
                respond(exchange, 200, "application/json", json(mails(recipientFilter(exchange))));
            } else if (path.equals("/" + API_PATH) && method.equals("DELETE")) {
                purge.run();
                respond(exchange, 204, null, "");
            } else if (path.equals("/purge") && method.equals("POST")) {
                purge.run();
                exchange.getResponseHeaders().set("Location", "/");
                respond(exchange, 303, null, "");
            } else if (path.startsWith("/messages/") && method.equals("GET")) {
                showMessage(exchange, path.substring("/messages/".length()));
            } else {
                respond(exchange, 404, "text/plain", "Not found");
            }
        } catch (RuntimeException e) {
            log.warn("Mailbox page failed path='{}'", exchange.getRequestURI(), e);
        }
    }

    private void showMessage(HttpExchange exchange, String rest) throws IOException {
        boolean raw = rest.endsWith("/raw");
        String id = URLDecoder.decode(
                raw ? rest.substring(0, rest.length() - "/raw".length()) : rest, StandardCharsets.UTF_8);
        Optional<Mail> mail =
                mails(null).stream().filter(m -> m.id().equals(id)).findFirst();
        if (mail.isEmpty()) {
            respond(exchange, 404, "text/plain", "No message " + id + " (the mailbox may have been emptied)");
        } else if (raw) {
            respond(exchange, 200, "text/plain", mail.get().raw());
        } else if (!mail.get().html().isEmpty()) {
            respond(exchange, 200, "text/html", mail.get().html());
        } else {
            Mail m = mail.get();
            respond(
                    exchange,
                    200,
                    "text/plain",
                    "From: " + m.from() + "\nTo: " + String.join(", ", m.to()) + "\nSubject: " + m.subject() + "\n\n"
                            + m.text());
        }
    }

    private String listPage() {
        List<Mail> mails = mails(null);
        StringBuilder rows = new StringBuilder();
        for (Mail mail : mails) {
            String link = "/messages/" + URLEncoder.encode(mail.id(), StandardCharsets.UTF_8);
            rows.append("<tr><td>")
                    .append(mail.sentAt().equals(Instant.EPOCH) ? "" : LOCAL_TIME.format(mail.sentAt()))
                    .append("</td><td>")
                    .append(html(mail.from()))
                    .append("</td><td>")
                    .append(html(String.join(", ", mail.to())))
                    .append("</td><td><a href=\"")
                    .append(link)
                    .append("\">")
                    .append(html(mail.subject().isEmpty() ? "(no subject)" : mail.subject()))
                    .append("</a></td><td><a href=\"")
                    .append(link)
                    .append("/raw\">raw</a></td></tr>\n");
        }
        return """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><meta http-equiv="refresh" content="5">
            <title>Billstream devstack mailbox</title>
            <style>
              body { font-family: system-ui, sans-serif; margin: 2rem; }
              table { border-collapse: collapse; width: 100%%; }
              th, td { text-align: left; padding: .4rem .8rem; border-bottom: 1px solid #ddd; }
            </style></head>
            <body><h1>Billstream devstack mailbox</h1>
            <p>%d message(s), newest first; this page refreshes every 5 seconds.
               <a href="/%s">As JSON</a>.</p>
            <form method="post" action="/purge"><button>Empty every mailbox</button></form>
            <table><tr><th>Sent</th><th>From</th><th>To</th><th>Subject</th><th></th></tr>
            %s</table></body></html>
            """.formatted(mails.size(), API_PATH, rows);
    }

    private static String recipientFilter(HttpExchange exchange) {
        String query = exchange.getRequestURI().getRawQuery();
        if (query == null) {
            return null;
        }
        return Arrays.stream(query.split("&"))
                .filter(pair -> pair.startsWith("to="))
                .map(pair -> URLDecoder.decode(pair.substring(3), StandardCharsets.UTF_8))
                .findFirst()
                .orElse(null);
    }

    /** One entry per message: GreenMail keeps a copy per recipient, all with the same Message-ID. */
    private List<Mail> mails(String recipient) {
        Map<String, Mail> byId = new LinkedHashMap<>();
        List<MimeMessage> messages = received.get();
        for (int i = 0; i < messages.size(); i++) {
            Mail mail = Mail.of(messages.get(i), i);
            byId.putIfAbsent(mail.id(), mail);
        }
        return byId.values().stream()
                .filter(mail -> recipient == null
                        || mail.to().stream()
                                .anyMatch(
                                        to -> to.toLowerCase(Locale.ROOT).contains(recipient.toLowerCase(Locale.ROOT))))
                .sorted(Comparator.comparing(Mail::sentAt).reversed())
                .toList();
    }

    private static void respond(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        if (contentType != null) {
            exchange.getResponseHeaders().set("Content-Type", contentType + "; charset=utf-8");
        }
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private static String json(List<Mail> mails) {
        return mails.stream()
                .map(mail -> "{\"id\":" + jsonString(mail.id())
                        + ",\"from\":" + jsonString(mail.from())
                        + ",\"to\":"
                        + mail.to().stream().map(MailboxWeb::jsonString).collect(Collectors.joining(",", "[", "]"))
                        + ",\"subject\":" + jsonString(mail.subject())
                        + ",\"sentAt\":"
                        + (mail.sentAt().equals(Instant.EPOCH)
                                ? "null"
                                : jsonString(mail.sentAt().toString()))
                        + ",\"text\":" + jsonString(mail.text())
                        + ",\"html\":" + jsonString(mail.html())
                        + "}")
                .collect(Collectors.joining(",\n", "[", "]"));
    }

    static String jsonString(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append("\\u%04x".formatted((int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    static String html(String value) {
        return value.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;")
                .replace("'", "&#39;");
    }

    /** What the pages show of a message, read once per request. */
    private record Mail(
            String id,
            String from,
            List<String> to,
            String subject,
            Instant sentAt,
            String text,
            String html,
            String raw) {

        static Mail of(MimeMessage message, int position) {
            try {
                String messageId = message.getMessageID();
                String id = messageId == null ? "message-" + position : messageId.replaceAll("^<|>$", "");
                StringBuilder text = new StringBuilder();
                StringBuilder html = new StringBuilder();
                collectBodies(message, text, html);
                ByteArrayOutputStream raw = new ByteArrayOutputStream();
                message.writeTo(raw);
                return new Mail(
                        id,
                        addresses(message.getFrom()),
                        Arrays.stream(Optional.ofNullable(message.getRecipients(RecipientType.TO))
                                        .orElse(new Address[0]))
                                .map(Address::toString)
                                .toList(),
                        Optional.ofNullable(message.getSubject()).orElse(""),
                        Optional.ofNullable(message.getSentDate())
                                .map(date -> date.toInstant())
                                .orElse(Instant.EPOCH),
                        text.toString(),
                        html.toString(),
                        raw.toString(StandardCharsets.UTF_8));
            } catch (MessagingException | IOException e) {
                throw new IllegalStateException("cannot read a received message", e);
            }
        }

        private static String addresses(Address[] addresses) {
            return addresses == null
                    ? ""
                    : Arrays.stream(addresses).map(Address::toString).collect(Collectors.joining(", "));
        }

        /** The first text and HTML bodies, looking into multiparts but not into attachments. */
        private static void collectBodies(Part part, StringBuilder text, StringBuilder html)
                throws MessagingException, IOException {
            if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
                return;
            }
            if (part.isMimeType("text/plain") && text.isEmpty()) {
                text.append(content(part));
            } else if (part.isMimeType("text/html") && html.isEmpty()) {
                html.append(content(part));
            } else if (part.isMimeType("multipart/*") && part.getContent() instanceof Multipart multipart) {
                for (int i = 0; i < multipart.getCount(); i++) {
                    collectBodies(multipart.getBodyPart(i), text, html);
                }
            }
        }

        private static String content(Part part) throws MessagingException, IOException {
            Object content = part.getContent();
            if (content instanceof String string) {
                return string;
            }
            try (InputStream in = part.getInputStream()) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
    }
}
