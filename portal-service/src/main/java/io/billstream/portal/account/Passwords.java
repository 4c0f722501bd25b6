package io.billstream.portal.account;

import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Password hashing with Argon2id at OWASP's first recommended setting: 19 MiB of memory, 2 iterations, 1 lane; a
 * 16-byte random salt and a 32-byte hash, in the standard encoding that names its parameters. Lengths from 8 to 128
 * characters, and nothing else asked of a password (NIST SP 800-63B: length, not composition rules).
 */
@Component
public class Passwords {

    public static final int SHORTEST = 8;
    public static final int LONGEST = 128;

    static final int MEMORY_KIB = 19 * 1024;
    static final int ITERATIONS = 2;
    static final int PARALLELISM = 1;

    private final Argon2PasswordEncoder argon2 = new Argon2PasswordEncoder(16, 32, PARALLELISM, MEMORY_KIB, ITERATIONS);

    // Checked against when there is no account, so that an unknown email takes as long as a wrong password.
    private final String decoy = argon2.encode("decoy password that matches nothing typed");

    /** Why a chosen password is refused, or null when it is fine. */
    public static String refusal(String password, String repeated) {
        int length = password.codePointCount(0, password.length());
        if (length < SHORTEST) {
            return "password.too-short";
        }
        if (length > LONGEST) {
            return "password.too-long";
        }
        if (!password.equals(repeated)) {
            return "password.mismatch";
        }
        return null;
    }

    String hash(String password) {
        return argon2.encode(password);
    }

    boolean matches(String password, String hash) {
        return argon2.matches(password, hash);
    }

    /** Spends the time of a check without an account to check against. */
    void checkDecoy(String password) {
        argon2.matches(password, decoy);
    }
}
