package io.billstream.devstack;

import io.billstream.devstack.Devstack.StartupFailure;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Properties;

/**
 * The secrets a deployment brings itself and the devstack makes up: the key that encrypts portal-service's signing
 * keys, and the platform operator's credential. Generated once and kept in {@code .devstack/secrets.properties}
 * (readable by its owner only) beside the PostgreSQL data they belong with: a new encryption key would make the stored
 * signing keys unreadable, and a new credential each start would break the operator's scripts.
 */
record Secrets(String keyEncryptionKey, String operatorCredential) {

    static final String FILE_NAME = "secrets.properties";

    private static final String KEY_ENCRYPTION_KEY = "portal-service.key-encryption-key";
    private static final String OPERATOR_CREDENTIAL = "portal-service.operator-credential";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** The secrets kept in the state directory, or new ones written there when there are none yet. */
    static Secrets of(Path stateDirectory) {
        Path file = stateDirectory.resolve(FILE_NAME);
        try {
            if (Files.exists(file)) {
                Properties stored = new Properties();
                try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    stored.load(reader);
                }
                String key = stored.getProperty(KEY_ENCRYPTION_KEY, "");
                String credential = stored.getProperty(OPERATOR_CREDENTIAL, "");
                if (!key.isBlank() && !credential.isBlank()) {
                    return new Secrets(key, credential);
                }
                throw new StartupFailure(
                        file + " lacks " + KEY_ENCRYPTION_KEY + " or " + OPERATOR_CREDENTIAL
                                + "; start with --fresh to make new ones (it also deletes the PostgreSQL data they belong with)");
            }
            Secrets secrets = new Secrets(
                    Base64.getEncoder().encodeToString(randomBytes(32)),
                    "op_dev_" + Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(32)));
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
                    """.formatted(
                                    KEY_ENCRYPTION_KEY,
                                    secrets.keyEncryptionKey(),
                                    OPERATOR_CREDENTIAL,
                                    secrets.operatorCredential()),
                    StandardCharsets.UTF_8);
            Files.move(temporary, file);
            return secrets;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write " + file, e);
        }
    }

    private static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
