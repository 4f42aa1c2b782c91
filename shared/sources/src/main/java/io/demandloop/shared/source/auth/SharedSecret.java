package io.demandloop.shared.source.auth;

import io.demandloop.shared.source.VerificationResult;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * Checks a shared secret sent as {@code Authorization: Bearer <secret>} or as basic auth ({@code user:password}
 * compared whole with the configured {@code user:password}), for tools that cannot sign (Alertmanager,
 * ServiceNow, Datadog, Opsgenie).
 */
public final class SharedSecret {

    private SharedSecret() {
    }

    /** Verifies an {@code Authorization} header value against the configured secrets. */
    public static VerificationResult verifyAuthorization(String source, String authorization, List<String> secrets) {
        if (authorization == null || authorization.isBlank()) {
            return VerificationResult.rejected("missing Authorization header (send 'Bearer <secret>' or basic auth)");
        }
        String presented = presentedSecret(authorization.trim());
        if (presented == null) {
            return VerificationResult.rejected("unsupported Authorization scheme (send 'Bearer <secret>' or basic auth)");
        }
        return ConstantTime.equalsAny(presented, secrets)
                ? VerificationResult.accepted()
                : VerificationResult.rejected("invalid credentials for source '" + source + "'");
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
}
