package io.demandloop.shared.source.servicenow;

import com.fasterxml.jackson.databind.JsonNode;
import io.demandloop.shared.config.DemandloopConfig;
import io.demandloop.shared.source.Delivery;
import io.demandloop.shared.source.NormalisedDelivery;
import io.demandloop.shared.source.VerificationResult;
import io.demandloop.shared.source.WebhookSource;
import io.demandloop.shared.source.auth.SharedSecret;
import io.demandloop.shared.initiative.Initiative;
import io.demandloop.shared.ticket.Ticket;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * ServiceNow outbound REST messages to {@code /hooks/servicenow}: a shared secret ({@code Authorization:
 * Bearer <secret>} or basic auth), because ServiceNow cannot sign its messages; Table-API-style records of any
 * configured table, normalised by {@link ServiceNowNormaliser}, and of the SPM tables ({@code pm_project},
 * {@code dmn_demand}), normalised into initiatives by {@link ServiceNowInitiativeNormaliser}. Thread-safe.
 */
public final class ServiceNowSource implements WebhookSource {

    private final ServiceNowNormaliser normaliser;
    private final ServiceNowInitiativeNormaliser initiatives;

    /** A source normalising tickets with the given normaliser, and SPM records by the default configuration. */
    public ServiceNowSource(ServiceNowNormaliser normaliser) {
        this(normaliser, new ServiceNowInitiativeNormaliser(DemandloopConfig.defaults()));
    }

    /** A source normalising with the given normalisers. */
    public ServiceNowSource(ServiceNowNormaliser normaliser, ServiceNowInitiativeNormaliser initiatives) {
        this.normaliser = Objects.requireNonNull(normaliser, "normaliser");
        this.initiatives = Objects.requireNonNull(initiatives, "initiatives");
    }

    /** A source normalising by sections {@code servicenow} and {@code initiatives} and the service aliases. */
    public ServiceNowSource(DemandloopConfig config) {
        this(new ServiceNowNormaliser(config), new ServiceNowInitiativeNormaliser(config));
    }

    @Override
    public String name() {
        return ServiceNowNormaliser.SOURCE;
    }

    @Override
    public VerificationResult verify(Delivery delivery, List<String> secrets) {
        return SharedSecret.verifyAuthorization(name(), delivery.header("authorization"), secrets);
    }

    /**
     * The ticket tables' records become tickets, the SPM tables' ({@code pm_project}, {@code dmn_demand}) initiatives;
     * the table in each record decides. A problem with any record refuses the whole delivery.
     */
    @Override
    public NormalisedDelivery normalise(Delivery delivery, JsonNode body) {
        JsonNode records = body != null && body.isObject() && body.has("result") ? body.get("result") : body;
        boolean any = false;
        if (records != null && records.isArray()) {
            for (JsonNode record : records) {
                any |= initiatives.isInitiative(record);
            }
        } else {
            any = initiatives.isInitiative(records);
        }
        if (!any) {
            return NormalisedDelivery.ofTickets(normaliser.normalise(body));
        }
        List<Ticket> tickets = new ArrayList<>();
        List<Initiative> found = new ArrayList<>();
        if (records.isArray()) {
            for (int i = 0; i < records.size(); i++) {
                JsonNode record = records.get(i);
                if (initiatives.isInitiative(record)) {
                    found.add(initiatives.normalise(record, "record " + i));
                } else {
                    tickets.add(normaliser.normaliseRecord(record, "record " + i));
                }
            }
        } else {
            found.add(initiatives.normalise(records, "record"));
        }
        return new NormalisedDelivery(tickets, List.of(), null, found, List.of());
    }
}
