package io.demandloop.shared.source.mapped;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.demandloop.shared.config.DemandloopConfig;
import io.demandloop.shared.config.MissingConfigurationException;
import io.demandloop.shared.events.InvalidRecordException;
import io.demandloop.shared.json.Json;
import io.demandloop.shared.ticket.Ticket;
import io.demandloop.shared.ticket.TicketKind;
import io.demandloop.shared.ticket.TicketSignals;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The optional mapping keys {@code fields.problem}, {@code fields.symptom} and {@code fields.slaMet}. */
class MappedSignalsTest {

    /** A tool whose records link a problem, name a cause and say whether the SLA was met. */
    private static final String MAPPING = """
            mappings:
              helpdesk:
                kind: incident
                version: {field: /rev, as: number}
                fields:
                  id: /id
                  priority: {default: 3}
                  state: /state
                  openedAt: /opened
                  problem: /problem/id
                  symptom: /cause
                  slaMet: /sla/met
            """;

    private static final String RECORD = """
            {"id": "H-1", "rev": 2, "state": "resolved", "opened": "2026-11-16T08:00:00Z",
             "problem": {"id": "P-9"}, "cause": "Certificate expired", "sla": {"met": false}}
            """;

    private static MappedNormaliser normaliser(String yaml) {
        DemandloopConfig config = DemandloopConfig.fromYaml(yaml);
        return new MappedNormaliser(MappedSources.specs(config).stream()
                .filter(s -> s.tool().equals("helpdesk")).findFirst().orElseThrow(), name -> name);
    }

    private static ObjectNode record() throws IOException {
        return (ObjectNode) Json.mapper().readTree(RECORD);
    }

    private static Ticket normalise(JsonNode record) {
        return normaliser(MAPPING).normaliseRecord(record, "record");
    }

    @Test
    void normalise_shouldGiveTheSignals_withTheProblemKeyedAsTheToolsProblem() throws IOException {
        Ticket ticket = normalise(record());

        assertThat(ticket.signals()).isEqualTo(new TicketSignals("helpdesk#problem#P-9", "Certificate expired", false));
        assertThat(ticket.signals().problem()).isEqualTo(Ticket.key("helpdesk", TicketKind.PROBLEM, "P-9"));
    }

    @Test
    void normalise_shouldGiveNoSignals_whenTheRecordLacksTheMappedFields() throws IOException {
        ObjectNode record = record();
        record.remove("problem");
        record.put("cause", "");
        record.putNull("sla");

        assertThat(normalise(record).signals()).isNull();
    }

    @Test
    void normalise_shouldGiveNoSignals_whenTheMappingHasNoSignalKeys() throws IOException {
        String withoutSignals = MAPPING.replaceAll("(?m)^ +(problem|symptom|slaMet):.*\\n", "");

        assertThat(normaliser(withoutSignals).normaliseRecord(record(), "record").signals()).isNull();
    }

    @ParameterizedTest
    @CsvSource({"'true', true", "'FALSE', false", "' false ', false"})
    void normalise_shouldReadAVerdictWrittenAsText(String text, boolean expected) throws IOException {
        ObjectNode record = record();
        ((ObjectNode) record.get("sla")).put("met", text);

        assertThat(normalise(record).signals().slaMet()).isEqualTo(expected);
    }

    @Test
    void normalise_shouldRefuseNamingSlaMet_whenTheVerdictIsNeitherTrueNorFalse() throws IOException {
        ObjectNode record = record();
        ((ObjectNode) record.get("sla")).put("met", "paused");

        assertThatThrownBy(() -> normalise(record))
                .isInstanceOf(InvalidRecordException.class)
                .hasMessage("record: slaMet (at /sla/met) has the value 'paused', which is not canonical;"
                        + " map the tool's values with slaMet.values");
    }

    @Test
    void normalise_shouldMapTheVerdictThroughValues_ignoringCase() throws IOException {
        MappedNormaliser mapped = normaliser(MAPPING.replace("slaMet: /sla/met",
                "slaMet: {field: /sla/status, values: {Within: true, Breached: false}}"));
        ObjectNode record = record();
        ((ObjectNode) record.get("sla")).put("status", "breached");

        assertThat(mapped.normaliseRecord(record, "record").signals().slaMet()).isFalse();
    }

    @Test
    void normalise_shouldRefuseNamingTheProblem_whenItsIdIsLongerThanAnId() throws IOException {
        ObjectNode record = record();
        ((ObjectNode) record.get("problem")).put("id", "x".repeat(Ticket.MAX_ID_LENGTH + 1));

        assertThatThrownBy(() -> normalise(record))
                .isInstanceOf(InvalidRecordException.class)
                .hasMessageContaining("problem (at /problem/id)");
    }

    @Test
    void parse_shouldRefuseADefaultVerdict() {
        assertThatThrownBy(() -> normaliser(MAPPING.replace("slaMet: /sla/met",
                "slaMet: {field: /sla/met, default: true}")))
                .isInstanceOf(MissingConfigurationException.class)
                .hasMessageContaining("key 'fields.slaMet.default': does not apply");
    }

    @Test
    void parse_shouldRefuseAVerdictValueThatIsNotTrueOrFalse() {
        assertThatThrownBy(() -> normaliser(MAPPING.replace("slaMet: /sla/met",
                "slaMet: {field: /sla/status, values: {Within: yes-ish}}")))
                .isInstanceOf(MissingConfigurationException.class)
                .hasMessageContaining("key 'fields.slaMet.values.Within': must be true (the SLA was met) or false");
    }
}
