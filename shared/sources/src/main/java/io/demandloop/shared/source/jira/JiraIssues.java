package io.demandloop.shared.source.jira;

import com.fasterxml.jackson.databind.JsonNode;
import io.demandloop.shared.config.DemandloopConfig;
import io.demandloop.shared.source.NormalisedDelivery;
import java.util.Objects;

/**
 * The Jira webhook's normalisation rules for callers that are not the webhook, such as the Jira CSV import: a body
 * in the webhook's shape becomes the ticket {@link JiraSource} would make of it, with the same identity, version
 * and mapping (section {@code jira}). Immutable and thread-safe.
 */
public final class JiraIssues {

    private final JiraConfig config;
    private final JiraNormaliser normaliser;

    /**
     * The rules of section {@code jira} of this configuration, with its service aliases.
     *
     * @throws io.demandloop.shared.config.MissingConfigurationException naming a missing, unknown or out-of-range key
     */
    public JiraIssues(DemandloopConfig config) {
        Objects.requireNonNull(config, "config");
        this.config = config.section(JiraSource.CONFIG_SECTION, JiraConfig.class).validated();
        this.normaliser = new JiraNormaliser(this.config, config::serviceFor);
    }

    /** The validated section {@code jira}: which issue fields the rules read, e.g. to know which to convert. */
    public JiraConfig config() {
        return config;
    }

    /**
     * Normalises one body shaped like a Jira issue webhook ({@code webhookEvent}, {@code issue.id},
     * {@code issue.fields}), exactly as the webhook intake does.
     *
     * @throws io.demandloop.shared.events.InvalidRecordException naming the field, when the body cannot be a ticket
     */
    public NormalisedDelivery normalise(JsonNode body) {
        return normaliser.normalise(body);
    }
}
