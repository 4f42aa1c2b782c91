package io.demandloop.functions.portfolioreport;

import static io.demandloop.functions.portfolioreport.TestTickets.open;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.demandloop.functions.portfolioreport.model.PortfolioReport;
import io.demandloop.shared.json.Json;
import io.demandloop.shared.report.testing.InMemoryReportStore;
import io.demandloop.shared.testing.InMemoryTicketRepository;
import io.demandloop.shared.testing.JsonSchemaCheck;
import io.demandloop.shared.testing.ProjectFiles;
import io.demandloop.shared.testing.RecordingEventPublisher;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The schema in docs/ states the version the code writes, and the validation the tests use can fail. */
class ReportSchemaTest {

    private static final Instant AS_OF = Instant.parse("2026-11-22T05:30:00Z");

    @Test
    void schema_shouldStateTheVersionTheCodeWrites() throws Exception {
        // GIVEN / WHEN
        JsonNode schema = Json.mapper().readTree(ProjectFiles.read(JsonSchemaCheck.REPORT_SCHEMA));

        // THEN
        assertThat(schema.get("$schema").textValue()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
        assertThat(schema.at("/properties/schemaVersion/const").intValue()).isEqualTo(PortfolioReport.SCHEMA_VERSION);
        assertThat(schema.get("title").textValue()).endsWith("schema version " + PortfolioReport.SCHEMA_VERSION);
    }

    @Test
    void assertValid_shouldReportEachProblem_whenTheReportLacksASectionOrHasAWrongType() throws Exception {
        // GIVEN a valid report
        InMemoryTicketRepository tickets = new InMemoryTicketRepository();
        InMemoryReportStore reports = new InMemoryReportStore();
        tickets.store(open("p1", "payments", AS_OF.minus(Duration.ofDays(1))));
        PortfolioReportService.builder(tickets, reports, new RecordingEventPublisher()).build().publish(AS_OF);
        String json = reports.objects().get("reports/latest/portfolio.json").text();
        assertThat(JsonSchemaCheck.problems(JsonSchemaCheck.REPORT_SCHEMA, json)).isEmpty();

        // WHEN it loses its provenance, its count becomes text and a date is malformed
        ObjectNode broken = (ObjectNode) Json.mapper().readTree(json);
        broken.remove("provenance");
        ((ObjectNode) broken.at("/services/services/0")).put("incidents", "one");
        broken.put("asOf", "22/11/2026");

        // THEN each is named
        assertThat(String.join("\n", JsonSchemaCheck.problems(JsonSchemaCheck.REPORT_SCHEMA, broken.toString())))
                .contains("provenance", "incidents", "asOf");
    }
}
