package io.demandloop.shared.source.mapped;

import io.demandloop.shared.source.Delivery;
import io.demandloop.shared.source.VerificationResult;
import io.demandloop.shared.source.auth.ConstantTime;
import io.demandloop.shared.source.auth.HmacSignature;
import io.demandloop.shared.source.auth.SharedSecret;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * How a mapped tool proves its deliveries are its own: key {@code auth} of a mapping.
 * Every comparison is constant-time, and every configured secret is tried, so that a secret can be rotated.
 */
public sealed interface MappedAuth {

    /** Checks the delivery's raw bytes and headers against the configured secrets. */
    VerificationResult verify(String tool, Delivery delivery, List<String> secrets);

    /**
     * {@code type: bearer}: the shared secret as {@code Authorization: Bearer <secret>}, or as basic auth
     * whose {@code user:password} equals a configured secret; for tools that cannot sign.
     */
    record Bearer() implements MappedAuth {
        @Override
        public VerificationResult verify(String tool, Delivery delivery, List<String> secrets) {
            return SharedSecret.verifyAuthorization(tool, delivery.header("authorization"), secrets);
        }
    }

    /**
     * {@code type: hmac-sha256}: an HMAC-SHA256 of the raw body, keyed with the shared secret, in a header.
     *
     * @param header   the header carrying the signature, e.g. {@code X-Hub-Signature-256}
     * @param prefix   what precedes the signature in the header, e.g. {@code sha256=}; empty for none
     * @param encoding how the signature is written
     */
    record HmacSha256(String header, String prefix, Encoding encoding) implements MappedAuth {

        /** How a signature is written. */
        public enum Encoding {
            /** Hexadecimal, either case. */
            HEX,
            /** Base64, standard or URL-safe alphabet, padding optional. */
            BASE64
        }

        public HmacSha256 {
            Objects.requireNonNull(header, "header");
            Objects.requireNonNull(prefix, "prefix");
            Objects.requireNonNull(encoding, "encoding");
        }

        @Override
        public VerificationResult verify(String tool, Delivery delivery, List<String> secrets) {
            String value = delivery.header(header);
            if (value == null || value.isBlank()) {
                return VerificationResult.rejected("missing signature header " + header);
            }
            // Several comma-separated signatures are accepted, for tools that sign with an old and a new
            // secret while rotating; one match is enough.
            List<byte[]> presented = new ArrayList<>();
            boolean prefixMissing = false;
            for (String part : value.split(",")) {
                String signature = part.trim();
                if (!signature.regionMatches(true, 0, prefix, 0, prefix.length())) {
                    prefixMissing = true;
                    continue;
                }
                byte[] decoded = decode(signature.substring(prefix.length()).trim());
                if (decoded != null) {
                    presented.add(decoded);
                }
            }
            if (presented.isEmpty() && prefixMissing) {
                return VerificationResult.rejected("signature header " + header + " must start with '" + prefix + "'");
            }
            List<byte[]> expected = new ArrayList<>(secrets.size());
            for (String secret : secrets) {
                expected.add(HmacSignature.sha256(secret, delivery.body()));
            }
            boolean match = false;
            for (byte[] signature : presented) {
                match |= ConstantTime.equalsAny(signature, expected);
            }
            return match ? VerificationResult.accepted()
                    : VerificationResult.rejected("invalid signature for source '" + tool + "'");
        }

        /** The signature's bytes; null when it is not of the encoding (then it matches nothing). */
        private byte[] decode(String signature) {
            try {
                if (encoding == Encoding.HEX) {
                    return HexFormat.of().parseHex(signature.toLowerCase(Locale.ROOT));
                }
                String standard = signature.replace('-', '+').replace('_', '/');
                return Base64.getDecoder().decode(standard);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
    }
}
