package io.billstream.portal.token;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The portal's secrets beyond the signing keys, all derived from the deployment's one key-encryption key so that no
 * further secret needs configuring: a MAC key per purpose (one-time codes, CSRF tokens, payment links), each an HMAC of
 * the purpose's name under the key-encryption key, and sealing (AES-256-GCM) of what must be kept for a moment.
 */
@Component
public class ServerKeys {

    private static final String HMAC = "HmacSHA256";

    private final byte[] root;
    private final KeyEncryption encryption;
    private final Map<String, SecretKeySpec> derived = new ConcurrentHashMap<>();

    ServerKeys(@Value("${billstream.portal.signing.key-encryption-key}") String keyEncryptionKey) {
        this.encryption = new KeyEncryption(keyEncryptionKey);
        this.root = Base64.getDecoder().decode(keyEncryptionKey.strip());
    }

    /** HMAC-SHA256 of {@code data} under the key of {@code purpose}. */
    public byte[] mac(String purpose, String data) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(derived.computeIfAbsent(purpose, this::derive));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JVM has " + HMAC, e);
        }
    }

    /** Whether {@code expected} is the MAC of {@code data}, compared in constant time. */
    public boolean macMatches(String purpose, String data, byte[] expected) {
        return MessageDigest.isEqual(mac(purpose, data), expected);
    }

    /** Encrypted and bound to {@code context}: it decrypts only with the same context. */
    public byte[] seal(String plain, String context) {
        return encryption.encrypt(plain.getBytes(StandardCharsets.UTF_8), context);
    }

    public String open(byte[] sealed, String context) {
        return new String(encryption.decrypt(sealed, context), StandardCharsets.UTF_8);
    }

    private SecretKeySpec derive(String purpose) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(root, HMAC));
            return new SecretKeySpec(
                    mac.doFinal(("billstream-portal/" + purpose).getBytes(StandardCharsets.UTF_8)), HMAC);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JVM has " + HMAC, e);
        }
    }
}
