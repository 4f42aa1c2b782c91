package io.demandloop.shared.source.mapped;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.demandloop.shared.json.Json;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FieldLocationTest {

    private static final String DOCUMENT = """
            {
              "request": {"status": {"name": "Open"}, "id": 42},
              "values": {"Incident Number": "INC000000000101", "a/b": "slash", "m~n": "tilde", "0": "zero key"},
              "items": [{"id": "first"}, {"id": "second"}],
              "it's": "quoted",
              "x.y": "dotted"
            }
            """;

    private static JsonNode document() throws IOException {
        return Json.mapper().readTree(DOCUMENT);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "/request/status/name            | Open",
        "/request/id                     | 42",
        "/values/Incident Number         | INC000000000101",
        "/values/a~1b                    | slash",
        "/values/m~0n                    | tilde",
        "/items/1/id                     | second",
        "$.request.status.name           | Open",
        "$['values']['Incident Number']  | INC000000000101",
        "$.values['Incident Number']     | INC000000000101",
        "$[\"values\"][\"a/b\"]          | slash",
        "$.values.m~n                    | tilde",
        "$.items[0].id                   | first",
        "$['it\\'s']                     | quoted",
        "$['x.y']                        | dotted",
        "$.values['0']                   | zero key",
    })
    void find_shouldReturnTheValue_whenPointerOrJsonPath(String location, String expected) throws IOException {
        // GIVEN
        FieldLocation parsed = FieldLocation.parse(location);

        // WHEN
        JsonNode found = parsed.find(document());

        // THEN
        assertThat(found.asText()).isEqualTo(expected);
    }

    @Test
    void parse_shouldCompileToTheSamePointer_whenJsonPathAndPointerNameTheSameValue() {
        // GIVEN / WHEN / THEN
        assertThat(FieldLocation.parse("$.a['b c'][3].d~e/f"))
                .isEqualTo(FieldLocation.parse("/a/b c/3/d~0e~1f"));
        assertThat(FieldLocation.parse("$").pointer().toString()).isEmpty();
        assertThat(FieldLocation.parse("").pointer().toString()).isEmpty();
    }

    @Test
    void find_shouldReturnMissingNode_whenNothingIsThere() throws IOException {
        // GIVEN
        JsonNode document = document();

        // WHEN / THEN
        assertThat(FieldLocation.parse("/request/nope/name").find(document).isMissingNode()).isTrue();
        assertThat(FieldLocation.parse("$.items[5].id").find(document).isMissingNode()).isTrue();
    }

    @Test
    void toString_shouldKeepTheLocationAsWritten_forMessages() {
        assertThat(FieldLocation.parse("$.request.id")).hasToString("$.request.id");
        assertThat(FieldLocation.parse("/request/id")).hasToString("/request/id");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "$..name               | recursive descent",
        "$.items[*].id         | wildcards",
        "$.*                   | wildcards",
        "$.items.*             | wildcards",
        "$.items[?(@.id)]      | filters",
        "$.items[1:2]          | slices",
        "$.items[0,1]          | unions",
        "$['a','b']            | unions",
        "$.items[-1]           | negative indexes",
        "$.items[(@.length-1)] | script expressions",
        "$.items[first]        | expected an index",
        "$['unterminated       | unterminated quoted name",
        "$.items[0             | unclosed '['",
        "$.                    | empty name",
        "$a                    | expected '.' or '['",
        "request.id            | neither a JSON Pointer",
        "status                | neither a JSON Pointer",
        "/values/a~2b          | '~' must be followed by 0",
        "/values/trailing~     | '~' must be followed by 0",
    })
    void parse_shouldRefuseWithTheReason_whenOutsideTheSubset(String location, String reason) {
        assertThatThrownBy(() -> FieldLocation.parse(location))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(location)
                .hasMessageContaining(reason);
    }
}
