package io.billstream.devstack;

import io.billstream.devstack.Devstack.StartupFailure;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * The secrets a deployment brings itself and the devstack makes up: the key that encrypts portal-service's signing
 * keys, the platform operator's credential, and each service's own credential, which it exchanges at portal-service
 * for a token to call the other services with (ADR 13). Generated once and kept in
 * {@code .devstack/secrets.properties} (readable by its owner only) beside the PostgreSQL data they belong with: a new
 * encryption key would make the stored signing keys unreadable, and a new credential each start would break the
 * operator's scripts. A credential missing from an older file is made and added.
 *
 * @param serviceCredentials by service name, such as {@code billing-service}
 */
record Secrets(String keyEncryptionKey, String operatorCredential, Map<String, String> serviceCredentials) {

    static final String FILE_NAME = "secrets.properties";

    private static final String KEY_ENCRYPTION_KEY = "portal-service.key-encryption-key";
    private static final String OPERATOR_CREDENTIAL = "portal-service.operator-credential";
    private static final String SERVICE_CREDENTIAL = ".credential";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** The services that call others with a token of their own; portal-service signs its own. */
    static final java.util.List<Service> CALLERS = Arrays.stream(Service.values())
            .filter(service -> service != Service.GATEWAY && service != Service.PORTAL)
            .toList();

    /** The secrets kept in the state directory, or new ones written there when there are none yet. */
    static Secrets of(Path stateDirectory) {
        Path file = stateDirectory.resolve(FILE_NAME);
        try {
            Properties stored = new Properties();
            if (Files.exists(file)) {
                try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    stored.load(reader);
                }
                if (stored.getProperty(KEY_ENCRYPTION_KEY, "").isBlank()
                        || stored.getProperty(OPERATOR_CREDENTIAL, "").isBlank()) {
                    throw new StartupFailure(file + " lacks " + KEY_ENCRYPTION_KEY + " or " + OPERATOR_CREDENTIAL
                            + "; start with --fresh to make new ones (it also deletes the PostgreSQL data they belong"
                            + " with)");
                }
            }
            boolean complete = Files.exists(file);
            String key = stored.getProperty(KEY_ENCRYPTION_KEY, "");
            if (key.isBlank()) {
                key = Base64.getEncoder().encodeToString(randomBytes(32));
            }
            String operator = stored.getProperty(OPERATOR_CREDENTIAL, "");
            if (operator.isBlank()) {
                operator = "op_dev_" + token();
            }
            Map<String, String> services = new LinkedHashMap<>();
            for (Service service : CALLERS) {
                String credential = stored.getProperty(service.moduleName() + SERVICE_CREDENTIAL, "");
                if (credential.isBlank()) {
                    credential = "svc_dev_" + token();
                    complete = false;
                }
                services.put(service.moduleName(), credential);
            }
            Secrets secrets = new Secrets(key, operator, services);
            if (!complete) {
                secrets.write(stateDirectory, file);
            }
            return secrets;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write " + file, e);
        }
    }

    private void write(Path stateDirectory, Path file) throws IOException {
        Files.createDirectories(stateDirectory);
        Path temporary = Files.createTempFile(stateDirectory, FILE_NAME, ".tmp");
        if (Files.getFileStore(temporary).supportsFileAttributeView("posix")) {
            Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
        }
        Files.writeString(
                temporary,
                """
                # Made up by the devstack for this state directory. The key encrypts portal-service's signing keys
                # in .devstack/postgres: keep the two together.
                %s=%s
                %s=%s
                %s
                """.formatted(
                                KEY_ENCRYPTION_KEY,
                                keyEncryptionKey,
                                OPERATOR_CREDENTIAL,
                                operatorCredential,
                                serviceCredentials.entrySet().stream()
                                        .map(entry -> entry.getKey() + SERVICE_CREDENTIAL + "=" + entry.getValue())
                                        .collect(Collectors.joining("\n"))),
                StandardCharsets.UTF_8);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
    }

    private static String token() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(32));
    }

    private static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
