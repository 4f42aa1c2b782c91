package io.demandloop.shared.source.alertmanager;

import com.fasterxml.jackson.databind.JsonNode;
import io.demandloop.shared.config.DemandloopConfig;
import io.demandloop.shared.events.InvalidRecordException;
import io.demandloop.shared.source.Delivery;
import io.demandloop.shared.source.NormalisedDelivery;
import io.demandloop.shared.source.VerificationResult;
import io.demandloop.shared.source.WebhookSource;
import io.demandloop.shared.source.auth.SharedSecret;
import java.util.List;

/**
 * Prometheus Alertmanager's webhook receiver ({@code /hooks/alertmanager}), payload version 4.
 *
 * <p>Alertmanager cannot sign its webhooks, so a delivery carries a shared secret in {@code Authorization}
 * ({@code http_config.authorization} as a bearer token, or {@code basic_auth}). Every alert of the group becomes
 * one event on its own status; identity and order are described on {@link AlertmanagerNormaliser}. Mapping
 * settings come from configuration section {@value #SECTION} ({@link AlertLabelMapping}).
 */
public final class AlertmanagerSource implements WebhookSource {

    /** The source name, intake path segment and configuration section. */
    public static final String SECTION = "alertmanager";

    /** The only payload version Alertmanager has sent since 0.8; another one is refused rather than misread. */
    static final String PAYLOAD_VERSION = "4";

    private final AlertmanagerNormaliser normaliser;

    /** Reads section {@value #SECTION}; fails at start with the key named when it is malformed. */
    public AlertmanagerSource(DemandloopConfig config) {
        AlertLabelMapping mapping = config.section(SECTION, AlertLabelMapping.class).validated(SECTION);
        this.normaliser = new AlertmanagerNormaliser(SECTION, mapping, config);
    }

    @Override
    public String name() {
        return SECTION;
    }

    @Override
    public VerificationResult verify(Delivery delivery, List<String> secrets) {
        return SharedSecret.verifyAuthorization(name(), delivery.header("authorization"), secrets);
    }

    @Override
    public NormalisedDelivery normalise(Delivery delivery, JsonNode body) {
        JsonNode version = body == null ? null : body.get("version");
        if (version != null && !version.isNull() && !PAYLOAD_VERSION.equals(version.asText())) {
            throw new InvalidRecordException("version must be \"" + PAYLOAD_VERSION
                    + "\" (Alertmanager webhook payload version 4), was '" + version.asText() + "'");
        }
        return NormalisedDelivery.ofAlerts(normaliser.normalise(body));
    }
}
