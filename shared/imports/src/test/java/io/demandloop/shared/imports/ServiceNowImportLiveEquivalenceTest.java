package io.demandloop.shared.imports;

import static org.assertj.core.api.Assertions.assertThat;

import io.demandloop.shared.config.DemandloopConfig;
import io.demandloop.shared.source.servicenow.ServiceNowNormaliser;
import io.demandloop.shared.testing.InMemoryTicketRepository;
import io.demandloop.shared.testing.ProjectFiles;
import io.demandloop.shared.json.Json;
import io.demandloop.shared.ticket.StoreOutcome;
import io.demandloop.shared.ticket.Ticket;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An incident exported from ServiceNow and the same incident received live (the webhook sample) are one record:
 * same key, comparable versions, so import and live intake in any order leave one ticket at its newest version.
 */
class ServiceNowImportLiveEquivalenceTest {

    private static final String HEADER = "number,incident_state,sys_mod_count,priority,category,business_service,"
            + "cmdb_ci,assignment_group,u_department,opened_at,sys_updated_at,resolved_at,closed_at\n";

    @TempDir
    Path temp;

    private final DemandloopConfig config = DemandloopConfig.defaults();
    private final InMemoryTicketRepository tickets = new InMemoryTicketRepository();
    private final TicketImporter importer = new TicketImporter(tickets, 2, 1, Duration.ZERO, d -> { }, System::nanoTime);

    private Ticket live() throws Exception {
        return new ServiceNowNormaliser(config).normalise(Json.mapper().readTree(
                ProjectFiles.read("events/webhooks/servicenow/01-email-outage-opened.json"))).get(0);
    }

    /** The sample incident as an audit-trail export writes it, at the given update. */
    private ImportSummary importRow(String state, int modCount, String updated) throws Exception {
        String csv = HEADER + "INC0010001," + state + "," + modCount + ",1 - Critical,network,Email,EXCH-PROD-01,"
                + "Messaging,Sales,16/11/2026 08:02:11," + updated + ",?,?\n";
        return importer.run(ExportFormats.create("servicenow", config),
                new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), "export.csv", -1,
                temp.resolve("rejected.csv"), ImportProgress.NONE);
    }

    @Test
    void exportedRow_shouldBeTheLiveRecord_sameKeyAndVersion() throws Exception {
        // GIVEN the incident received live
        Ticket live = live();
        assertThat(tickets.store(live)).isEqualTo(StoreOutcome.STORED);

        // WHEN the same update arrives from an export
        ImportSummary summary = importRow("New", 0, "16/11/2026 08:02:11");

        // THEN it is the same record at the same version: nothing changes
        assertThat(summary.unchanged()).isEqualTo(1);
        assertThat(tickets.all()).containsExactly(live);
    }

    @Test
    void newerExport_afterLive_shouldReplaceIt_andLiveOfTheOlderVersionAfterwardsShouldChangeNothing() throws Exception {
        // GIVEN an export holding a later update of the incident, imported first
        ImportSummary summary = importRow("Resolved", 3, "16/11/2026 10:15:00");
        assertThat(summary.stored()).isEqualTo(1);

        // WHEN the older version arrives live afterwards
        StoreOutcome outcome = tickets.store(live());

        // THEN the import's newer version stays, under the live record's key
        assertThat(outcome).isEqualTo(StoreOutcome.STALE);
        assertThat(tickets.all()).singleElement().satisfies(t -> {
            assertThat(t.key()).isEqualTo(live().key());
            assertThat(t.sourceVersion()).isEqualTo(3);
            assertThat(t.service()).isEqualTo(live().service());
        });
    }
}
