package io.demandloop.shared.privacy;

import java.util.List;

/**
 * Configuration section {@code privacy}: what the intake and the imports do with personal data.
 *
 * @param redactEmails     replace e-mail addresses in free text with {@code [email]}
 * @param redactPhones     replace phone numbers in free text with {@code [phone]}
 * @param personLabelWords words that, in a label's name, say it holds a person: such labels are dropped
 * @param personLabelNames whole label names dropped
 * @param keepLabels       labels kept although their name matches
 * @param hashLabels       labels kept as a keyed hash of their value (HMAC-SHA256 with secret {@code pii-hmac})
 */
public record PrivacyConfig(
        boolean redactEmails,
        boolean redactPhones,
        List<String> personLabelWords,
        List<String> personLabelNames,
        List<String> keepLabels,
        List<String> hashLabels) {

    public PrivacyConfig {
        personLabelWords = personLabelWords == null ? List.of() : List.copyOf(personLabelWords);
        personLabelNames = personLabelNames == null ? List.of() : List.copyOf(personLabelNames);
        keepLabels = keepLabels == null ? List.of() : List.copyOf(keepLabels);
        hashLabels = hashLabels == null ? List.of() : List.copyOf(hashLabels);
    }
}
