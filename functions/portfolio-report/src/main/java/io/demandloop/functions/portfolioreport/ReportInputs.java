package io.demandloop.functions.portfolioreport;

import io.demandloop.functions.portfolioreport.model.DataQuality;
import io.demandloop.functions.portfolioreport.model.PortfolioReport;
import io.demandloop.shared.alert.AlertEpisode;
import io.demandloop.shared.demand.CapacitySnapshot;
import io.demandloop.shared.demand.ServiceCatalog;
import io.demandloop.shared.demand.StoredDemand;
import io.demandloop.shared.initiative.Initiative;
import io.demandloop.shared.outcome.Outcome;
import io.demandloop.shared.sla.SlaState;
import io.demandloop.shared.ticket.Ticket;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything the report is assembled from, read once by {@link PortfolioReportService} (or built by a test or the
 * benchmark from in-memory data). {@link PortfolioReportAssembler} turns it into the report without further reads.
 * Build it with {@link #builder()}.
 *
 * @param window       the report's window; its end is the as-of instant
 * @param incidents    incidents opened from the start of the trend (or the window, whichever is earlier) to as-of
 * @param requests     requests opened in the window
 * @param changes      changes opened in the window
 * @param slaStates    the SLA states of the window's incidents, by ticket key
 * @param demands      the stored demands (any tier)
 * @param initiatives  the stored initiatives
 * @param outcomes     the current outcome of each measured initiative
 * @param capacity     the newest capacity snapshot at or before as-of; null when none
 * @param flagShare    the share of capacity at or above which a team is flagged
 * @param episodes     the alert episodes starting in the window, by service
 * @param refusals     the refused deliveries in the window
 * @param deadLetters  the dead-letter queues' depth
 * @param catalog      the service catalog
 * @param configHash   the configuration's hash for the provenance
 * @param previousAsOf the as-of instant of the previous report; null for the first
 */
public record ReportInputs(PortfolioReport.Window window, List<Ticket> incidents, List<Ticket> requests,
                           List<Ticket> changes, Map<String, SlaState> slaStates, List<StoredDemand> demands,
                           List<Initiative> initiatives, List<Outcome> outcomes, CapacitySnapshot capacity,
                           double flagShare, Map<String, List<AlertEpisode>> episodes, DataQuality.Refusals refusals,
                           DataQuality.DeadLetters deadLetters, ServiceCatalog catalog, String configHash,
                           Instant previousAsOf) {

    public ReportInputs {
        Objects.requireNonNull(window, "window");
        incidents = List.copyOf(incidents);
        requests = List.copyOf(requests);
        changes = List.copyOf(changes);
        slaStates = Map.copyOf(slaStates);
        demands = List.copyOf(demands);
        initiatives = List.copyOf(initiatives);
        outcomes = List.copyOf(outcomes);
        episodes = Map.copyOf(episodes);
        Objects.requireNonNull(refusals, "refusals");
        Objects.requireNonNull(deadLetters, "deadLetters");
        Objects.requireNonNull(catalog, "catalog");
        Objects.requireNonNull(configHash, "configHash");
    }

    /** A builder with every list empty, no capacity, refusals and dead letters not available. */
    public static Builder builder(PortfolioReport.Window window) {
        return new Builder(window);
    }

    /** Builds {@link ReportInputs}. */
    public static final class Builder {
        private final PortfolioReport.Window window;
        private List<Ticket> incidents = List.of();
        private List<Ticket> requests = List.of();
        private List<Ticket> changes = List.of();
        private Map<String, SlaState> slaStates = Map.of();
        private List<StoredDemand> demands = List.of();
        private List<Initiative> initiatives = List.of();
        private List<Outcome> outcomes = List.of();
        private CapacitySnapshot capacity;
        private double flagShare = PortfolioReportService.DEFAULT_FLAG_SHARE;
        private Map<String, List<AlertEpisode>> episodes = Map.of();
        private DataQuality.Refusals refusals = DataQuality.Refusals.notAvailable();
        private DataQuality.DeadLetters deadLetters = DataQuality.DeadLetters.notAvailable();
        private ServiceCatalog catalog = new ServiceCatalog(null, null, null, null);
        private String configHash = "none";
        private Instant previousAsOf;

        private Builder(PortfolioReport.Window window) {
            this.window = window;
        }

        public Builder incidents(List<Ticket> value) { this.incidents = value; return this; }
        public Builder requests(List<Ticket> value) { this.requests = value; return this; }
        public Builder changes(List<Ticket> value) { this.changes = value; return this; }
        public Builder slaStates(Map<String, SlaState> value) { this.slaStates = value; return this; }
        public Builder demands(List<StoredDemand> value) { this.demands = value; return this; }
        public Builder initiatives(List<Initiative> value) { this.initiatives = value; return this; }
        public Builder outcomes(List<Outcome> value) { this.outcomes = value; return this; }
        public Builder capacity(CapacitySnapshot value) { this.capacity = value; return this; }
        public Builder flagShare(double value) { this.flagShare = value; return this; }
        public Builder episodes(Map<String, List<AlertEpisode>> value) { this.episodes = value; return this; }
        public Builder refusals(DataQuality.Refusals value) { this.refusals = value; return this; }
        public Builder deadLetters(DataQuality.DeadLetters value) { this.deadLetters = value; return this; }
        public Builder catalog(ServiceCatalog value) { this.catalog = value; return this; }
        public Builder configHash(String value) { this.configHash = value; return this; }
        public Builder previousAsOf(Instant value) { this.previousAsOf = value; return this; }

        public ReportInputs build() {
            return new ReportInputs(window, incidents, requests, changes, slaStates, demands, initiatives, outcomes,
                    capacity, flagShare, episodes, refusals, deadLetters, catalog, configHash, previousAsOf);
        }
    }
}
