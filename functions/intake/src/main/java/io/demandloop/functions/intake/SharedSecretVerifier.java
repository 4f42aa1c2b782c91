package io.demandloop.functions.intake;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * Checks a shared secret sent as {@code Authorization: Bearer <secret>} or as basic auth
 * ({@code user:password} compared whole), against one or more configured secrets.
 *
 * <p>Compares SHA-256 digests with {@link MessageDigest#isEqual}, so the time taken does not depend on
 * where the values differ, nor on their lengths.
 */
final class SharedSecretVerifier {

    /** The result of a check: null problem when the credentials are good. */
    record Verdict(String problem) {
        boolean accepted() {
            return problem == null;
        }
    }

    private SharedSecretVerifier() {
    }

    static Verdict verify(String source, String authorization, List<String> secrets) {
        if (secrets.isEmpty()) {
            return new Verdict("no secret is configured for source '" + source + "', so every delivery is refused");
        }
        if (authorization == null || authorization.isBlank()) {
            return new Verdict("missing Authorization header (send 'Bearer <secret>' or basic auth)");
        }
        String presented = presentedSecret(authorization.trim());
        if (presented == null) {
            return new Verdict("unsupported Authorization scheme (send 'Bearer <secret>' or basic auth)");
        }
        byte[] presentedDigest = sha256(presented);
        boolean match = false;
        for (String secret : secrets) {
            // No early exit: every configured secret is compared.
            match |= MessageDigest.isEqual(presentedDigest, sha256(secret));
        }
        return match ? new Verdict(null) : new Verdict("invalid credentials for source '" + source + "'");
    }

    private static String presentedSecret(String authorization) {
        int space = authorization.indexOf(' ');
        if (space < 0) {
            return null;
        }
        String scheme = authorization.substring(0, space).toLowerCase(Locale.ROOT);
        String value = authorization.substring(space + 1).trim();
        if (scheme.equals("bearer")) {
            return value;
        }
        if (scheme.equals("basic")) {
            try {
                return new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        return null;
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
