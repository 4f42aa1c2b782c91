package io.demandloop.shared.source.mapped;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.demandloop.shared.config.DemandloopConfig;
import io.demandloop.shared.config.MissingConfigurationException;
import io.demandloop.shared.json.Json;
import io.demandloop.shared.source.Delivery;
import io.demandloop.shared.source.NormalisedDelivery;
import io.demandloop.shared.source.VerificationResult;
import io.demandloop.shared.source.WebhookSource;
import io.demandloop.shared.source.auth.HmacSignature;
import io.demandloop.shared.testing.ProjectFiles;
import io.demandloop.shared.ticket.Ticket;
import io.demandloop.shared.ticket.TicketKind;
import io.demandloop.shared.ticket.TicketState;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Section {@code mappings} end to end: YAML in, sources out, deliveries verified and normalised. */
class MappedSourcesTest {

    private static WebhookSource named(List<WebhookSource> sources, String name) {
        return sources.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void all_shouldServeABrandNewTool_whenDefinedOnlyInYaml() throws IOException {
        // GIVEN an instance's configuration that wires Acme Desk, a tool no code knows
        DemandloopConfig config = AcmeDesk.config();
        byte[] body = AcmeDesk.BODY.getBytes(StandardCharsets.UTF_8);
        String signature = "sha256=" + HmacSignature.sha256Hex(AcmeDesk.SECRET, body);
        Delivery delivery = new Delivery("acme-desk", Map.of("X-Acme-Signature", signature,
                "Content-Type", "application/json"), body, Instant.parse("2026-11-16T10:00:01Z"));

        // WHEN the intake builds its sources, verifies the raw bytes, then normalises
        List<WebhookSource> sources = MappedSources.all(config);
        WebhookSource acme = named(sources, "acme-desk");
        VerificationResult verdict = acme.verify(delivery, List.of(AcmeDesk.SECRET));
        NormalisedDelivery normalised = acme.normalise(delivery, Json.mapper().readTree(body));

        // THEN
        assertThat(sources).extracting(WebhookSource::name)
                .containsExactly("bmc-helix", "salesforce", "ivanti", "manageengine", "acme-desk");
        assertThat(acme.acceptsContentType("application/json")).isTrue();
        assertThat(verdict.isAccepted()).isTrue();
        assertThat(normalised.alerts()).isEmpty();
        assertThat(normalised.tickets()).containsExactly(Ticket.builder()
                .source("acme-desk")
                .sourceId("t-1")
                .kind(TicketKind.INCIDENT)
                .number("ACME-7")
                .service("Email") // product.service is empty, product.name 'mail' is an alias
                .configurationItem("web-03")
                .priority(2)
                .state(TicketState.RESOLVED)
                .openedAt(Instant.parse("2026-11-16T08:02:11Z")) // 09:02:11 in Europe/Paris
                .resolvedAt(Instant.parse("2026-11-16T10:00:00Z"))
                .department("Retail")
                .assignmentGroup("Web Team")
                .effortMinutes(90) // 1.5 hours
                .category("Performance")
                .title("Checkout times out")
                .sourceVersion(7)
                .sourceUpdatedAt(Instant.parse("2026-11-16T10:00:00Z"))
                .reopenCount(1)
                .link("https://desk.acme.example/tickets/t-1")
                .build());
        assertThat(Json.mapper().writeValueAsString(normalised.tickets()))
                .doesNotContain("Quinn").doesNotContain("quinn@example.com");
    }

    @Test
    void all_shouldRefuseAWrongSignature_whenToolDefinedOnlyInYaml() {
        // GIVEN a delivery signed with another secret
        byte[] body = AcmeDesk.BODY.getBytes(StandardCharsets.UTF_8);
        Delivery delivery = new Delivery("acme-desk", Map.of("X-Acme-Signature",
                "sha256=" + HmacSignature.sha256Hex("guessed", body)), body, Instant.EPOCH);

        // WHEN
        VerificationResult verdict = named(MappedSources.all(AcmeDesk.config()), "acme-desk")
                .verify(delivery, List.of(AcmeDesk.SECRET));

        // THEN
        assertThat(verdict.problem()).isEqualTo("invalid signature for source 'acme-desk'");
    }

    @Test
    void all_shouldMergeTheUsersKeysIntoAPreset_whenOverridden() throws IOException {
        // GIVEN an org whose cases carry a custom department field and whose cases link back to Lightning
        DemandloopConfig config = DemandloopConfig.fromYaml("""
                mappings:
                  salesforce:
                    link: https://example.lightning.force.com/lightning/r/Case/{id}/view
                    fields:
                      department: /Department__c
                      category: ~
                """);
        byte[] body = ProjectFiles.read("events/webhooks/salesforce/02-portal-login-escalated.json");
        var record = (com.fasterxml.jackson.databind.node.ObjectNode) Json.mapper().readTree(body);
        record.put("Department__c", "Retail Banking");

        // WHEN
        Ticket ticket = named(MappedSources.all(config), "salesforce")
                .normalise(new Delivery("salesforce", Map.of(), body, Instant.EPOCH), record).tickets().get(0);

        // THEN the preset's other keys still apply
        assertThat(ticket.department()).isEqualTo("Retail Banking");
        assertThat(ticket.category()).isNull();
        assertThat(ticket.link()).isEqualTo("https://example.lightning.force.com/lightning/r/Case/500Hs00001XyZ12IAF/view");
        assertThat(ticket.state()).isEqualTo(TicketState.IN_PROGRESS);
        assertThat(ticket.number()).isEqualTo("00001026");
    }

    @Test
    void all_shouldLeaveAPresetOut_whenSwitchedOffWithNull() {
        // GIVEN
        DemandloopConfig config = DemandloopConfig.fromYaml("""
                mappings:
                  ivanti: ~
                """);

        // WHEN / THEN
        assertThat(MappedSources.all(config)).extracting(WebhookSource::name)
                .containsExactly("bmc-helix", "salesforce", "manageengine");
    }

    @Test
    void all_shouldFailAtStart_whenAnOverrideBreaksAPreset() {
        // GIVEN a status mapped to a state that does not exist
        DemandloopConfig config = DemandloopConfig.fromYaml("""
                mappings:
                  salesforce:
                    fields:
                      state:
                        values:
                          Parked: parked
                """);

        // WHEN / THEN
        assertThatThrownBy(() -> MappedSources.all(config))
                .isInstanceOf(MissingConfigurationException.class)
                .hasMessageContaining("tool 'salesforce'")
                .hasMessageContaining("key 'fields.state.values.Parked'")
                .hasMessageContaining("unknown canonical state 'parked'");
    }

    @Test
    void all_shouldFailAtStart_whenTheSectionIsNotAMapping() {
        DemandloopConfig config = DemandloopConfig.fromYaml("mappings: [salesforce]");

        assertThatThrownBy(() -> MappedSources.all(config))
                .isInstanceOf(MissingConfigurationException.class)
                .hasMessageContaining("'mappings'");
    }
}
