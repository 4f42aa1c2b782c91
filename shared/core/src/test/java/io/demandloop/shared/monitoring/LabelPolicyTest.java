package io.demandloop.shared.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LabelPolicyTest {

    private final LabelPolicy policy = new LabelPolicy(List.of("owner", "Contact"), List.of("__"));

    @ParameterizedTest
    @ValueSource(strings = {"jane.doe@example.com", "Jane Doe <jane.doe@example.com>", "mailto:ops@corp.example.co.uk"})
    void keep_shouldDropValue_whenItLooksLikeAnEmailAddress(String value) {
        // GIVEN a label under a harmless name holding an address
        Map<String, String> labels = Map.of("escalation", value, "team", "payments");

        // WHEN
        Map<String, String> kept = policy.keep(labels);

        // THEN
        assertThat(kept).containsOnlyKeys("team");
    }

    @Test
    void keep_shouldDropDeniedNamesAndPrefixes_inAnyCase() {
        Map<String, String> labels = Map.of("OWNER", "x", "contact", "y", "__alert_rule_uid__", "z", "service", "checkout");

        assertThat(policy.keep(labels)).containsExactly(Map.entry("service", "checkout"));
    }

    @Test
    void keep_shouldKeepValuesWithAnAtSign_whenTheyAreNoAddress() {
        Map<String, String> labels = Map.of("query", "avg(last_5m):cpu{env:prod} by {host} @ 90", "version", "v2@latest");

        assertThat(policy.keep(labels)).hasSize(2);
    }

    @Test
    void keep_shouldBoundCountAndLength_soThatStoredAlertsStaySmall() {
        Map<String, String> labels = new HashMap<>();
        for (int i = 0; i < 100; i++) {
            labels.put(String.format("label%03d", i), "v".repeat(1000));
        }

        Map<String, String> kept = policy.keep(labels);

        assertThat(kept).hasSize(LabelPolicy.MAX_LABELS).containsKey("label000").doesNotContainKey("label099");
        assertThat(kept.values()).allSatisfy(v -> assertThat(v).hasSize(LabelPolicy.MAX_VALUE_LENGTH));
    }
}
