package io.demandloop.shared.monitoring;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Which labels of a monitoring alert are kept, for every monitoring source (Alertmanager and Grafana labels,
 * Datadog tags, Opsgenie tags and details, CloudEvents labels), so that the personal-data rule is one rule.
 *
 * <p>A label is dropped when its name is on the configured deny-list or starts with a denied prefix (names
 * compared without case), or when its name or value looks like an email address: DESIGN.md §3 wants personal
 * data dropped at intake, and an address is the kind that slips into labels ({@code owner}, {@code contact},
 * a Datadog {@code $EMAIL}). What is kept is bounded ({@value #MAX_LABELS} labels, values of at most
 * {@value #MAX_VALUE_LENGTH} characters) so that a stored alert stays a small item.
 */
public final class LabelPolicy {

    /** Most labels kept on one event; the first ones by name win. */
    public static final int MAX_LABELS = 30;
    /** Longest label value kept; longer values are cut. */
    public static final int MAX_VALUE_LENGTH = 200;

    // Something@something.tld anywhere in the text: also catches "Jane Doe <jane@example.com>".

    private final Set<String> droppedNames;
    private final List<String> droppedPrefixes;

    /**
     * @param droppedNames    label names never kept, any case
     * @param droppedPrefixes label name prefixes never kept, any case (e.g. Grafana's internal {@code __})
     */
    public LabelPolicy(List<String> droppedNames, List<String> droppedPrefixes) {
        this.droppedNames = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        if (droppedNames != null) {
            this.droppedNames.addAll(droppedNames);
        }
        List<String> prefixes = new ArrayList<>();
        if (droppedPrefixes != null) {
            for (String prefix : droppedPrefixes) {
                if (prefix != null && !prefix.isEmpty()) {
                    prefixes.add(prefix.toLowerCase(Locale.ROOT));
                }
            }
        }
        this.droppedPrefixes = List.copyOf(prefixes);
    }

    /** Whether the text contains something that looks like an email address. */
    public static boolean looksLikeEmail(String text) {
        if (text == null) {
            return false;
        }
        // Linear in the text (a backtracking regex was quadratic on long values): for each '@' with a local
        // character before it, look for "<something>.<two letters>" in the run of address characters after it.
        for (int at = text.indexOf('@'); at >= 0; at = text.indexOf('@', at + 1)) {
            if (at == 0 || !isAddressChar(text.charAt(at - 1))) {
                continue;
            }
            int end = at + 1;
            while (end < text.length() && isAddressChar(text.charAt(end))) {
                end++;
            }
            // The domain run is text[at + 1, end): a '.' after at least one character, then two letters.
            for (int dot = at + 2; dot + 2 < end; dot++) {
                if (text.charAt(dot) == '.' && isLetter(text.charAt(dot + 1)) && isLetter(text.charAt(dot + 2))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A character an address may hold: not white space, not '@', not one of {@code <>(),;:"'}. */
    private static boolean isAddressChar(char c) {
        return !Character.isWhitespace(c) && c != '@' && "<>(),;:\"'".indexOf(c) < 0;
    }

    private static boolean isLetter(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    }

    /** Whether a label of this name and value is kept. */
    public boolean keeps(String name, String value) {
        if (name == null || name.isBlank() || value == null) {
            return false;
        }
        if (droppedNames.contains(name)) {
            return false;
        }
        String lower = name.toLowerCase(Locale.ROOT);
        for (String prefix : droppedPrefixes) {
            if (lower.startsWith(prefix)) {
                return false;
            }
        }
        return !looksLikeEmail(name) && !looksLikeEmail(value);
    }

    /** The labels kept, sorted by name, bounded in number and length. */
    public Map<String, String> keep(Map<String, String> labels) {
        TreeMap<String, String> kept = new TreeMap<>();
        for (Map.Entry<String, String> label : new TreeMap<>(labels).entrySet()) {
            if (kept.size() == MAX_LABELS) {
                break;
            }
            if (keeps(label.getKey(), label.getValue())) {
                String value = label.getValue();
                kept.put(label.getKey(), value.length() <= MAX_VALUE_LENGTH ? value : value.substring(0, MAX_VALUE_LENGTH));
            }
        }
        return kept;
    }
}
