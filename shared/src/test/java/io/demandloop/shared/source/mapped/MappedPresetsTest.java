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
        Ticket opened = new Ticket("bmc-helix", "INC000000000101", INCIDENT, "INC000000000101", "Email",
                "EXCH-PROD-01", 1, OPEN, at("2026-11-16T08:02:11Z"), null, null, "Sales", "Messaging", null,
                "Failure", "Outlook cannot connect to Exchange for the EMEA sales floor",
                millis("2026-11-16T08:02:11Z"), at("2026-11-16T08:02:11Z"), 0, null);
        assertThat(normalise("bmc-helix", "01-email-outage-new.json")).containsExactly(opened);

        Ticket inProgress = new Ticket("bmc-helix", "INC000000000101", INCIDENT, "INC000000000101", "Email",
                "EXCH-PROD-01", 1, IN_PROGRESS, at("2026-11-16T08:02:11Z"), null, null, "Sales", "Messaging", null,
                "Failure", "Outlook cannot connect to Exchange for the EMEA sales floor",
                millis("2026-11-16T08:15:40Z"), at("2026-11-16T08:15:40Z"), 0, null);
        assertThat(normalise("bmc-helix", "02-email-outage-in-progress.json")).containsExactly(inProgress);

        Ticket closed = new Ticket("bmc-helix", "INC000000000101", INCIDENT, "INC000000000101", "Email",
                "EXCH-PROD-01", 1, CLOSED, at("2026-11-16T08:02:11Z"), at("2026-11-16T10:30:00Z"),
                at("2026-11-19T10:30:00Z"), "Sales", "Messaging", null,
                "Failure", "Outlook cannot connect to Exchange for the EMEA sales floor",
                millis("2026-11-19T10:30:00Z"), at("2026-11-19T10:30:00Z"), 0, null);
        assertThat(normalise("bmc-helix", "03-email-outage-closed.json")).containsExactly(closed);

        Ticket request = new Ticket("bmc-helix", "INC000000000102", REQUEST, "INC000000000102", "Printing",
                null, 4, ON_HOLD, at("2026-11-17T09:30:00Z"), null, null, "Finance", "Desktop Support", null,
                "Request", "New toner for the finance printer on floor 2",
                millis("2026-11-17T10:00:00Z"), at("2026-11-17T10:00:00Z"), 0, null);
        assertThat(normalise("bmc-helix", "04-printer-request-pending.json")).containsExactly(request);
    }

    @Test
    void salesforce_shouldNormaliseEachSample_intoExactlyTheExpectedTickets() throws IOException {
        // GIVEN a case as an Apex array, then as a single Flow object, then closed in a batch with a second case
        // WHEN / THEN
        String title = "Customers cannot log in to the self-service portal";
        assertThat(normalise("salesforce", "01-portal-login-new.json")).containsExactly(
                new Ticket("salesforce", "500Hs00001XyZ12IAF", INCIDENT, "00001026", "Customer Portal", null, 2, OPEN,
                        at("2026-11-16T08:02:11Z"), null, null, null, null, null, "Performance", title,
                        millis("2026-11-16T08:02:11Z"), at("2026-11-16T08:02:11Z"), 0, null));

        assertThat(normalise("salesforce", "02-portal-login-escalated.json")).containsExactly(
                new Ticket("salesforce", "500Hs00001XyZ12IAF", INCIDENT, "00001026", "Customer Portal", null, 1,
                        IN_PROGRESS, at("2026-11-16T08:02:11Z"), null, null, null, null, null, "Performance", title,
                        millis("2026-11-16T09:12:45Z"), at("2026-11-16T09:12:45Z"), 0, null));

        assertThat(normalise("salesforce", "03-portal-login-closed-and-billing-case.json")).containsExactly(
                new Ticket("salesforce", "500Hs00001XyZ12IAF", INCIDENT, "00001026", "Customer Portal", null, 1,
                        CLOSED, at("2026-11-16T08:02:11Z"), null, at("2026-11-16T13:40:00Z"), null, null, null,
                        "Performance", title,
                        // the version is SystemModstamp, the update time LastModifiedDate
                        millis("2026-11-16T13:40:02Z"), at("2026-11-16T13:40:00Z"), 0, null),
                new Ticket("salesforce", "500Hs00001XyZ13IAF", INCIDENT, "00001027", "Billing", null, 3,
                        IN_PROGRESS, at("2026-11-16T10:05:00Z"), null, null, null, null, null, "Billing",
                        "Invoice PDF shows the wrong VAT rate",
                        millis("2026-11-16T10:20:00Z"), at("2026-11-16T10:20:00Z"), 0, null));
    }

    @Test
    void ivanti_shouldNormaliseEachSample_intoExactlyTheExpectedTickets() throws IOException {
        // GIVEN one incident logged, active, closed
        // WHEN / THEN
        String id = "7A1C4E0B2D9F4B6A8E3C5D7F9A1B3C5E";
        String title = "VPN drops every few minutes for remote staff";
        assertThat(normalise("ivanti", "01-vpn-drops-logged.json")).containsExactly(
                new Ticket("ivanti", id, INCIDENT, "10234", "Remote Access", null, 2, OPEN,
                        at("2026-11-16T07:45:00Z"), null, null, "Field Sales", "Network Operations", null, "Network",
                        title, millis("2026-11-16T07:45:00Z"), at("2026-11-16T07:45:00Z"), 0, null));

        assertThat(normalise("ivanti", "02-vpn-drops-active.json")).containsExactly(
                new Ticket("ivanti", id, INCIDENT, "10234", "Remote Access", null, 2, IN_PROGRESS,
                        at("2026-11-16T07:45:00Z"), null, null, "Field Sales", "Network Operations", null, "Network",
                        title, millis("2026-11-16T08:30:12Z"), at("2026-11-16T08:30:12Z"), 0, null));

        assertThat(normalise("ivanti", "03-vpn-drops-closed.json")).containsExactly(
                new Ticket("ivanti", id, INCIDENT, "10234", "Remote Access", null, 2, CLOSED,
                        at("2026-11-16T07:45:00Z"), at("2026-11-16T12:00:00Z"), at("2026-11-17T12:00:00Z"),
                        "Field Sales", "Network Operations", null, "Network",
                        title, millis("2026-11-17T12:00:00Z"), at("2026-11-17T12:00:00Z"), 0, null));
    }

    @Test
    void manageEngine_shouldNormaliseEachSample_intoExactlyTheExpectedTickets() throws IOException {
        // GIVEN one incident open, in progress, closed, and a service request without a priority
        // WHEN / THEN
        String title = "Laptop will not boot after the BIOS update";
        assertThat(normalise("manageengine", "01-laptop-boot-open.json")).containsExactly(
                new Ticket("manageengine", "144000000218001", INCIDENT, "1042", "End User Computing", null, 2, OPEN,
                        at("2026-11-16T08:02:11Z"), null, null, null, null, null, "Hardware", title,
                        1_794_816_131_000L, at("2026-11-16T08:02:11Z"), 0, null));

        assertThat(normalise("manageengine", "02-laptop-boot-in-progress.json")).containsExactly(
                new Ticket("manageengine", "144000000218001", INCIDENT, "1042", "End User Computing", null, 2,
                        IN_PROGRESS, at("2026-11-16T08:02:11Z"), null, null, null, "Desktop Support", null, "Hardware",
                        title, 1_794_818_427_000L, at("2026-11-16T08:40:27Z"), 0, null));

        assertThat(normalise("manageengine", "03-laptop-boot-closed.json")).containsExactly(
                new Ticket("manageengine", "144000000218001", INCIDENT, "1042", "End User Computing", null, 2, CLOSED,
                        at("2026-11-16T08:02:11Z"), at("2026-11-16T11:15:00Z"), at("2026-11-16T11:20:30Z"), null,
                        "Desktop Support", null, "Hardware", title,
                        1_794_828_030_000L, at("2026-11-16T11:20:30Z"), 0, null));

        assertThat(normalise("manageengine", "04-new-starter-service-request.json")).containsExactly(
                new Ticket("manageengine", "144000000218002", REQUEST, "1043", "Onboarding", null, 3, OPEN,
                        at("2026-11-17T09:30:00Z"), null, null, null, "Service Desk", null, "User Administration",
                        "Accounts and laptop for a new starter in Finance",
                        1_794_907_800_000L, at("2026-11-17T09:30:00Z"), 0, null));
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
