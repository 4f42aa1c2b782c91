package io.demandloop.shared.source.mapped;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.demandloop.shared.config.DemandloopConfig;
import io.demandloop.shared.config.MissingConfigurationException;
import io.demandloop.shared.json.Json;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every mapping is checked at start, and a problem names the tool and the key. */
class MappingSpecValidationTest {

    @Test
    void parse_shouldAcceptEveryPresetAndTheFullExample() {
        // GIVEN / WHEN
        var specs = MappedSources.specs(AcmeDesk.config());

        // THEN
        assertThat(specs).hasSize(5);
        MappingSpec acme = specs.get(4);
        assertThat(acme.auth()).isEqualTo(new MappedAuth.HmacSha256("X-Acme-Signature", "sha256=",
                MappedAuth.HmacSha256.Encoding.HEX));
        assertThat(acme.fields().service()).extracting(FieldLocation::toString)
                .containsExactly("/product/service", "/product/name");
        assertThat(acme.fields().closedAt().format().name()).isEqualTo("epoch-seconds");
        assertThat(acme.fields().openedAt().format().zone().getId()).isEqualTo("Europe/Paris");
        assertThat(acme.version().type()).isEqualTo(MappingSpec.VersionType.NUMBER);
    }

    @Test
    void parse_shouldDefaultToBearerRootAndAutoDates_whenMinimal() throws IOException {
        // GIVEN the smallest valid mapping
        JsonNode minimal = Json.mapper().readTree("""
                {"kind": "request", "version": {"field": "/v", "as": "number"},
                 "fields": {"id": "/id", "state": "/state", "priority": {"default": 3}, "openedAt": "/opened"}}
                """);

        // WHEN
        MappingSpec spec = MappingSpec.parse("tiny", minimal);

        // THEN
        assertThat(spec.auth()).isInstanceOf(MappedAuth.Bearer.class);
        assertThat(spec.records()).isNull();
        assertThat(spec.fields().openedAt().format()).isEqualTo(TimestampFormat.AUTO_UTC);
        assertThat(spec.kind().fallback()).isEqualTo(io.demandloop.shared.ticket.TicketKind.REQUEST);
        assertThat(spec.fields().priority().fallback()).isEqualTo(3);
    }

    /**
     * Each row: a JSON Pointer into the Acme Desk mapping, the JSON value to put there (or {@code -} to remove
     * the key), the dotted key the message must name, and a part of the problem it must state.
     */
    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        // unknown keys, at every level; people are never mapped
        "/colour                      | \"blue\"                 | colour                     | unknown key",
        "/fields/caller               | \"/caller/name\"         | fields.caller              | no field for people",
        "/fields/assignee             | \"/assignee\"            | fields.assignee            | personal data is never mapped",
        "/fields/priority/map         | {}                       | fields.priority.map        | unknown key",
        "/auth/algorithm              | \"sha1\"                 | auth.algorithm             | unknown key",
        "/version/type                | \"number\"               | version.type               | unknown key",
        "/dates/locale                | \"de\"                   | dates.locale               | unknown key",
        // unknown canonical values
        "/fields/state/values/done    | \"finished\"             | fields.state.values.done   | unknown canonical state 'finished'",
        "/fields/priority/values/S1   | 0                        | fields.priority.values.S1  | from 1 (highest) to 5",
        "/fields/priority/values/S1   | \"P1\"                   | fields.priority.values.S1  | from 1 (highest) to 5",
        "/kind/values/bug             | \"defect\"               | kind.values.bug            | unknown ticket kind 'defect'",
        "/kind                        | \"ticket\"               | kind                       | unknown ticket kind 'ticket'",
        "/fields/state/values/Done    | \"closed\"               | fields.state.values.Done   | differ only in case",
        // unparseable locations
        "/fields/id                   | \"uuid\"                 | fields.id                  | neither a JSON Pointer",
        "/fields/number               | \"$..ref\"               | fields.number              | recursive descent",
        "/records                     | \"$.data.tickets[*]\"    | records                    | wildcards",
        "/fields/service/1            | \"/product/na~me\"       | fields.service[1]          | '~' must be followed",
        "/fields/title                | 42                       | fields.title               | must be a JSON Pointer",
        "/version/field               | \"$.revision[?(@>1)]\"   | version.field              | filters",
        // missing required keys
        "/fields/id                   | -                        | fields.id                  | is missing",
        "/fields/state                | -                        | fields.state               | is missing",
        "/fields/priority             | -                        | fields.priority            | is missing",
        "/fields/openedAt             | -                        | fields.openedAt            | is missing",
        "/fields                      | -                        | fields                     | is missing",
        "/version                     | -                        | version                    | is missing",
        "/kind                        | -                        | kind                       | is missing",
        "/version/as                  | -                        | version.as                 | is missing",
        "/fields/state                | {\"default\": \"open\"}  | fields.state               | cannot be a constant",
        "/fields/priority             | {\"values\": {\"a\": 1}} | fields.priority.field      | is missing",
        "/auth/header                 | -                        | auth.header                | is missing",
        // malformed values
        "/auth/type                   | \"oauth\"                | auth.type                  | use bearer or hmac-sha256",
        "/auth/encoding               | \"base32\"               | auth.encoding              | use hex or base64",
        "/auth/header                 | \"X Signature\"          | auth.header                | not an HTTP header name",
        "/auth                        | \"hmac-sha256\"          | auth                       | needs a header",
        "/version/as                  | \"timestamp\"            | version.as                 | use number",
        "/version/format              | \"iso\"                  | version.format             | only applies when",
        "/dates/format                | \"epoch-milis\"          | dates.format               | unknown date format",
        "/dates/format                | \"yyyy-MM-dd {\"         | dates.format               | not a valid date pattern",
        "/dates/zone                  | \"Mars/Olympus\"         | dates.zone                 | unknown zone",
        "/fields/closedAt/format      | \"sometime\"             | fields.closedAt.format     | unknown date format",
        "/fields/effortMinutes/unit   | \"days\"                 | fields.effortMinutes.unit  | unknown unit 'days'",
        "/fields/service              | {\"a\": 1}               | fields.service             | list of locations",
        "/link                        | \"desk.acme.example/{id}\" | link                     | http(s) URL template",
        "/link                        | \"https://x.example/{key}\" | link                    | unknown placeholder {key}",
    })
    void parse_shouldFailNamingToolAndKey_whenSpecIsInvalid(String pointer, String json, String key, String problem)
            throws IOException {
        // GIVEN the valid Acme Desk mapping with one change
        ObjectNode spec = AcmeDesk.spec();
        int slash = pointer.lastIndexOf('/');
        JsonNode parent = spec.at(pointer.substring(0, slash));
        String name = pointer.substring(slash + 1);
        if (parent.isArray()) {
            ((com.fasterxml.jackson.databind.node.ArrayNode) parent).set(Integer.parseInt(name), Json.mapper().readTree(json));
        } else if (json.equals("-")) {
            ((ObjectNode) parent).remove(name);
        } else {
            ((ObjectNode) parent).set(name, Json.mapper().readTree(json));
        }

        // WHEN / THEN
        assertThatThrownBy(() -> MappingSpec.parse("acme-desk", spec))
                .isInstanceOf(MissingConfigurationException.class)
                .hasMessageContaining("tool 'acme-desk'")
                .hasMessageContaining("key '" + key + "'")
                .hasMessageContaining(problem);
    }

    @ParameterizedTest
    @CsvSource({"Acme", "acme desk", "acme/desk", "-acme", "''"})
    void parse_shouldFail_whenToolNameIsNotAPathSegment(String tool) {
        assertThatThrownBy(() -> MappingSpec.parse(tool, AcmeDesk.spec()))
                .isInstanceOf(MissingConfigurationException.class)
                .hasMessageContaining("tool name '" + tool + "'");
    }

    @Test
    void all_shouldFailNamingToolAndKey_whenTheUsersYamlMisspellsAKey() {
        // GIVEN
        DemandloopConfig config = DemandloopConfig.fromYaml("""
                mappings:
                  manageengine:
                    fields:
                      assignmentGroupe: $.group.name
                """);

        // WHEN / THEN
        assertThatThrownBy(() -> MappedSources.all(config))
                .isInstanceOf(MissingConfigurationException.class)
                .hasMessage("configuration mappings, tool 'manageengine', key 'fields.assignmentGroupe': unknown key;"
                        + " known keys here: id, number, title, service, configurationItem, priority, state, openedAt,"
                        + " resolvedAt, closedAt, updatedAt, department, assignmentGroup, category, effortMinutes,"
                        + " reopenCount, problem, symptom, slaMet (there is deliberately no field for people: personal data"
                        + " is never mapped)");
    }

    @Test
    void parse_shouldFail_whenTheMappingIsNotAnObject() throws IOException {
        assertThatThrownBy(() -> MappingSpec.parse("acme-desk", Json.mapper().readTree("\"/id\"")))
                .isInstanceOf(MissingConfigurationException.class)
                .hasMessageContaining("tool 'acme-desk'")
                .hasMessageContaining("must be a mapping of keys");
    }
}
