package io.demandloop.shared.source.servicenow;

import com.fasterxml.jackson.databind.JsonNode;
import io.demandloop.shared.config.DemandloopConfig;
import io.demandloop.shared.source.Delivery;
import io.demandloop.shared.source.NormalisedDelivery;
import io.demandloop.shared.source.VerificationResult;
import io.demandloop.shared.source.WebhookSource;
import io.demandloop.shared.source.auth.SharedSecret;
import java.util.List;
import java.util.Objects;

/**
 * ServiceNow outbound REST messages to {@code /hooks/servicenow}: a shared secret ({@code Authorization:
 * Bearer <secret>} or basic auth), because ServiceNow cannot sign its messages; Table-API-style records of any
 * configured table, normalised by {@link ServiceNowNormaliser}. Thread-safe.
 */
public final class ServiceNowSource implements WebhookSource {

    private final ServiceNowNormaliser normaliser;

    /** A source normalising with the given normaliser. */
    public ServiceNowSource(ServiceNowNormaliser normaliser) {
        this.normaliser = Objects.requireNonNull(normaliser, "normaliser");
    }

    /** A source normalising by section {@code servicenow} of the configuration and its service aliases. */
    public ServiceNowSource(DemandloopConfig config) {
        this(new ServiceNowNormaliser(config));
    }

    @Override
    public String name() {
        return ServiceNowNormaliser.SOURCE;
    }

    @Override
    public VerificationResult verify(Delivery delivery, List<String> secrets) {
        return SharedSecret.verifyAuthorization(name(), delivery.header("authorization"), secrets);
    }

    @Override
    public NormalisedDelivery normalise(Delivery delivery, JsonNode body) {
        return NormalisedDelivery.ofTickets(normaliser.normalise(body));
    }
}
