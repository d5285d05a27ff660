package io.ascendgw.gateway.metrics.prom;

/**
 * Number and escape handling of the text format, written to avoid a {@code String} per value on the scrape path:
 * most values ({@code 38980.0}, {@code 0.0424}, {@code 1.7600012e+09}) take an exact fast path, the rest fall back
 * to {@link Double#parseDouble}.
 */
final class PromText {

    private static final double[] POWERS_OF_TEN = new double[23];
    private static final int MAX_FAST_DIGITS = 15;

    static {
        double power = 1;
        for (int i = 0; i < POWERS_OF_TEN.length; i++) {
            POWERS_OF_TEN[i] = power;
            power *= 10;
        }
    }

    private PromText() {
    }

    /**
     * Parses a text-format float in {@code s[start, end)}: decimal or exponent form with optional sign, or
     * {@code NaN}/{@code Inf}/{@code Infinity} in any case with optional sign.
     *
     * @throws NumberFormatException if the token is not a number
     */
    static double parseDouble(String s, int start, int end) {
        int i = start;
        boolean negative = false;
        if (i < end && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            negative = s.charAt(i) == '-';
            i++;
        }
        if (i >= end) {
            throw new NumberFormatException("empty number");
        }
        char first = s.charAt(i);
        if (first == 'N' || first == 'n' || first == 'I' || first == 'i') {
            return special(s, i, end, negative);
        }
        long mantissa = 0;
        int significantDigits = 0;
        int exponent = 0;
        boolean sawDigit = false;
        boolean sawDot = false;
        for (; i < end; i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                sawDigit = true;
                if (mantissa != 0 || c != '0') {
                    if (significantDigits < 18) {
                        mantissa = mantissa * 10 + (c - '0');
                    }
                    significantDigits++;
                }
                if (sawDot) {
                    exponent--;
                }
            } else if (c == '.' && !sawDot) {
                sawDot = true;
            } else if ((c == 'e' || c == 'E') && sawDigit) {
                exponent += parseExponent(s, i + 1, end);
                i = end;
            } else {
                throw new NumberFormatException("not a number: " + s.substring(start, end));
            }
        }
        if (!sawDigit) {
            throw new NumberFormatException("not a number: " + s.substring(start, end));
        }
        if (mantissa == 0) {
            return negative ? -0.0 : 0.0;
        }
        if (significantDigits <= MAX_FAST_DIGITS && Math.abs(exponent) < POWERS_OF_TEN.length) {
            // Both operands are exact doubles, so one IEEE operation rounds correctly (Clinger's fast path).
            double value = exponent >= 0 ? mantissa * POWERS_OF_TEN[exponent] : mantissa / POWERS_OF_TEN[-exponent];
            return negative ? -value : value;
        }
        return Double.parseDouble(s.substring(start, end));
    }

    private static int parseExponent(String s, int i, int end) {
        boolean negative = false;
        if (i < end && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            negative = s.charAt(i) == '-';
            i++;
        }
        if (i >= end) {
            throw new NumberFormatException("exponent without digits");
        }
        int value = 0;
        for (; i < end; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                throw new NumberFormatException("bad exponent");
            }
            value = Math.min(value * 10 + (c - '0'), 100_000);
        }
        return negative ? -value : value;
    }

    private static double special(String s, int i, int end, boolean negative) {
        int length = end - i;
        if (length == 3 && s.regionMatches(true, i, "nan", 0, 3)) {
            return Double.NaN;
        }
        if ((length == 3 && s.regionMatches(true, i, "inf", 0, 3))
            || (length == 8 && s.regionMatches(true, i, "infinity", 0, 8))) {
            return negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        throw new NumberFormatException("not a number: " + s.substring(i, end));
    }

    /**
     * Parses a sample timestamp: an integer is milliseconds (classic text format); a float is seconds (OpenMetrics).
     *
     * @throws NumberFormatException if the token is neither
     */
    static long parseTimestampMillis(String s, int start, int end) {
        int digitsFrom = start < end && s.charAt(start) == '-' ? start + 1 : start;
        boolean integer = digitsFrom < end;
        for (int i = digitsFrom; i < end && integer; i++) {
            integer = s.charAt(i) >= '0' && s.charAt(i) <= '9';
        }
        if (integer) {
            return Long.parseLong(s, start, end, 10);
        }
        double seconds = parseDouble(s, start, end);
        if (!Double.isFinite(seconds)) {
            throw new NumberFormatException("timestamp is not finite");
        }
        return Math.round(seconds * 1000.0);
    }

    /** Appends a value the way Prometheus clients do: {@code 2.0}, {@code 0.0424}, {@code NaN}, {@code +Inf}. */
    static void appendValue(StringBuilder out, double value) {
        if (Double.isNaN(value)) {
            out.append("NaN");
        } else if (value == Double.POSITIVE_INFINITY) {
            out.append("+Inf");
        } else if (value == Double.NEGATIVE_INFINITY) {
            out.append("-Inf");
        } else if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            out.append((long) value).append(".0");
        } else {
            out.append(value);
        }
    }

    /** Escapes {@code \}, {@code "} and newline, as label values require. */
    static void appendEscapedLabelValue(StringBuilder out, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '"' -> out.append("\\\"");
                case '\n' -> out.append("\\n");
                default -> out.append(c);
            }
        }
    }

    /** Escapes {@code \} and newline, as HELP text requires. */
    static void appendEscapedHelp(StringBuilder out, String help) {
        for (int i = 0; i < help.length(); i++) {
            char c = help.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                default -> out.append(c);
            }
        }
    }

    /** Undoes text-format escapes in {@code s[start, end)}; {@code \"} only counts when {@code quotes} is set. */
    static String unescape(String s, int start, int end, boolean quotes) {
        StringBuilder out = new StringBuilder(end - start);
        for (int i = start; i < end; i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < end) {
                char next = s.charAt(i + 1);
                if (next == '\\' || next == 'n' || (quotes && next == '"')) {
                    out.append(next == 'n' ? '\n' : next);
                    i++;
                    continue;
                }
            }
            out.append(c);
        }
        return out.toString();
    }
}
