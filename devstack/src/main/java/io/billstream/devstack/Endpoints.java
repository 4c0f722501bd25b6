package io.billstream.devstack;

import io.billstream.platform.test.DatabaseServer.JdbcCoordinates;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What runs where, once everything is healthy: a table for people, and {@code .devstack/endpoints.properties} for
 * scripts and tests. Keys of the file: {@code <service>.url}, {@code .health-url}, {@code .swagger-ui-url}, {@code
 * .jdbc-url}, {@code .log}, {@code .pid}; {@code postgres.*}, {@code kafka.bootstrap-servers}, {@code smtp.*}, {@code
 * imap.*}, {@code mailbox.*}, {@code operator.credential}; {@code devstack.*}.
 */
final class Endpoints {

    static final String FILE_NAME = "endpoints.properties";

    private final Map<String, String> properties;
    private final String table;

    private Endpoints(Map<String, String> properties, String table) {
        this.properties = properties;
        this.table = table;
    }

    static Endpoints of(
            Infrastructure infrastructure,
            List<ServiceProcess> services,
            Secrets secrets,
            Path stateDirectory,
            Duration healthyAfter) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("devstack.pid", Long.toString(ProcessHandle.current().pid()));
        properties.put("devstack.healthy-at", Instant.now().toString());
        properties.put("devstack.healthy-after-ms", Long.toString(healthyAfter.toMillis()));

        StringBuilder table = new StringBuilder();
        table.append("Billstream devstack is ready: %d services healthy %s after start.%n%n"
                .formatted(services.size(), seconds(healthyAfter)));
        String row = "  %-22s %-24s %-42s %s%n";
        table.append(row.formatted("SERVICE", "URL", "SWAGGER UI", "HEALTH"));
        for (ServiceProcess process : services) {
            Service service = process.service();
            String name = service.moduleName();
            String url = "http://localhost:" + process.port();
            String swaggerUi = service.hasApiDocs() ? url + "/swagger-ui.html" : "-";
            properties.put(name + ".url", url);
            properties.put(name + ".health-url", Readiness.url(process.port()));
            if (service.hasApiDocs()) {
                properties.put(name + ".swagger-ui-url", swaggerUi);
            }
            JdbcCoordinates database = infrastructure.databases().get(service);
            if (database != null) {
                properties.put(name + ".jdbc-url", database.url());
            }
            properties.put(name + ".log", slashes(process.logFile()));
            properties.put(name + ".pid", Long.toString(process.pid()));
            table.append(row.formatted(name, url, swaggerUi, Readiness.url(process.port())));
        }

        JdbcCoordinates admin = infrastructure.admin();
        properties.put("postgres.host", admin.host());
        properties.put("postgres.port", Integer.toString(admin.port()));
        properties.put("postgres.username", admin.username());
        properties.put("postgres.password", admin.password());
        properties.put("postgres.admin-jdbc-url", admin.url());
        properties.put("kafka.bootstrap-servers", infrastructure.kafkaBootstrapServers());
        MailServer mail = infrastructure.mail();
        properties.put("smtp.host", MailServer.HOST);
        properties.put("smtp.port", Integer.toString(mail.smtpPort()));
        properties.put("imap.host", MailServer.HOST);
        properties.put("imap.port", Integer.toString(mail.imapPort()));
        properties.put("mailbox.url", mail.webUrl());
        properties.put("mailbox.api-url", mail.apiUrl());
        properties.put("logs.directory", slashes(stateDirectory.resolve("logs")));
        properties.put("operator.credential", secrets.operatorCredential());

        String item = "  %-12s %s%n";
        String detail = "  %-12s   %-22s %s%n";
        table.append(System.lineSeparator());
        table.append(item.formatted(
                "PostgreSQL",
                admin.url() + "  user '" + admin.username() + "'"
                        + (admin.password().isEmpty() ? ", no password" : ", password '" + admin.password() + "'")));
        infrastructure
                .databases()
                .forEach((service, database) ->
                        table.append(detail.formatted("", service.moduleName(), database.url())));
        table.append(item.formatted("Kafka", infrastructure.kafkaBootstrapServers()));
        table.append(item.formatted("SMTP", MailServer.HOST + ":" + mail.smtpPort() + ", no authentication"));
        table.append(item.formatted("Mailbox", mail.webUrl() + "  (as JSON: " + mail.apiUrl() + ")"));
        table.append(item.formatted(
                "",
                "IMAP " + MailServer.HOST + ":" + mail.imapPort() + ", user = the recipient's address, any password"));
        table.append(item.formatted(
                "Operator", secrets.operatorCredential() + "  (Authorization: Bearer, at the gateway; see README)"));
        table.append(item.formatted("Logs", slashes(stateDirectory.resolve("logs")) + "/<service>.log"));
        table.append(item.formatted("Endpoints", slashes(stateDirectory.resolve(FILE_NAME))));
        return new Endpoints(properties, table.toString());
    }

    String table() {
        return table;
    }

    Map<String, String> properties() {
        return properties;
    }

    /**
     * Written as plain {@code key=value} lines rather than with {@link java.util.Properties#store}, which would escape
     * every colon of the URLs and make the file awkward for shell scripts; the values hold no backslashes, so
     * {@code Properties.load} reads the file just as well.
     */
    void write(Path file) {
        StringBuilder text = new StringBuilder()
                .append("# Billstream devstack: what runs where. Written when every service was healthy;")
                .append(System.lineSeparator())
                .append("# check devstack.pid to know whether that devstack still runs.")
                .append(System.lineSeparator());
        properties.forEach(
                (key, value) -> text.append(key).append('=').append(value).append(System.lineSeparator()));
        try {
            Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(temporary, text, StandardCharsets.UTF_8);
            // Readers polling for the file never see half of it.
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }

    private static String slashes(Path path) {
        return path.toString().replace('\\', '/');
    }
}
