package io.demandloop.shared.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import io.demandloop.shared.events.InvalidRecordException;
import io.demandloop.shared.source.servicenow.ServiceNowNormaliser;
import io.demandloop.shared.ticket.Ticket;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Whatever JSON ServiceNow (or anyone holding its secret) posts, the normaliser either returns well-formed
 * canonical tickets or refuses with {@link InvalidRecordException} (the intake's 422); anything else would be
 * a 502 and a retry storm. Seeds: the samples of {@code events/webhooks/servicenow/} and the hostile inputs and
 * findings of {@code ServiceNowNormaliserFuzzTestInputs/}, replayed in every test run.
 */
class ServiceNowNormaliserFuzzTest {

    private final ServiceNowNormaliser normaliser = new ServiceNowNormaliser();

    static Stream<Arguments> samples() {
        return FuzzInput.webhookSamples("servicenow");
    }

    @MethodSource("samples")
    @FuzzTest
    void normalise_shouldReturnTicketsOrThrowInvalidRecordException_forAnyJson(byte[] body) {
        // GIVEN a body the intake has parsed
        JsonNode parsed = FuzzInput.parsedLikeTheIntake(body);
        if (parsed == null) {
            return;
        }

        // WHEN
        List<Ticket> tickets;
        try {
            tickets = normaliser.normalise(parsed);
        } catch (InvalidRecordException refused) {
            // THEN a refusal names its problem
            assertThat(refused.getMessage()).isNotBlank();
            return;
        }

        // THEN the tickets are canonical
        assertThat(tickets).isNotEmpty().allSatisfy(ticket -> {
            assertThat(ticket.source()).isEqualTo(ServiceNowNormaliser.SOURCE);
            assertThat(ticket.sourceId()).isNotBlank();
            assertThat(ticket.priority()).isBetween(1, 5);
            assertThat(ticket.sourceVersion()).isNotNegative();
            if (ticket.title() != null) {
                assertThat(ticket.title().length()).isLessThanOrEqualTo(200);
            }
        });
    }
}
