package io.demandloop.shared.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LabelPolicyEmailTest {

    @ParameterizedTest
    @ValueSource(strings = {"jane.doe@example.com", "owner: ops+oncall@corp.example.org", "<a@b.io>", "x@y.co and more"})
    void looksLikeEmail_shouldFindAnAddress_anywhereInTheText(String text) {
        assertThat(LabelPolicy.looksLikeEmail(text)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "checkout-api", "@example.com", "user@", "user@localhost", "user@host.1", "a @b.com",
        "10.42.3.17:8080", "user@example.c"})
    void looksLikeEmail_shouldNotFlagWhatIsNoAddress(String text) {
        assertThat(LabelPolicy.looksLikeEmail(text)).isFalse();
    }

    @Test
    void looksLikeEmail_shouldAnswer_forLongValuesThatNearlyMatch() {
        // The shape that made the former regex quadratic: many '@' and dots, never an address.
        String nearMiss = "a@".repeat(40_000) + "b.c";

        assertThat(LabelPolicy.looksLikeEmail(nearMiss)).isFalse();
        assertThat(LabelPolicy.looksLikeEmail(nearMiss + "om")).isTrue();
    }
}
