package io.demandloop.shared.time;

/** Reading a run of decimal digits inside a text without a substring or an exception: the date parsers' hot path. */
public final class Digits {

    private Digits() {
    }

    /** The decimal number in {@code [start, end)} of {@code text}, or -1 if that range is empty or not all digits. */
    public static int parse(CharSequence text, int start, int end) {
        if (start < 0 || end <= start) {
            return -1;
        }
        int n = 0;
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }
}
