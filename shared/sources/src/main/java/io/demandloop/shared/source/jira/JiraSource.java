package io.demandloop.shared.source.jira;

import com.fasterxml.jackson.databind.JsonNode;
import io.demandloop.shared.config.DemandloopConfig;
import io.demandloop.shared.initiative.InitiativeConfig;
import io.demandloop.shared.source.Delivery;
import io.demandloop.shared.source.NormalisedDelivery;
import io.demandloop.shared.source.VerificationResult;
import io.demandloop.shared.source.WebhookSource;
import io.demandloop.shared.source.auth.HmacSignature;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Jira Service Management (Cloud or Data Center) webhooks to {@code /hooks/jira}.
 *
 * <p>Verification: Jira signs each delivery of a webhook that has a secret with
 * {@code X-Hub-Signature: sha256=<hex HMAC-SHA256 of the raw body>}; it is checked against every configured
 * secret (several while rotating) in constant time. {@code X-Atlassian-Webhook-Identifier}, the same on every
 * redelivery, is not needed: the store's version rule already drops a redelivered version.
 *
 * <p>Normalisation: {@code jira:issue_created}, {@code jira:issue_updated} and {@code jira:issue_deleted}
 * become one ticket each (a delete becomes state {@code deleted}); an issue of an initiative type (section
 * {@code initiatives.jira}, Epic by default) becomes an initiative instead; other event types are ignored (answered
 * 2xx so that Jira keeps the webhook). The mapping is configuration section {@code jira} ({@link JiraConfig}).
 * Thread-safe.
 */
public final class JiraSource implements WebhookSource {

    /** The source name, also the intake path segment. */
    public static final String SOURCE = "jira";

    /** The configuration section read. */
    public static final String CONFIG_SECTION = "jira";

    /** The header that carries the signature. */
    public static final String SIGNATURE_HEADER = "X-Hub-Signature";

    private static final String SIGNATURE_SCHEME = "sha256=";
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-fA-F]{64}");

    private final JiraNormaliser normaliser;

    /**
     * A source with section {@code jira} of the configuration and its service aliases.
     *
     * @throws io.demandloop.shared.config.MissingConfigurationException naming a missing, unknown or
     *                                                                   out-of-range key
     */
    public JiraSource(DemandloopConfig config) {
        Objects.requireNonNull(config, "config");
        JiraConfig jira = config.section(CONFIG_SECTION, JiraConfig.class).validated();
        InitiativeConfig initiatives = InitiativeConfig.from(config);
        this.normaliser = new JiraNormaliser(jira, config::serviceFor, new JiraInitiativeNormaliser(
                initiatives.jira(), jira, initiatives.defaultExpected(), config::serviceFor));
    }

    @Override
    public String name() {
        return SOURCE;
    }

    @Override
    public VerificationResult verify(Delivery delivery, List<String> secrets) {
        String header = delivery.header(SIGNATURE_HEADER);
        if (header == null || header.isBlank()) {
            return VerificationResult.rejected("missing " + SIGNATURE_HEADER + " header: give the Jira webhook a"
                    + " secret so that Jira signs each delivery");
        }
        String value = header.trim();
        // The scheme's case is not fixed by Jira's documentation; the hex is compared case-insensitively anyway.
        if (value.length() <= SIGNATURE_SCHEME.length()
                || !value.regionMatches(true, 0, SIGNATURE_SCHEME, 0, SIGNATURE_SCHEME.length())) {
            return VerificationResult.rejected("malformed " + SIGNATURE_HEADER + " header: expected 'sha256=<hex>'");
        }
        String hex = value.substring(SIGNATURE_SCHEME.length()).trim();
        if (!SHA256_HEX.matcher(hex).matches()) {
            return VerificationResult.rejected("malformed " + SIGNATURE_HEADER
                    + " header: expected 'sha256=' and 64 hex digits");
        }
        return HmacSignature.matchesAnyHex(List.of(hex), secrets, delivery.body())
                ? VerificationResult.accepted()
                : VerificationResult.rejected("invalid signature for source '" + SOURCE + "': " + SIGNATURE_HEADER
                        + " matches the body under none of the configured secrets");
    }

    @Override
    public NormalisedDelivery normalise(Delivery delivery, JsonNode body) {
        return normaliser.normalise(body);
    }
}
