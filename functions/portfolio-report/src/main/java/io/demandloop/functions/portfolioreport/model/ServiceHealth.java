package io.demandloop.functions.portfolioreport.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * Service health over the report's window: one line per service that the catalog lists or that had a ticket or an
 * alert episode in the window, with its tier and team from the service catalog, and a weekly incident trend.
 *
 * @param trendWeeks the weeks each trend covers ({@value #TREND_WEEKS})
 * @param trendFrom  the first day of the first trend week (a Monday, UTC)
 * @param services   one line per service: open incidents first, then incidents in the window, then name
 * @param sla        SLA compliance per service, priority and metric from the SLA clocks, sorted by service,
 *                   priority, metric; empty when none has SLA state
 */
@JsonPropertyOrder({"trendWeeks", "trendFrom", "services", "sla"})
public record ServiceHealth(int trendWeeks, LocalDate trendFrom, List<ServiceLine> services, List<SlaCompliance> sla) {

    /** The weeks of the trend line. */
    public static final int TREND_WEEKS = 26;

    public ServiceHealth {
        Objects.requireNonNull(trendFrom, "trendFrom");
        services = List.copyOf(services);
        sla = List.copyOf(sla);
    }

    /**
     * One service's health. Build it with {@link #builder()}.
     *
     * @param anchor            {@link Anchors#service(String)}
     * @param service           the service ({@code unknown} for tickets whose source named none)
     * @param tier              its criticality tier from the catalog (the catalog's default when it is not listed)
     * @param team              the owning team from the catalog; null when none
     * @param capability        the business capability from the catalog; null when none
     * @param incidents         incidents opened in the window
     * @param incidentsP1P2     of those, priority 1 or 2
     * @param openIncidents     of those, still open at the as-of instant
     * @param resolvedIncidents of those, resolved or closed by the as-of instant
     * @param cancelledIncidents of those, cancelled by the as-of instant ({@code incidents = open + resolved +
     *                          cancelled})
     * @param resolution        resolution time of those incidents, open ones censored at the as-of instant
     * @param requests          requests opened in the window
     * @param changes           changes in the window and how many failed
     * @param alerts            alert episodes starting in the window and how many flapped
     * @param sla               SLA compliance of the incidents opened in the window
     * @param trend             incidents opened per week, {@link #TREND_WEEKS} weeks, oldest first
     */
    @JsonPropertyOrder({"anchor", "service", "tier", "team", "capability", "incidents", "incidentsP1P2",
            "openIncidents", "resolvedIncidents", "cancelledIncidents", "resolution", "requests", "changes", "alerts", "sla", "trend"})
    public record ServiceLine(String anchor, String service, String tier,
                              @JsonInclude(JsonInclude.Include.ALWAYS) String team,
                              @JsonInclude(JsonInclude.Include.ALWAYS) String capability, int incidents,
                              int incidentsP1P2, int openIncidents, int resolvedIncidents, int cancelledIncidents,
                              ResolutionTime resolution, int requests,
                              ChangeFailure changes, AlertNoise alerts, SlaPercent sla, List<WeekCount> trend) {
        public ServiceLine {
            Objects.requireNonNull(anchor, "anchor");
            Objects.requireNonNull(service, "service");
            Objects.requireNonNull(tier, "tier");
            Objects.requireNonNull(resolution, "resolution");
            Objects.requireNonNull(changes, "changes");
            Objects.requireNonNull(alerts, "alerts");
            Objects.requireNonNull(sla, "sla");
            trend = List.copyOf(trend);
        }

        /** A builder. */
        public static Builder builder() {
            return new Builder();
        }

        /** Builds a {@link ServiceLine}; the anchor derives from the service. */
        public static final class Builder {
            private String service;
            private String tier;
            private String team;
            private String capability;
            private int incidents;
            private int incidentsP1P2;
            private int openIncidents;
            private int resolvedIncidents;
            private int cancelledIncidents;
            private ResolutionTime resolution = ResolutionTime.NONE;
            private int requests;
            private ChangeFailure changes = ChangeFailure.NONE;
            private AlertNoise alerts = AlertNoise.NONE;
            private SlaPercent sla = SlaPercent.NONE;
            private List<WeekCount> trend = List.of();

            private Builder() {
            }

            public Builder service(String value) { this.service = value; return this; }
            public Builder tier(String value) { this.tier = value; return this; }
            public Builder team(String value) { this.team = value; return this; }
            public Builder capability(String value) { this.capability = value; return this; }
            public Builder incidents(int value) { this.incidents = value; return this; }
            public Builder incidentsP1P2(int value) { this.incidentsP1P2 = value; return this; }
            public Builder openIncidents(int value) { this.openIncidents = value; return this; }
            public Builder resolvedIncidents(int value) { this.resolvedIncidents = value; return this; }
            public Builder cancelledIncidents(int value) { this.cancelledIncidents = value; return this; }
            public Builder resolution(ResolutionTime value) { this.resolution = value; return this; }
            public Builder requests(int value) { this.requests = value; return this; }
            public Builder changes(ChangeFailure value) { this.changes = value; return this; }
            public Builder alerts(AlertNoise value) { this.alerts = value; return this; }
            public Builder sla(SlaPercent value) { this.sla = value; return this; }
            public Builder trend(List<WeekCount> value) { this.trend = value; return this; }

            public ServiceLine build() {
                Objects.requireNonNull(service, "service");
                return new ServiceLine(Anchors.service(service), service, tier, team, capability, incidents,
                        incidentsP1P2, openIncidents, resolvedIncidents, cancelledIncidents, resolution, requests, changes, alerts, sla, trend);
            }
        }
    }

    /**
     * Resolution time (Kaplan-Meier, open incidents censored at the as-of instant; docs/outcomes.md).
     *
     * @param resolved    incidents resolved (events)
     * @param censored    incidents still open (censored)
     * @param medianHours the median hours; null when the curve never falls to one half
     * @param p90Hours    the 90th percentile hours; null when the curve never falls to one tenth
     */
    @JsonPropertyOrder({"resolved", "censored", "medianHours", "p90Hours"})
    public record ResolutionTime(int resolved, int censored,
                                 @JsonInclude(JsonInclude.Include.ALWAYS) Double medianHours,
                                 @JsonInclude(JsonInclude.Include.ALWAYS) Double p90Hours) {
        static final ResolutionTime NONE = new ResolutionTime(0, 0, null, null);
    }

    /**
     * Changes and their failure rate.
     *
     * @param changes changes opened in the window
     * @param failed  of those, failed or backed out
     * @param rate    {@code failed / changes} of those with a known outcome; null when none has one
     */
    @JsonPropertyOrder({"changes", "failed", "rate"})
    public record ChangeFailure(int changes, int failed, @JsonInclude(JsonInclude.Include.ALWAYS) Double rate) {
        static final ChangeFailure NONE = new ChangeFailure(0, 0, null);
    }

    /**
     * Alert episodes starting in the window.
     *
     * @param episodes how many
     * @param flapping of those, how many had a flapping alert
     */
    @JsonPropertyOrder({"episodes", "flapping"})
    public record AlertNoise(int episodes, int flapping) {
        static final AlertNoise NONE = new AlertNoise(0, 0);
    }

    /**
     * SLA compliance of a service's incidents opened in the window: per incident, the resolution clock's outcome, or
     * for an imported incident without a clock the source's own verdict ({@code TicketSignals.slaMet}).
     *
     * @param met        met their target
     * @param breached   breached it
     * @param inProgress still within it
     * @param percent    {@code met / (met + breached) * 100}, one decimal; null when none is decided
     */
    @JsonPropertyOrder({"met", "breached", "inProgress", "percent"})
    public record SlaPercent(int met, int breached, int inProgress,
                             @JsonInclude(JsonInclude.Include.ALWAYS) Double percent) {
        static final SlaPercent NONE = new SlaPercent(0, 0, 0, null);
    }

    /**
     * The incidents opened in one week.
     *
     * @param weekStart the week's Monday (UTC)
     * @param count     incidents opened that week
     */
    @JsonPropertyOrder({"weekStart", "count"})
    public record WeekCount(LocalDate weekStart, int count) {
        public WeekCount {
            Objects.requireNonNull(weekStart, "weekStart");
        }
    }

    /**
     * SLA compliance of one service, priority and metric, from the SLA clocks (docs/sla.md): how many of the incidents
     * opened in the window met the target, breached it, or are still within it. Cancelled clocks are not counted.
     *
     * @param service    the service
     * @param priority   the incidents' priority
     * @param metric     {@code response} or {@code resolution}
     * @param met        stopped before the target
     * @param breached   reached the target
     * @param inProgress running or paused, target not reached yet
     */
    @JsonPropertyOrder({"service", "priority", "metric", "met", "breached", "inProgress"})
    public record SlaCompliance(String service, int priority, String metric, int met, int breached, int inProgress) {
        public SlaCompliance {
            Objects.requireNonNull(service, "service");
            Objects.requireNonNull(metric, "metric");
        }
    }
}
