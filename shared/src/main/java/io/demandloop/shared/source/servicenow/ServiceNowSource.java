package io.demandloop.shared.source.servicenow;

import com.fasterxml.jackson.databind.JsonNode;
import io.demandloop.shared.source.Delivery;
import io.demandloop.shared.source.NormalisedDelivery;
import io.demandloop.shared.source.VerificationResult;
import io.demandloop.shared.source.WebhookSource;
import io.demandloop.shared.source.auth.SharedSecret;
import java.util.List;

/** ServiceNow outbound REST messages: a shared secret (bearer or basic), Table-API-style records. */
public final class ServiceNowSource implements WebhookSource {

    private final ServiceNowNormaliser normaliser;

    public ServiceNowSource(ServiceNowNormaliser normaliser) {
        this.normaliser = normaliser;
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
