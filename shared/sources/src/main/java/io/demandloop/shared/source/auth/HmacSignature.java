package io.demandloop.shared.source.auth;

import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC-SHA256 over raw bytes, for tools that sign their webhooks (Jira, PagerDuty, Grafana). */
public final class HmacSignature {

    private HmacSignature() {
    }

    /** HMAC-SHA256 of {@code message} with {@code secret} (UTF-8). */
    public static byte[] sha256(String secret, byte[] message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(message);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }

    /** Lower-case hex of {@link #sha256}. */
    public static String sha256Hex(String secret, byte[] message) {
        return HexFormat.of().formatHex(sha256(secret, message));
    }

    /** Base64 of {@link #sha256}. */
    public static String sha256Base64(String secret, byte[] message) {
        return Base64.getEncoder().encodeToString(sha256(secret, message));
    }

    /**
     * Whether any presented hex signature matches the HMAC of {@code message} under any secret, compared in
     * constant time. Hex case is ignored.
     */
    public static boolean matchesAnyHex(List<String> presentedHex, List<String> secrets, byte[] message) {
        List<byte[]> expected = new ArrayList<>();
        for (String secret : secrets) {
            expected.add(sha256Hex(secret, message).getBytes(StandardCharsets.US_ASCII));
        }
        boolean match = false;
        for (String presented : presentedHex) {
            match |= ConstantTime.equalsAny(presented.trim().toLowerCase(java.util.Locale.ROOT)
                    .getBytes(StandardCharsets.US_ASCII), expected);
        }
        return match;
    }
}
