package io.demandloop.functions.outcomes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.demandloop.shared.alert.testing.InMemoryAlertRepository;
import io.demandloop.shared.config.DemandloopConfig;
import io.demandloop.shared.demand.DemandConfig;
import io.demandloop.shared.demand.ServiceCatalog;
import io.demandloop.shared.demand.ServiceTier;
import io.demandloop.shared.demand.testing.InMemoryDemandRepository;
import io.demandloop.shared.events.BusEvent;
import io.demandloop.shared.events.EventNames;
import io.demandloop.shared.events.PublishException;
import io.demandloop.shared.initiative.ExpectedOutcome;
import io.demandloop.shared.initiative.Initiative;
import io.demandloop.shared.initiative.InitiativeStatus;
import io.demandloop.shared.initiative.OutcomeMetric;
import io.demandloop.shared.json.Json;
import io.demandloop.shared.outcome.OutcomeFactsReader;
import io.demandloop.shared.outcome.OutcomeWindows;
import io.demandloop.shared.outcome.StoredOutcome;
import io.demandloop.shared.outcome.Verdict;
import io.demandloop.shared.outcome.testing.InMemoryOutcomeRepository;
import io.demandloop.shared.sla.testing.InMemorySlaRepository;
import io.demandloop.shared.testing.InMemoryInitiativeRepository;
import io.demandloop.shared.testing.InMemoryTicketRepository;
import io.demandloop.shared.testing.RecordingEventPublisher;
import io.demandloop.shared.ticket.Ticket;
import io.demandloop.shared.ticket.TicketKind;
import io.demandloop.shared.ticket.TicketState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OutcomeMeasurementServiceTest {

    private static final Instant AS_OF = Instant.parse("2026-11-01T05:15:00Z");

    private final InMemoryTicketRepository tickets = new InMemoryTicketRepository();
    private final InMemoryInitiativeRepository initiatives = new InMemoryInitiativeRepository();
    private final InMemoryOutcomeRepository outcomes = new InMemoryOutcomeRepository();
    private final RecordingEventPublisher events = new RecordingEventPublisher();
    private final OutcomeMeasurementService service = new OutcomeMeasurementService(
            new OutcomeFactsReader(tickets, new InMemoryAlertRepository(), new InMemorySlaRepository(),
                    new InMemoryDemandRepository(), new ServiceCatalog(Map.of(), ServiceTier.MEDIUM, Map.of(), Map.of()),
                    DemandConfig.from(DemandloopConfig.defaults())),
            initiatives, outcomes, events, OutcomeWindows.DEFAULT);
    private int sequence;

    @Test
    void measure_shouldPublishTooEarly_withTheDaysRemaining_whenTheAfterWindowIsNotComplete() throws Exception {
        // GIVEN an initiative delivered 30 days ago on a service with weekly incidents
        Instant delivered = AS_OF.minus(days(30));
        weeklyIncidents("Payments", delivered.minus(days(120)), AS_OF);
        deliver("jira#1", "Payments", delivered);

        // WHEN the night is measured
        OutcomeMeasurementResult result = service.measure(AS_OF);

        // THEN it is too early, 14 + 84 - 30 days remaining, kept and announced once
        assertThat(result.measured()).containsExactly("jira#1");
        StoredOutcome stored = outcomes.find("jira#1").orElseThrow();
        assertThat(stored.outcome().verdict()).isEqualTo(Verdict.TOO_EARLY);
        assertThat(stored.outcome().primary().daysRemaining()).isEqualTo(68);
        assertThat(stored.pendingEvent()).isFalse();
        assertThat(events.published()).singleElement().satisfies(event -> {
            assertThat(event.source()).isEqualTo(EventNames.OUTCOME_SOURCE);
            assertThat(event.detailType()).isEqualTo(EventNames.OUTCOME_MEASURED);
            JsonNode detail = Json.mapper().readTree(event.detailJson());
            assertThat(detail.get("initiativeId").asText()).isEqualTo("jira#1");
            assertThat(detail.get("verdict").asText()).isEqualTo("too-early");
            assertThat(detail.has("previousVerdict")).isFalse();
        });
        assertThat(result.published()).containsExactly("jira#1");
    }

    @Test
    void measure_shouldBeTooEarly_whenDeliveredAtIsInTheFuture() {
        // GIVEN an initiative whose delivery date is 10 days after the night
        weeklyIncidents("Payments", AS_OF.minus(days(120)), AS_OF);
        deliver("jira#1", "Payments", AS_OF.plus(days(10)));

        // WHEN the night is measured
        service.measure(AS_OF);

        // THEN too early, the days remaining counting to the end of its after window: 10 + 14 + 84
        StoredOutcome stored = outcomes.find("jira#1").orElseThrow();
        assertThat(stored.outcome().verdict()).isEqualTo(Verdict.TOO_EARLY);
        assertThat(stored.outcome().primary().daysRemaining()).isEqualTo(10 + 14 + 84);
        assertThat(stored.outcome().primary().change()).isNull();
    }

    @Test
    void measure_shouldBeInconclusive_whenTheServiceHasNoTicketsAtAll() {
        // GIVEN an initiative on a service that never had a ticket, its after window complete
        deliver("jira#1", "Nothing Here", AS_OF.minus(days(100)));

        // WHEN measured
        service.measure(AS_OF);

        // THEN inconclusive, with figures, not a failure
        StoredOutcome stored = outcomes.find("jira#1").orElseThrow();
        assertThat(stored.outcome().verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(stored.outcome().primary().before().count()).isZero();
        assertThat(stored.outcome().primary().after().count()).isZero();
        assertThat(stored.outcome().sentence()).isNotBlank();
        // AND every metric, counts and durations alike, is inconclusive over full windows with finite zero rates:
        // nothing was divided by zero
        List<io.demandloop.shared.outcome.MetricOutcome> all = new java.util.ArrayList<>(stored.outcome().secondary());
        all.add(stored.outcome().primary());
        assertThat(all).hasSize(OutcomeMetric.values().length).allSatisfy(metric -> {
            assertThat(metric.verdict()).as(metric.metric().toString()).isEqualTo(Verdict.INCONCLUSIVE);
            assertThat(metric.before().exposureDays()).isEqualTo(84.0);
            assertThat(metric.after().exposureDays()).isEqualTo(84.0);
            assertThat(metric.before().ratePerWeek()).isZero();
            assertThat(metric.after().ratePerWeek()).isZero();
            assertThat(metric.sentence()).doesNotContain("NaN").doesNotContain("Infinity");
        });
    }

    @Test
    void measure_shouldChangeAndPublishNothing_whenRunAgainForTheSameNight() {
        weeklyIncidents("Payments", AS_OF.minus(days(200)), AS_OF);
        deliver("jira#1", "Payments", AS_OF.minus(days(30)));
        service.measure(AS_OF);
        int writes = outcomes.writes();
        int published = events.published().size();

        OutcomeMeasurementResult again = service.measure(AS_OF);

        assertThat(again.measured()).isEmpty();
        assertThat(again.written()).isZero();
        assertThat(again.published()).isEmpty();
        assertThat(outcomes.writes()).isEqualTo(writes);
        assertThat(events.published()).hasSize(published);
    }

    @Test
    void measure_shouldPublishNothing_whenVerdictUnchanged() {
        // GIVEN an initiative measured too early last night
        weeklyIncidents("Payments", AS_OF.minus(days(200)), AS_OF);
        deliver("jira#1", "Payments", AS_OF.minus(days(30)));
        service.measure(AS_OF.minus(days(1)));
        assertThat(events.published()).hasSize(1);

        // WHEN tonight is measured, still too early
        OutcomeMeasurementResult tonight = service.measure(AS_OF);

        // THEN the outcome is kept as of tonight, but nothing is published and the history holds one entry
        assertThat(tonight.written()).isEqualTo(1);
        assertThat(tonight.published()).isEmpty();
        assertThat(events.published()).hasSize(1);
        assertThat(outcomes.find("jira#1").orElseThrow().outcome().measuredAt()).isEqualTo(AS_OF);
        assertThat(outcomes.find("jira#1").orElseThrow().outcome().primary().daysRemaining()).isEqualTo(68);
        assertThat(outcomes.history("jira#1")).hasSize(1);
    }

    @Test
    void measure_shouldPublishTheNewVerdict_withThePreviousOne_whenTheIncidentsStopped() throws Exception {
        // GIVEN twice-weekly incidents that stopped at delivery, measured too early 30 days after it
        Instant delivered = AS_OF.minus(days(110));
        weeklyIncidents("Payments", delivered.minus(days(150)), delivered);
        weeklyIncidents("Payments", delivered.minus(days(150)).plus(Duration.ofHours(80)), delivered);
        deliver("jira#1", "Payments", delivered);
        service.measure(delivered.plus(days(30)));

        // WHEN measured once the after window is complete
        service.measure(AS_OF);

        // THEN improved, announced with the verdict it replaced; the history holds both
        assertThat(outcomes.find("jira#1").orElseThrow().outcome().verdict()).isEqualTo(Verdict.IMPROVED);
        assertThat(events.published()).hasSize(2);
        JsonNode detail = Json.mapper().readTree(events.published().get(1).detailJson());
        assertThat(detail.get("verdict").asText()).isEqualTo("improved");
        assertThat(detail.get("previousVerdict").asText()).isEqualTo("too-early");
        assertThat(detail.get("change").get("upper").asDouble()).isLessThan(0);
        assertThat(outcomes.history("jira#1")).extracting(e -> e.verdict())
                .containsExactly(Verdict.TOO_EARLY, Verdict.IMPROVED);
    }

    @Test
    void measure_shouldPublishOnTheRetry_whenTheBusRefusedTheEvent() {
        // GIVEN a night whose event the bus refused after the outcome was written
        weeklyIncidents("Payments", AS_OF.minus(days(200)), AS_OF);
        deliver("jira#1", "Payments", AS_OF.minus(days(30)));
        events.refuseEverything();
        assertThatThrownBy(() -> service.measure(AS_OF)).isInstanceOf(PublishException.class);
        assertThat(outcomes.find("jira#1").orElseThrow().pendingEvent()).isTrue();

        // WHEN the night is retried with the bus back
        RecordingEventPublisher bus = new RecordingEventPublisher();
        OutcomeMeasurementService retry = new OutcomeMeasurementService(
                new OutcomeFactsReader(tickets, new InMemoryAlertRepository(), new InMemorySlaRepository(),
                        new InMemoryDemandRepository(), new ServiceCatalog(Map.of(), ServiceTier.MEDIUM, Map.of(), Map.of()),
                        DemandConfig.from(DemandloopConfig.defaults())),
                initiatives, outcomes, bus, OutcomeWindows.DEFAULT);
        OutcomeMeasurementResult result = retry.measure(AS_OF);

        // THEN the event goes out, once, and is confirmed
        assertThat(result.published()).containsExactly("jira#1");
        assertThat(bus.published()).extracting(BusEvent::detailType).containsExactly(EventNames.OUTCOME_MEASURED);
        assertThat(outcomes.find("jira#1").orElseThrow().pendingEvent()).isFalse();
        assertThat(retry.measure(AS_OF).published()).isEmpty();
    }

    @Test
    void measure_shouldLeaveAlone_initiativesNotDelivered_orDeliveredBeforeTheGracePeriod() {
        deliver("jira#old", "Payments", service.measuredSince(AS_OF).minus(days(1)));
        initiatives.store(Initiative.builder().source("jira").sourceId("open").title("In progress")
                .services(List.of("Payments")).expected(new ExpectedOutcome(OutcomeMetric.INCIDENTS, -0.3, null))
                .status(InitiativeStatus.IN_PROGRESS).sourceVersion(1).sourceUpdatedAt(AS_OF).build());

        OutcomeMeasurementResult result = service.measure(AS_OF);

        assertThat(result.measured()).isEmpty();
        assertThat(outcomes.findAll()).isEmpty();
        assertThat(events.published()).isEmpty();
    }

    private void deliver(String id, String service, Instant deliveredAt) {
        String[] parts = id.split("#", 2);
        initiatives.store(Initiative.builder().source(parts[0]).sourceId(parts[1]).title("Fix " + service)
                .services(List.of(service)).expected(new ExpectedOutcome(OutcomeMetric.INCIDENTS, -0.3, null))
                .status(InitiativeStatus.DELIVERED).deliveredAt(deliveredAt).sourceVersion(1)
                .sourceUpdatedAt(deliveredAt).build());
    }

    private void weeklyIncidents(String service, Instant from, Instant to) {
        for (Instant at = from; at.isBefore(to); at = at.plus(days(7))) {
            String number = "INC" + (++sequence);
            tickets.store(Ticket.builder().source("servicenow").sourceId(number).kind(TicketKind.INCIDENT)
                    .number(number).service(service).priority(2).state(TicketState.RESOLVED).openedAt(at)
                    .resolvedAt(at.plus(Duration.ofHours(3))).effortMinutes(60).category("network").title("Outage")
                    .sourceVersion(1).sourceUpdatedAt(at).build());
        }
    }

    private static Duration days(long n) {
        return Duration.ofDays(n);
    }
}
