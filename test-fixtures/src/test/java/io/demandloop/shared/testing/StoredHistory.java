package io.demandloop.shared.testing;

import io.demandloop.shared.alert.testing.InMemoryAlertRepository;
import io.demandloop.shared.demand.DemandConfig;
import io.demandloop.shared.demand.DemandFactsReader;
import io.demandloop.shared.demand.DemandHistoryGenerator.History;
import io.demandloop.shared.demand.ServiceCatalog;
import io.demandloop.shared.sla.testing.InMemorySlaRepository;

/**
 * A generated history written into the in-memory stores the nightly reader reads: its tickets, its alert episodes
 * and its SLA breaches as SLA tracking records them.
 */
public record StoredHistory(History history, InMemoryTicketRepository tickets, InMemoryAlertRepository alerts,
                            InMemorySlaRepository sla) {

    /** Stores the history in new in-memory stores. */
    public static StoredHistory of(History history) {
        StoredHistory stored = new StoredHistory(history, new InMemoryTicketRepository(), new InMemoryAlertRepository(),
                new InMemorySlaRepository());
        history.inputs().tickets().forEach(stored.tickets::store);
        history.inputs().episodes().forEach(stored.alerts::putEpisode);
        history.trackedBreaches().forEach(stored.sla::recordBreach);
        return stored;
    }

    /** A reader of these stores with the history's own catalog. */
    public DemandFactsReader reader(DemandConfig config) {
        return reader(history.catalog(), config);
    }

    /** A reader of these stores with another catalog. */
    public DemandFactsReader reader(ServiceCatalog catalog, DemandConfig config) {
        return new DemandFactsReader(tickets, alerts, sla, catalog, config);
    }
}
