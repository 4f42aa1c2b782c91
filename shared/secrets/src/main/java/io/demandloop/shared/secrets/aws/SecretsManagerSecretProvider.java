package io.demandloop.shared.secrets.aws;

import com.fasterxml.jackson.databind.JsonNode;
import io.demandloop.shared.aws.AwsClients;
import io.demandloop.shared.json.Json;
import io.demandloop.shared.secrets.EnvironmentSecretProvider;
import io.demandloop.shared.secrets.SecretProvider;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Secrets from one AWS Secrets Manager secret whose value is a JSON object keyed by source:
 * {@code {"servicenow": "s3cret", "jira": ["new", "old"]}} (a string may also list several, comma-separated).
 * The value is cached for a time to live, so rotation takes effect within it; when a refresh fails the last
 * good value is kept, so that a brief outage of Secrets Manager does not refuse every delivery.
 */
public final class SecretsManagerSecretProvider implements SecretProvider {

    private static final Logger LOG = LoggerFactory.getLogger(SecretsManagerSecretProvider.class);

    private final SecretsManagerClient client;
    private final String secretId;
    private final Duration ttl;
    private final Clock clock;
    private JsonNode cached;
    private Instant fetchedAt;

    public SecretsManagerSecretProvider(SecretsManagerClient client, String secretId, Duration ttl, Clock clock) {
        this.client = Objects.requireNonNull(client, "client");
        this.secretId = Objects.requireNonNull(secretId, "secretId");
        this.ttl = Objects.requireNonNull(ttl, "ttl");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** A provider with its own client, built from the default settings, caching for five minutes. */
    public static SecretsManagerSecretProvider create(String secretId) {
        return new SecretsManagerSecretProvider(
                AwsClients.lean(SecretsManagerClient.builder()).build(), secretId,
                Duration.ofMinutes(5), Clock.systemUTC());
    }

    @Override
    public synchronized List<String> secretsFor(String source) {
        JsonNode value = current().path(source.toLowerCase(Locale.ROOT));
        List<String> secrets = new ArrayList<>();
        if (value.isArray()) {
            value.forEach(v -> secrets.addAll(EnvironmentSecretProvider.split(v.asText())));
        } else if (value.isTextual()) {
            secrets.addAll(EnvironmentSecretProvider.split(value.asText()));
        }
        return secrets;
    }

    private JsonNode current() {
        Instant now = clock.instant();
        if (cached != null && fetchedAt.plus(ttl).isAfter(now)) {
            return cached;
        }
        try {
            String text = client.getSecretValue(r -> r.secretId(secretId)).secretString();
            JsonNode parsed = Json.mapper().readTree(text == null ? "{}" : text);
            if (!parsed.isObject()) {
                throw new IOException("the secret is not a JSON object keyed by source");
            }
            cached = parsed;
            fetchedAt = now;
        } catch (SdkException | IOException e) {
            if (cached == null) {
                LOG.error("webhook secrets {} cannot be read: {}", secretId, e.getMessage());
                return Json.mapper().createObjectNode();
            }
            LOG.warn("webhook secrets {} cannot be refreshed, keeping the last good value: {}", secretId, e.getMessage());
            fetchedAt = now;
        }
        return cached;
    }
}
