package io.demandloop.shared.source.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/**
 * Comparisons whose time does not depend on where the values differ, nor on their lengths: both sides are
 * hashed with SHA-256 and compared with {@link MessageDigest#isEqual}, and every candidate is compared.
 */
public final class ConstantTime {

    private ConstantTime() {
    }

    /** Whether {@code presented} equals any of {@code candidates}. */
    public static boolean equalsAny(String presented, List<String> candidates) {
        return equalsAny(presented.getBytes(StandardCharsets.UTF_8),
                candidates.stream().map(c -> c.getBytes(StandardCharsets.UTF_8)).toList());
    }

    /** Whether {@code presented} equals any of {@code candidates}. */
    public static boolean equalsAny(byte[] presented, List<byte[]> candidates) {
        byte[] presentedDigest = sha256(presented);
        boolean match = false;
        for (byte[] candidate : candidates) {
            match |= MessageDigest.isEqual(presentedDigest, sha256(candidate));
        }
        return match;
    }

    private static byte[] sha256(byte[] value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
