package io.demandloop.shared.source.alertmanager;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

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
    private static final Pattern EMAIL = Pattern.compile("[^\\s@<>(),;:\"']+@[^\\s@<>(),;:\"']+\\.[A-Za-z]{2,}");

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
        return text != null && EMAIL.matcher(text).find();
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
