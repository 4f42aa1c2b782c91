package io.demandloop.functions.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.demandloop.shared.events.BusEvent;
import io.demandloop.shared.json.Json;
import io.demandloop.shared.source.WebhookSource;
import io.demandloop.shared.source.servicenow.ServiceNowNormaliser;
import io.demandloop.shared.source.servicenow.ServiceNowSource;
import io.demandloop.shared.testing.ProjectFiles;
import io.demandloop.shared.testing.RecordingEventPublisher;
import io.demandloop.shared.ticket.Ticket;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Issue 13.2: text is kept exactly or refused; impossible dates, overflows and deep nesting are refused by name. */
class IntakeTextTest {

    private static final String SECRET = "s3cret-for-tests";
    private static final Map<String, WebhookSource> SOURCES =
            Map.of("servicenow", new ServiceNowSource(new ServiceNowNormaliser()));
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);

    private final RecordingEventPublisher bus = new RecordingEventPublisher();
    private final IntakeService service = new IntakeService(SOURCES, source -> List.of(SECRET), bus, CLOCK);

    private IntakeResponse post(byte[] body) {
        return service.accept("POST", "/hooks/servicenow",
                Map.of("Authorization", "Bearer " + SECRET, "Content-Type", "application/json"), body, "test");
    }

    /** The sample incident as JSON text, with one field set to a raw JSON value (escapes kept as written). */
    private static String withRaw(String field, String rawJsonValue) throws Exception {
        ObjectNode record = (ObjectNode) Json.mapper().readTree(ProjectFiles.read("events/webhooks/servicenow/01-email-outage-opened.json"));
        record.put(field, "@@PLACE@@");
        return Json.mapper().writeValueAsString(record).replace("\"@@PLACE@@\"", rawJsonValue);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String error(IntakeResponse response) throws Exception {
        return Json.mapper().readTree(response.body()).get("error").asText();
    }

    @Test
    void identitiesWithLoneSurrogates_shouldEachBeRefusedWith422NamingTheField_neverMergedIntoOne() throws Exception {
        // GIVEN three ticket numbers that differ only in a lone surrogate (JSON escapes), which '?' would make one
        List<String> numbers = List.of("\"INC\\ud800\"", "\"INC\\udbff\"", "\"INC\\udc00\"");

        for (String number : numbers) {
            // WHEN
            IntakeResponse response = post(utf8(withRaw("number", number)));

            // THEN each is refused, naming the field, and nothing reaches the bus
            assertThat(response.status()).as(response.body()).isEqualTo(422);
            assertThat(error(response)).contains("/number").contains("not valid Unicode");
        }
        assertThat(bus.published()).isEmpty();
    }

    @Test
    void loneSurrogateInAnyTextField_shouldBeRefusedNamingIt_andValidAstralTextKeptExactly() throws Exception {
        // GIVEN a title with a lone surrogate, and one with a valid pair (an emoji) and other scripts
        IntakeResponse lone = post(utf8(withRaw("short_description", "\"Mail down \\udc9f\"")));
        String exact = "Mail down \uD83D\uDCE7 – 邮件 – Ωmega";
        IntakeResponse valid = post(utf8(withRaw("short_description", Json.mapper().writeValueAsString(exact))));

        // THEN the lone one is refused by name; the valid one is published exactly as sent
        assertThat(lone.status()).isEqualTo(422);
        assertThat(error(lone)).contains("/short_description");
        assertThat(valid.status()).as(valid.body()).isEqualTo(202);
        assertThat(bus.published()).singleElement().extracting(BusEvent::detailJson)
                .satisfies(json -> assertThat(Json.mapper().readValue(json, Ticket.class).title()).isEqualTo(exact));
    }

    @Test
    void invalidUtf8Bytes_shouldBeRefusedWith422NamingTheByte() throws Exception {
        // GIVEN bodies with an overlong '/', an encoded surrogate (CESU-8), and a stray 0xFF inside the number
        byte[] valid = utf8(withRaw("number", "\"INC@X@\""));
        int at = new String(valid, StandardCharsets.UTF_8).indexOf("@X@");
        for (byte[] bad : List.of(new byte[] {(byte) 0xC0, (byte) 0xAF}, new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                new byte[] {(byte) 0xFF})) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            body.write(valid, 0, at);
            body.write(bad);
            body.write(valid, at + 3, valid.length - at - 3);

            // WHEN
            IntakeResponse response = post(body.toByteArray());

            // THEN
            assertThat(response.status()).as(response.body()).isEqualTo(422);
            assertThat(error(response)).contains("not valid UTF-8").contains("at byte " + at);
        }
        assertThat(bus.published()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-02-30 08:00:00", "2026-02-29 08:00:00", "2026-13-01 08:00:00", "2026-11-31 08:00:00",
            "+999999999-12-31T23:59:59Z", "-999999999-01-01T00:00:00Z", "0000-12-31T23:59:59Z"})
    void impossibleOrExtremeDates_shouldBeRefusedWith422NamingTheField(String date) throws Exception {
        // WHEN a date that does not exist, or a year no ticket has, is sent as opened_at
        IntakeResponse response = post(utf8(withRaw("opened_at", Json.mapper().writeValueAsString(date))));

        // THEN it is refused by name, never stored as another date
        assertThat(response.status()).as(response.body()).isEqualTo(422);
        assertThat(error(response)).contains("opened_at").doesNotContain("long overflow");
        assertThat(bus.published()).isEmpty();
    }

    @Test
    void extremeVersionDate_shouldNameItsField_notLongOverflow() throws Exception {
        IntakeResponse response = post(utf8(withRaw("sys_updated_on", "\"+999999999-12-31T23:59:59Z\"")));

        assertThat(response.status()).as(response.body()).isEqualTo(422);
        assertThat(error(response)).contains("sys_updated_on").doesNotContain("long overflow");
    }

    @Test
    void leapDay_shouldStillBeTaken_whenTheYearHasOne() throws Exception {
        IntakeResponse response = post(utf8(withRaw("opened_at", "\"2028-02-29 08:00:00\"")));

        assertThat(response.status()).as(response.body()).isEqualTo(202);
    }

    @Test
    void fieldNested999Deep_shouldBeRefusedNamingTheNesting_notDropped() throws Exception {
        // GIVEN the category nested 999 arrays deep (under the parser's old limit of 1 000, so it used to be dropped)
        IntakeResponse response = post(utf8(withRaw("category", "[".repeat(999) + "\"network\"" + "]".repeat(999))));

        // THEN
        assertThat(response.status()).as(response.body()).isIn(400, 422);
        assertThat(error(response)).contains("nesting depth");
        assertThat(bus.published()).isEmpty();
    }
}
