package io.demandloop.shared.source.mapped;

import static io.demandloop.shared.ticket.TicketKind.INCIDENT;
import static io.demandloop.shared.ticket.TicketKind.REQUEST;
import static io.demandloop.shared.ticket.TicketState.CLOSED;
import static io.demandloop.shared.ticket.TicketState.IN_PROGRESS;
import static io.demandloop.shared.ticket.TicketState.ON_HOLD;
import static io.demandloop.shared.ticket.TicketState.OPEN;
import static org.assertj.core.api.Assertions.assertThat;

import io.demandloop.shared.config.DemandloopConfig;
import io.demandloop.shared.json.Json;
import io.demandloop.shared.source.Delivery;
import io.demandloop.shared.source.WebhookSource;
import io.demandloop.shared.testing.ProjectFiles;
import io.demandloop.shared.ticket.Ticket;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Each built-in preset against the samples in {@code events/webhooks/<tool>/}. */
class MappedPresetsTest {

    /** The instance's service aliases: the presets' service names go through them. */
    private static final DemandloopConfig CONFIG = DemandloopConfig.fromYaml("""
            services:
              aliases:
                Email: [EXCH-PROD-01, Email Service]
            """);

    private static WebhookSource source(String tool) {
        return MappedSources.all(CONFIG).stream().filter(s -> s.name().equals(tool)).findFirst().orElseThrow();
    }

    private static List<Ticket> normalise(String tool, String sample) throws IOException {
        byte[] body = ProjectFiles.read("events/webhooks/" + tool + "/" + sample);
        Delivery delivery = new Delivery(tool, Map.of("Content-Type", "application/json"), body, Instant.EPOCH);
        return source(tool).normalise(delivery, Json.mapper().readTree(body)).tickets();
    }

    private static Instant at(String instant) {
        return Instant.parse(instant);
    }

    private static long millis(String instant) {
        return Instant.parse(instant).toEpochMilli();
    }

    @Test
    void all_shouldServeTheFourPresets_whenOnlyDefaults() {
        // GIVEN / WHEN
        List<WebhookSource> sources = MappedSources.all(DemandloopConfig.defaults());

        // THEN
        assertThat(sources).extracting(WebhookSource::name)
                .containsExactly("bmc-helix", "salesforce", "ivanti", "manageengine");
    }

    @Test
    void bmcHelix_shouldNormaliseEachSample_intoExactlyTheExpectedTickets() throws IOException {
        // GIVEN the samples of one incident (new, in progress, closed) and of a pending service request
        // WHEN / THEN
        Ticket opened = Ticket.builder().source("bmc-helix").sourceId("INC000000000101").kind(INCIDENT)
                .number("INC000000000101").service("Email").configurationItem("EXCH-PROD-01").priority(1).state(OPEN)
                .openedAt(at("2026-11-16T08:02:11Z")).department("Sales").assignmentGroup("Messaging")
                .category("Failure").title("Outlook cannot connect to Exchange for the EMEA sales floor")
                .sourceVersion(millis("2026-11-16T08:02:11Z")).sourceUpdatedAt(at("2026-11-16T08:02:11Z")).build();
        assertThat(normalise("bmc-helix", "01-email-outage-new.json")).containsExactly(opened);

        Ticket inProgress = Ticket.builder().source("bmc-helix").sourceId("INC000000000101").kind(INCIDENT)
                .number("INC000000000101").service("Email").configurationItem("EXCH-PROD-01").priority(1)
                .state(IN_PROGRESS).openedAt(at("2026-11-16T08:02:11Z")).department("Sales")
                .assignmentGroup("Messaging").category("Failure")
                .title("Outlook cannot connect to Exchange for the EMEA sales floor")
                .sourceVersion(millis("2026-11-16T08:15:40Z")).sourceUpdatedAt(at("2026-11-16T08:15:40Z")).build();
        assertThat(normalise("bmc-helix", "02-email-outage-in-progress.json")).containsExactly(inProgress);

        Ticket closed = Ticket.builder().source("bmc-helix").sourceId("INC000000000101").kind(INCIDENT)
                .number("INC000000000101").service("Email").configurationItem("EXCH-PROD-01").priority(1).state(CLOSED)
                .openedAt(at("2026-11-16T08:02:11Z")).resolvedAt(at("2026-11-16T10:30:00Z"))
                .closedAt(at("2026-11-19T10:30:00Z")).department("Sales").assignmentGroup("Messaging")
                .category("Failure").title("Outlook cannot connect to Exchange for the EMEA sales floor")
                .sourceVersion(millis("2026-11-19T10:30:00Z")).sourceUpdatedAt(at("2026-11-19T10:30:00Z")).build();
        assertThat(normalise("bmc-helix", "03-email-outage-closed.json")).containsExactly(closed);

        Ticket request = Ticket.builder().source("bmc-helix").sourceId("INC000000000102").kind(REQUEST)
                .number("INC000000000102").service("Printing").priority(4).state(ON_HOLD)
                .openedAt(at("2026-11-17T09:30:00Z")).department("Finance").assignmentGroup("Desktop Support")
                .category("Request").title("New toner for the finance printer on floor 2")
                .sourceVersion(millis("2026-11-17T10:00:00Z")).sourceUpdatedAt(at("2026-11-17T10:00:00Z")).build();
        assertThat(normalise("bmc-helix", "04-printer-request-pending.json")).containsExactly(request);
    }

    @Test
    void salesforce_shouldNormaliseEachSample_intoExactlyTheExpectedTickets() throws IOException {
        // GIVEN a case as an Apex array, then as a single Flow object, then closed in a batch with a second case
        // WHEN / THEN
        String title = "Customers cannot log in to the self-service portal";
        assertThat(normalise("salesforce", "01-portal-login-new.json")).containsExactly(
                Ticket.builder().source("salesforce").sourceId("500Hs00001XyZ12IAF").kind(INCIDENT).number("00001026")
                        .service("Customer Portal").priority(2).state(OPEN).openedAt(at("2026-11-16T08:02:11Z"))
                        .category("Performance").title(title).sourceVersion(millis("2026-11-16T08:02:11Z"))
                        .sourceUpdatedAt(at("2026-11-16T08:02:11Z")).build());

        assertThat(normalise("salesforce", "02-portal-login-escalated.json")).containsExactly(
                Ticket.builder().source("salesforce").sourceId("500Hs00001XyZ12IAF").kind(INCIDENT).number("00001026")
                        .service("Customer Portal").priority(1).state(IN_PROGRESS).openedAt(at("2026-11-16T08:02:11Z"))
                        .category("Performance").title(title).sourceVersion(millis("2026-11-16T09:12:45Z"))
                        .sourceUpdatedAt(at("2026-11-16T09:12:45Z")).build());

        assertThat(normalise("salesforce", "03-portal-login-closed-and-billing-case.json")).containsExactly(
                Ticket.builder().source("salesforce").sourceId("500Hs00001XyZ12IAF").kind(INCIDENT).number("00001026")
                        .service("Customer Portal").priority(1).state(CLOSED).openedAt(at("2026-11-16T08:02:11Z"))
                        .closedAt(at("2026-11-16T13:40:00Z")).category("Performance").title(title)
                        // the version is SystemModstamp, the update time LastModifiedDate
                        .sourceVersion(millis("2026-11-16T13:40:02Z")).sourceUpdatedAt(at("2026-11-16T13:40:00Z"))
                        .build(),
                Ticket.builder().source("salesforce").sourceId("500Hs00001XyZ13IAF").kind(INCIDENT).number("00001027")
                        .service("Billing").priority(3).state(IN_PROGRESS).openedAt(at("2026-11-16T10:05:00Z"))
                        .category("Billing").title("Invoice PDF shows the wrong VAT rate")
                        .sourceVersion(millis("2026-11-16T10:20:00Z")).sourceUpdatedAt(at("2026-11-16T10:20:00Z"))
                        .build());
    }

    @Test
    void ivanti_shouldNormaliseEachSample_intoExactlyTheExpectedTickets() throws IOException {
        // GIVEN one incident logged, active, closed
        // WHEN / THEN
        String id = "7A1C4E0B2D9F4B6A8E3C5D7F9A1B3C5E";
        String title = "VPN drops every few minutes for remote staff";
        assertThat(normalise("ivanti", "01-vpn-drops-logged.json")).containsExactly(
                Ticket.builder().source("ivanti").sourceId(id).kind(INCIDENT).number("10234").service("Remote Access")
                        .priority(2).state(OPEN).openedAt(at("2026-11-16T07:45:00Z")).department("Field Sales")
                        .assignmentGroup("Network Operations").category("Network").title(title)
                        .sourceVersion(millis("2026-11-16T07:45:00Z")).sourceUpdatedAt(at("2026-11-16T07:45:00Z"))
                        .build());

        assertThat(normalise("ivanti", "02-vpn-drops-active.json")).containsExactly(
                Ticket.builder().source("ivanti").sourceId(id).kind(INCIDENT).number("10234").service("Remote Access")
                        .priority(2).state(IN_PROGRESS).openedAt(at("2026-11-16T07:45:00Z")).department("Field Sales")
                        .assignmentGroup("Network Operations").category("Network").title(title)
                        .sourceVersion(millis("2026-11-16T08:30:12Z")).sourceUpdatedAt(at("2026-11-16T08:30:12Z"))
                        .build());

        assertThat(normalise("ivanti", "03-vpn-drops-closed.json")).containsExactly(
                Ticket.builder().source("ivanti").sourceId(id).kind(INCIDENT).number("10234").service("Remote Access")
                        .priority(2).state(CLOSED).openedAt(at("2026-11-16T07:45:00Z"))
                        .resolvedAt(at("2026-11-16T12:00:00Z")).closedAt(at("2026-11-17T12:00:00Z"))
                        .department("Field Sales").assignmentGroup("Network Operations").category("Network")
                        .title(title).sourceVersion(millis("2026-11-17T12:00:00Z"))
                        .sourceUpdatedAt(at("2026-11-17T12:00:00Z")).build());
    }

    @Test
    void manageEngine_shouldNormaliseEachSample_intoExactlyTheExpectedTickets() throws IOException {
        // GIVEN one incident open, in progress, closed, and a service request without a priority
        // WHEN / THEN
        String title = "Laptop will not boot after the BIOS update";
        assertThat(normalise("manageengine", "01-laptop-boot-open.json")).containsExactly(
                Ticket.builder().source("manageengine").sourceId("144000000218001").kind(INCIDENT).number("1042")
                        .service("End User Computing").priority(2).state(OPEN).openedAt(at("2026-11-16T08:02:11Z"))
                        .category("Hardware").title(title).sourceVersion(1_794_816_131_000L)
                        .sourceUpdatedAt(at("2026-11-16T08:02:11Z")).build());

        assertThat(normalise("manageengine", "02-laptop-boot-in-progress.json")).containsExactly(
                Ticket.builder().source("manageengine").sourceId("144000000218001").kind(INCIDENT).number("1042")
                        .service("End User Computing").priority(2).state(IN_PROGRESS)
                        .openedAt(at("2026-11-16T08:02:11Z")).assignmentGroup("Desktop Support").category("Hardware")
                        .title(title).sourceVersion(1_794_818_427_000L).sourceUpdatedAt(at("2026-11-16T08:40:27Z"))
                        .build());

        assertThat(normalise("manageengine", "03-laptop-boot-closed.json")).containsExactly(
                Ticket.builder().source("manageengine").sourceId("144000000218001").kind(INCIDENT).number("1042")
                        .service("End User Computing").priority(2).state(CLOSED).openedAt(at("2026-11-16T08:02:11Z"))
                        .resolvedAt(at("2026-11-16T11:15:00Z")).closedAt(at("2026-11-16T11:20:30Z"))
                        .assignmentGroup("Desktop Support").category("Hardware").title(title)
                        .sourceVersion(1_794_828_030_000L).sourceUpdatedAt(at("2026-11-16T11:20:30Z")).build());

        assertThat(normalise("manageengine", "04-new-starter-service-request.json")).containsExactly(
                Ticket.builder().source("manageengine").sourceId("144000000218002").kind(REQUEST).number("1043")
                        .service("Onboarding").priority(3).state(OPEN).openedAt(at("2026-11-17T09:30:00Z"))
                        .assignmentGroup("Service Desk").category("User Administration")
                        .title("Accounts and laptop for a new starter in Finance").sourceVersion(1_794_907_800_000L)
                        .sourceUpdatedAt(at("2026-11-17T09:30:00Z")).build());
    }

    @ParameterizedTest
    @ValueSource(strings = {"bmc-helix", "salesforce", "ivanti", "manageengine"})
    void samples_shouldCarryIncreasingVersions_whenInFileOrder(String tool) throws IOException {
        // GIVEN every sample of the tool, in file-name order
        List<Ticket> tickets = new ArrayList<>();
        for (String sample : samples(tool)) {
            tickets.addAll(normalise(tool, sample));
        }

        // WHEN the versions of each record are listed in delivery order
        Map<String, List<Long>> versions = new java.util.LinkedHashMap<>();
        for (Ticket ticket : tickets) {
            versions.computeIfAbsent(ticket.sourceId(), id -> new ArrayList<>()).add(ticket.sourceVersion());
        }

        // THEN each later delivery of a record is a newer version, and at least one record has three
        assertThat(versions.values()).allSatisfy(list -> assertThat(list).isSorted().doesNotHaveDuplicates());
        assertThat(versions.values()).anySatisfy(list -> assertThat(list).hasSizeGreaterThanOrEqualTo(3));
    }

    @ParameterizedTest
    @ValueSource(strings = {"bmc-helix", "salesforce", "ivanti", "manageengine"})
    void samples_shouldNeverCarryPersonalData_whenTheToolSendsPeople(String tool) throws IOException {
        // GIVEN samples with callers, requesters, owners, e-mail addresses and phone numbers
        List<Ticket> tickets = new ArrayList<>();
        for (String sample : samples(tool)) {
            tickets.addAll(normalise(tool, sample));
        }

        // WHEN
        String canonical = Json.mapper().writeValueAsString(tickets);

        // THEN
        assertThat(canonical).doesNotContain("@example.com", "+44", "+49", "+33", "+1 415",
                "Alex", "Robin", "Kim Example", "Jo Customer", "Lee Customer", "Sam Example", "Rita", "Pat Example",
                "Chris Example", "Dana Example", "005Hs", "003Hs");
    }

    private static List<String> samples(String tool) throws IOException {
        try (Stream<Path> files = Files.list(ProjectFiles.path("events/webhooks/" + tool))) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json")).sorted().toList();
        }
    }
}
