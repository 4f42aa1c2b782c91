package io.demandloop.shared.source.servicenow;

import static org.assertj.core.api.Assertions.assertThat;

import io.demandloop.shared.config.DemandloopConfig;
import io.demandloop.shared.json.Json;
import io.demandloop.shared.source.Delivery;
import io.demandloop.shared.source.NormalisedDelivery;
import io.demandloop.shared.source.VerificationResult;
import io.demandloop.shared.testing.ProjectFiles;
import io.demandloop.shared.ticket.TicketKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServiceNowSourceTest {

    private static final byte[] BODY = ProjectFiles.read("events/webhooks/servicenow/08-laptop-request.json");

    private final ServiceNowSource source = new ServiceNowSource(DemandloopConfig.defaults());

    private static Delivery delivery(String authorization) {
        Map<String, String> headers = new HashMap<>();
        headers.put("Content-Type", "application/json");
        if (authorization != null) {
            headers.put("Authorization", authorization);
        }
        return new Delivery("servicenow", headers, BODY, Instant.parse("2026-11-18T15:30:01Z"));
    }

    @Test
    void verify_shouldAccept_whenBearerOrBasicMatchesAnySecret() {
        // GIVEN two secrets while rotating, one of them user:password
        List<String> secrets = List.of("new-secret", "integration:old-password");
        String basic = "Basic " + Base64.getEncoder().encodeToString("integration:old-password".getBytes(StandardCharsets.UTF_8));

        // WHEN / THEN
        assertThat(source.verify(delivery("Bearer new-secret"), secrets).isAccepted()).isTrue();
        assertThat(source.verify(delivery(basic), secrets).isAccepted()).isTrue();
    }

    @Test
    void verify_shouldReject_whenMissingOrWrong() {
        List<String> secrets = List.of("new-secret");

        VerificationResult missing = source.verify(delivery(null), secrets);
        VerificationResult wrong = source.verify(delivery("Bearer old-secret"), secrets);

        assertThat(missing.problem()).contains("missing Authorization header");
        assertThat(wrong.problem()).contains("invalid credentials for source 'servicenow'");
    }

    @Test
    void normalise_shouldGiveTicketsOfTheConfiguredTables() throws IOException {
        NormalisedDelivery normalised = source.normalise(delivery("Bearer x"), Json.mapper().readTree(BODY));

        assertThat(source.name()).isEqualTo("servicenow");
        assertThat(normalised.ignoredReason()).isNull();
        assertThat(normalised.tickets()).singleElement().satisfies(t -> assertThat(t.kind()).isEqualTo(TicketKind.REQUEST));
    }
}
