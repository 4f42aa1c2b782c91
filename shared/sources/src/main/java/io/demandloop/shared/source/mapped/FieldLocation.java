package io.demandloop.shared.source.mapped;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Where a value sits in a JSON document, written either as a <b>JSON Pointer</b> (RFC 6901) or in a small
 * <b>JSONPath</b> subset, and compiled once into a Jackson {@link JsonPointer}.
 *
 * <ul>
 *   <li>JSON Pointer: {@code ""} (the whole document) or {@code /a/b/0/c}; {@code ~1} stands for {@code /} and
 *       {@code ~0} for {@code ~} inside a name; spaces are ordinary characters ({@code /values/Incident Number}).</li>
 *   <li>JSONPath subset: {@code $} followed by any number of {@code .name}, {@code ['name']} (or
 *       {@code ["name"]}, with {@code \'}, {@code \"} and {@code \\} escapes) and {@code [index]} steps,
 *       e.g. {@code $.request.status.name}, {@code $['values']['Incident Number']}, {@code $.items[0].id}.
 *       Each step names exactly one child, so a location finds at most one value: wildcards ({@code *}),
 *       recursive descent ({@code ..}), filters ({@code [?(…)]}), slices ({@code [1:3]}), unions
 *       ({@code [0,1]}), negative indexes and functions are refused when the configuration is read.</li>
 * </ul>
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class FieldLocation {

    private final String text;
    private final JsonPointer pointer;

    private FieldLocation(String text, JsonPointer pointer) {
        this.text = text;
        this.pointer = pointer;
    }

    /**
     * Parses a location.
     *
     * @throws IllegalArgumentException saying what is wrong with it
     */
    public static FieldLocation parse(String text) {
        Objects.requireNonNull(text, "text");
        if (text.isEmpty() || text.startsWith("/")) {
            return new FieldLocation(text, JsonPointer.compile(checkedPointer(text)));
        }
        if (text.startsWith("$")) {
            return new FieldLocation(text, JsonPointer.compile(toPointer(jsonPathSteps(text))));
        }
        throw new IllegalArgumentException("'" + text + "' is neither a JSON Pointer (/a/b) nor a JSONPath ($.a.b)");
    }

    /**
     * A column of a CSV row read as a flat object: the one-step pointer to the property of that name
     * ({@code Component/s} is {@code /Component~1s}), written {@code column 'Component/s'} in messages.
     */
    public static FieldLocation column(String name) {
        Objects.requireNonNull(name, "name");
        return new FieldLocation("column '" + name + "'", JsonPointer.compile("/" + escape(name)));
    }

    /** The value at this location in {@code root}; a missing node (never null) when there is none. */
    public JsonNode find(JsonNode root) {
        return root.at(pointer);
    }

    /** The location as a JSON Pointer. */
    public JsonPointer pointer() {
        return pointer;
    }

    /** The location as it was written, for messages. */
    @Override
    public String toString() {
        return text;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FieldLocation location && location.pointer.equals(pointer);
    }

    @Override
    public int hashCode() {
        return pointer.hashCode();
    }

    private static String checkedPointer(String text) {
        // Jackson keeps a '~' that starts no valid escape as a literal; RFC 6901 says it is an error, and a
        // mistyped escape would otherwise silently point at nothing.
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '~') {
                char next = i + 1 < text.length() ? text.charAt(i + 1) : ' ';
                if (next != '0' && next != '1') {
                    throw new IllegalArgumentException("'" + text + "' is not a valid JSON Pointer: '~' must be followed"
                            + " by 0 (for ~) or 1 (for /)");
                }
            }
        }
        return text;
    }

    /** The steps of a JSONPath of the supported subset: names (String) and array indexes (Integer). */
    private static List<Object> jsonPathSteps(String path) {
        List<Object> steps = new ArrayList<>();
        int i = 1;
        while (i < path.length()) {
            char c = path.charAt(i);
            if (c == '.') {
                if (i + 1 < path.length() && path.charAt(i + 1) == '.') {
                    throw unsupported(path, "recursive descent (..)");
                }
                int start = i + 1;
                int end = start;
                while (end < path.length() && path.charAt(end) != '.' && path.charAt(end) != '[') {
                    char n = path.charAt(end);
                    if (n == '*') {
                        throw unsupported(path, "wildcards (*)");
                    }
                    if (n == ']' || n == '\'' || n == '"' || n == '(' || n == ')' || Character.isWhitespace(n)) {
                        throw invalid(path, "'" + n + "' in a dotted name at position " + end
                                + "; write names with such characters as ['name']");
                    }
                    end++;
                }
                if (end == start) {
                    throw invalid(path, "an empty name at position " + start);
                }
                steps.add(path.substring(start, end));
                i = end;
            } else if (c == '[') {
                i = bracketStep(path, i, steps);
            } else {
                throw invalid(path, "'" + c + "' at position " + i + "; expected '.' or '['");
            }
        }
        return steps;
    }

    /** Reads one {@code [...]} step starting at {@code open}; returns the position after its {@code ]}. */
    private static int bracketStep(String path, int open, List<Object> steps) {
        int i = open + 1;
        if (i >= path.length()) {
            throw invalid(path, "an unclosed '[' at position " + open);
        }
        char c = path.charAt(i);
        if (c == '\'' || c == '"') {
            StringBuilder name = new StringBuilder();
            i++;
            while (true) {
                if (i >= path.length()) {
                    throw invalid(path, "an unterminated quoted name starting at position " + (open + 1));
                }
                char n = path.charAt(i);
                if (n == '\\' && i + 1 < path.length()) {
                    name.append(path.charAt(i + 1));
                    i += 2;
                } else if (n == c) {
                    i++;
                    break;
                } else {
                    name.append(n);
                    i++;
                }
            }
            if (i < path.length() && path.charAt(i) == ',') {
                throw unsupported(path, "unions ([a,b])");
            }
            if (i >= path.length() || path.charAt(i) != ']') {
                throw invalid(path, "a quoted name not followed by ']' at position " + i);
            }
            steps.add(name.toString());
            return i + 1;
        }
        int close = path.indexOf(']', i);
        if (close < 0) {
            throw invalid(path, "an unclosed '[' at position " + open);
        }
        String inside = path.substring(i, close).trim();
        if (inside.equals("*")) {
            throw unsupported(path, "wildcards ([*])");
        }
        if (inside.startsWith("?")) {
            throw unsupported(path, "filters ([?(...)])");
        }
        if (inside.startsWith("(")) {
            throw unsupported(path, "script expressions ([(...)])");
        }
        if (inside.contains(":")) {
            throw unsupported(path, "slices ([start:end])");
        }
        if (inside.contains(",")) {
            throw unsupported(path, "unions ([a,b])");
        }
        if (inside.startsWith("-")) {
            throw unsupported(path, "negative indexes");
        }
        if (inside.isEmpty() || !inside.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
            throw invalid(path, "'[" + inside + "]'; expected an index such as [0] or a quoted name such as ['a b']");
        }
        try {
            steps.add(Integer.valueOf(inside));
        } catch (NumberFormatException e) {
            throw invalid(path, "the index " + inside + ", which is too large");
        }
        return close + 1;
    }

    private static String toPointer(List<Object> steps) {
        StringBuilder pointer = new StringBuilder();
        for (Object step : steps) {
            pointer.append('/');
            pointer.append(step instanceof Integer index ? index.toString()
                    : escape((String) step));
        }
        return pointer.toString();
    }

    /** A name as one reference token of a JSON Pointer (RFC 6901: {@code ~} first, then {@code /}). */
    private static String escape(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }

    private static IllegalArgumentException unsupported(String path, String what) {
        return new IllegalArgumentException("'" + path + "' uses " + what + ", which the JSONPath subset does not"
                + " support; each step must name one child ($.a.b, $['a b'], $.a[0])");
    }

    private static IllegalArgumentException invalid(String path, String what) {
        return new IllegalArgumentException("'" + path + "' is not a valid JSONPath: " + what);
    }
}
