package io.demandloop.functions.alertstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.demandloop.shared.alert.AlertEpisode;
import io.demandloop.shared.alert.EpisodeRules;
import io.demandloop.shared.alert.testing.InMemoryAlertRepository;
import io.demandloop.shared.monitoring.AlertStatus;
import io.demandloop.shared.monitoring.MonitoringEvent;
import io.demandloop.shared.monitoring.Severity;
import io.demandloop.shared.testing.InMemoryTicketRepository;
import io.demandloop.shared.ticket.StoreOutcome;
import io.demandloop.shared.ticket.Ticket;
import io.demandloop.shared.ticket.TicketKind;
import io.demandloop.shared.ticket.TicketState;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlertStoreServiceTest {

    private static final Instant T0 = Instant.parse("2030-09-01T12:00:00Z");

    private final InMemoryAlertRepository alerts = new InMemoryAlertRepository();
    private final InMemoryTicketRepository tickets = new InMemoryTicketRepository();
    private final AlertStoreService service = new AlertStoreService(alerts, tickets, EpisodeRules.defaults());

    private static MonitoringEvent alert(String fingerprint, int minute, AlertStatus status, String service) {
        Instant start = T0.plus(Duration.ofMinutes(minute));
        Instant end = status == AlertStatus.RESOLVED ? start.plus(Duration.ofMinutes(3)) : null;
        return new MonitoringEvent("alertmanager", fingerprint + "@" + start, fingerprint, service, Severity.WARNING, status,
                start, end, "disk full", Map.of("alertname", "DiskFull"), status == AlertStatus.RESOLVED ? 2 : 1,
                end == null ? start : end, null);
    }

    @Test
    void store_shouldStoreTheAlert_andGroupItIntoAnEpisode() {
        AlertStoreResult first = service.store(alert("f1", 0, AlertStatus.FIRING, "Payroll"));
        AlertStoreResult second = service.store(alert("f2", 4, AlertStatus.FIRING, "Payroll"));

        assertThat(first.outcome()).isEqualTo(StoreOutcome.STORED);
        assertThat(second.episode()).isNotNull();
        assertThat(second.episode().alertCount()).isEqualTo(2);
        assertThat(alerts.episodes("Payroll")).singleElement()
                .satisfies(e -> assertThat(e.firstAlert()).isEqualTo("alertmanager#f1@" + T0));
    }

    @Test
    void store_shouldTellDuplicateAndStale_andKeepTheNewestVersion() {
        service.store(alert("f1", 0, AlertStatus.RESOLVED, "Payroll"));

        AlertStoreResult again = service.store(alert("f1", 0, AlertStatus.RESOLVED, "Payroll"));
        AlertStoreResult older = service.store(alert("f1", 0, AlertStatus.FIRING, "Payroll"));

        assertThat(again.outcome()).isEqualTo(StoreOutcome.DUPLICATE);
        assertThat(older.outcome()).isEqualTo(StoreOutcome.STALE);
        assertThat(again.written()).isZero();
        assertThat(alerts.episodes("Payroll")).singleElement().satisfies(e -> {
            assertThat(e.status()).isEqualTo(AlertStatus.RESOLVED);
            assertThat(e.end()).isEqualTo(T0.plus(Duration.ofMinutes(3)));
        });
    }

    @Test
    void store_shouldRepairTheEpisodes_onTheRetryOfADeliveryThatCrashedAfterTheAlertsWrite() {
        // GIVEN a repository that fails at the first episode write
        CrashingAlertRepository crashing = new CrashingAlertRepository(alerts);
        AlertStoreService crashingService = new AlertStoreService(crashing, tickets, EpisodeRules.defaults());
        crashingService.store(alert("f1", 0, AlertStatus.FIRING, "Payroll"));
        crashing.crashAtNextEpisodeWrite();

        // WHEN a delivery crashes between the alert's write and its episode's, and is retried
        MonitoringEvent bridging = alert("f2", 9, AlertStatus.FIRING, "Payroll");
        assertThatThrownBy(() -> crashingService.store(bridging)).isInstanceOf(CrashingAlertRepository.CrashException.class);
        AlertStoreResult retry = crashingService.store(bridging);

        // THEN the retry is a duplicate, and the episode is whole
        assertThat(retry.outcome()).isEqualTo(StoreOutcome.DUPLICATE);
        assertThat(alerts.episodes("Payroll")).singleElement().satisfies(e -> assertThat(e.alertCount()).isEqualTo(2));
    }

    @Test
    void store_shouldLinkTheEpisode_toTheOpenIncidentOfTheService() {
        tickets.store(Ticket.builder().source("servicenow").sourceId("i1").kind(TicketKind.INCIDENT).number("INC1")
                .service("Payroll").priority(2).state(TicketState.IN_PROGRESS).openedAt(T0.minusSeconds(600))
                .title("payslips late").sourceVersion(3).sourceUpdatedAt(T0.minusSeconds(60)).build());
        tickets.store(Ticket.builder().source("servicenow").sourceId("i2").kind(TicketKind.INCIDENT).number("INC2")
                .service("Email").priority(1).state(TicketState.OPEN).openedAt(T0.minusSeconds(600))
                .title("other service").sourceVersion(1).sourceUpdatedAt(T0.minusSeconds(60)).build());

        AlertStoreResult result = service.store(alert("f1", 0, AlertStatus.FIRING, "Payroll"));

        assertThat(result.episode().linkedIncident()).isEqualTo("servicenow#incident#i1");
    }

    @Test
    void store_shouldFileAnAlertWithoutAServiceUnderUnknown() {
        AlertStoreResult result = service.store(alert("f1", 0, AlertStatus.FIRING, " "));

        assertThat(result.service()).isEqualTo(MonitoringEvent.UNKNOWN_SERVICE);
        assertThat(alerts.episodes(MonitoringEvent.UNKNOWN_SERVICE)).extracting(AlertEpisode::alertCount).containsExactly(1);
    }
}
