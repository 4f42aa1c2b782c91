package io.demandloop.shared.source;

import com.fasterxml.jackson.databind.JsonNode;
import io.demandloop.shared.events.InvalidRecordException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;

/**
 * Text is kept exactly or refused: a body that is not valid UTF-8, or a string (value or name) holding a lone
 * UTF-16 surrogate (a JSON escape such as backslash-u-d800), cannot be stored or sent on as it came, so it is refused naming
 * where it is, instead of being replaced by {@code ?} on the way to the bus, which made different identities one.
 */
public final class UnicodeText {

    private UnicodeText() {
    }

    /** The index of the first lone surrogate in the text; -1 when it is valid Unicode. */
    public static int firstLoneSurrogate(CharSequence text) {
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                } else {
                    return i;
                }
            } else if (Character.isLowSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Null when the bytes are valid UTF-8 (strictly: no overlong forms, no encoded surrogates, nothing beyond
     * U+10FFFF); else a message naming the byte offset of the first invalid sequence.
     */
    public static String utf8Problem(byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(8192);
        while (true) {
            CoderResult result = decoder.decode(in, out, true);
            if (result.isError()) {
                return "the body is not valid UTF-8: invalid byte sequence at byte " + in.position()
                        + "; text is kept exactly or refused, so send the body in UTF-8";
            }
            if (result.isUnderflow()) {
                CoderResult flushed = decoder.flush(out);
                return flushed.isError() ? "the body is not valid UTF-8 at its end" : null;
            }
            out.clear();
        }
    }

    /**
     * Checks every string of a parsed document, names and values.
     *
     * @throws InvalidRecordException naming the field (a JSON Pointer) of the first one holding a lone surrogate
     */
    public static void requireValid(JsonNode document) {
        check(document, new StringBuilder());
    }

    /**
     * Checks one value.
     *
     * @param field the field it came from, for the message
     * @throws InvalidRecordException naming the field when the value holds a lone surrogate
     */
    public static void requireValid(String value, String field) {
        int at = value == null ? -1 : firstLoneSurrogate(value);
        if (at >= 0) {
            throw invalid(field, at);
        }
    }

    private static void check(JsonNode node, StringBuilder path) {
        if (node == null) {
            return;
        }
        if (node.isTextual()) {
            int at = firstLoneSurrogate(node.textValue());
            if (at >= 0) {
                throw invalid(path.length() == 0 ? "the body" : path.toString(), at);
            }
        } else if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                int length = path.length();
                path.append('/').append(printable(field.getKey()));
                if (firstLoneSurrogate(field.getKey()) >= 0) {
                    throw new InvalidRecordException("the name of field " + path + " is not valid Unicode (a lone"
                            + " UTF-16 surrogate); text is kept exactly or refused, never changed");
                }
                check(field.getValue(), path);
                path.setLength(length);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                int length = path.length();
                path.append('/').append(i);
                check(node.get(i), path);
                path.setLength(length);
            }
        }
    }

    private static InvalidRecordException invalid(String field, int at) {
        return new InvalidRecordException(field + " is not valid Unicode: a lone UTF-16 surrogate at character " + at
                + "; text is kept exactly or refused, never changed");
    }

    /** The text with lone surrogates written as {@code \\uXXXX}, so that a message about it can be sent. */
    public static String printable(String text) {
        if (firstLoneSurrogate(text) < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                out.append(c).append(text.charAt(++i));
            } else if (Character.isSurrogate(c)) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
