package io.demandloop.shared.imports;

import java.util.Set;

/** How export values are cleaned before they are interpreted. */
public final class CsvValues {

    private CsvValues() {
    }

    /**
     * The value trimmed, with inner runs of whitespace collapsed to one space ({@code "Opened by  8"} becomes
     * {@code "Opened by 8"}); null when empty or one of the export's markers for "no value" (e.g. {@code ?}).
     */
    public static String clean(String value, Set<String> missing) {
        String cleaned = collapse(value);
        return cleaned == null || missing.contains(cleaned) ? null : cleaned;
    }

    /** The value trimmed, with inner whitespace runs collapsed to one space; null when empty. */
    static String collapse(String value) {
        int length = value.length();
        int start = 0;
        int end = length;
        while (start < end && Character.isWhitespace(value.charAt(start))) {
            start++;
        }
        while (end > start && Character.isWhitespace(value.charAt(end - 1))) {
            end--;
        }
        if (start == end) {
            return null;
        }
        // Most values need nothing more: avoid a copy unless there is a run of spaces or a tab inside.
        boolean clean = true;
        for (int i = start; i < end; i++) {
            char c = value.charAt(i);
            if (c != ' ' && Character.isWhitespace(c) || c == ' ' && value.charAt(i + 1) == ' ') {
                clean = false;
                break;
            }
        }
        if (clean) {
            return start == 0 && end == length ? value : value.substring(start, end);
        }
        StringBuilder out = new StringBuilder(end - start);
        boolean space = false;
        for (int i = start; i < end; i++) {
            char c = value.charAt(i);
            if (Character.isWhitespace(c)) {
                space = true;
            } else {
                if (space) {
                    out.append(' ');
                    space = false;
                }
                out.append(c);
            }
        }
        return out.toString();
    }
}
