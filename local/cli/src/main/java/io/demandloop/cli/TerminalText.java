package io.demandloop.cli;

/**
 * Text from records (a service name, a title) made safe to print on a terminal: control characters (C0, DEL, C1,
 * which start the escape sequences that move the cursor, recolour or repaint the screen) and the Unicode controls
 * that reorder text on screen are written as visible escapes ({@code \u001b}, {@code \n}, {@code \u202e}, which
 * are also valid inside a JSON string), so the
 * output shows what the data holds and nothing the data says can act on the terminal.
 */
final class TerminalText {

    private TerminalText() {
    }

    /** The text with every control character escaped; null stays null. */
    static String safe(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String escape = escape(c);
            if (escape != null && out == null) {
                out = new StringBuilder(text.length() + 8).append(text, 0, i);
            }
            if (out != null) {
                out.append(escape != null ? escape : String.valueOf(c));
            }
        }
        return out == null ? text : out.toString();
    }

    /**
     * A stream that escapes every control character printed through it except the line break, for output whose
     * lines carry stored text (tables, JSON lines). Jackson escapes C0 controls in JSON already; this also covers C1
     * controls and bidirectional overrides, which JSON allows raw.
     */
    static java.io.PrintStream escaping(java.io.PrintStream target) {
        return new java.io.PrintStream(target, true, java.nio.charset.StandardCharsets.UTF_8) {
            @Override
            public void print(String text) {
                super.print(safeKeepingLineBreaks(text));
            }

            @Override
            public void print(Object value) {
                print(String.valueOf(value));
            }

            @Override
            public void println(Object value) {
                println(String.valueOf(value));
            }

            @Override
            public void print(char[] chars) {
                print(new String(chars));
            }

            @Override
            public void print(char c) {
                print(String.valueOf(c));
            }
        };
    }

    private static String safeKeepingLineBreaks(String text) {
        if (text == null || text.indexOf('\n') < 0) {
            return safe(text);
        }
        StringBuilder out = new StringBuilder(text.length());
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            out.append(i == 0 ? "" : "\n").append(safe(lines[i]));
        }
        return out.toString();
    }

    private static String escape(char c) {
        switch (c) {
            case '\n':
                return "\\n";
            case '\r':
                return "\\r";
            case '\t':
                return "\\t";
            case '\\':
                return null;
            default:
                break;
        }
        boolean control = c < 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f);
        // Bidirectional overrides and isolates reorder what the terminal shows (CVE-2021-42574, "Trojan Source").
        boolean bidi = (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) || c == 0x200e || c == 0x200f
                || c == 0x061c;
        return control || bidi ? String.format("\\u%04x", (int) c) : null;
    }
}
