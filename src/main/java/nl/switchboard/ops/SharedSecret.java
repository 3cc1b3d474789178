package nl.switchboard.ops;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Compares a secret a caller presents (password, token, account pin) with the configured one: in
 * constant time, so the answer time does not tell how much was right, and never equal while nothing
 * is configured.
 */
public final class SharedSecret {

    private SharedSecret() {
    }

    public static boolean matches(String configured, String presented) {
        if (configured == null || configured.isEmpty() || presented == null) {
            return false;
        }
        return MessageDigest.isEqual(configured.getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8));
    }
}
