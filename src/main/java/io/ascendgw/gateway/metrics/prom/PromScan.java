package io.ascendgw.gateway.metrics.prom;

/** Character-class scanning over {@code text[position, end)} for the text-format parser. */
final class PromScan {

    private PromScan() {
    }

    static int skipBlanks(String text, int position, int end) {
        while (position < end && isBlank(text.charAt(position))) {
            position++;
        }
        return position;
    }

    static int scanToken(String text, int position, int end) {
        while (position < end && !isBlank(text.charAt(position))) {
            position++;
        }
        return position;
    }

    /** End of a metric name {@code [a-zA-Z_:][a-zA-Z0-9_:]*} starting at {@code position} ({@code position} if none). */
    static int scanMetricName(String text, int position, int end) {
        if (position >= end || !isNameStart(text.charAt(position))) {
            return position;
        }
        position++;
        while (position < end && (isNameStart(text.charAt(position)) || isDigit(text.charAt(position)))) {
            position++;
        }
        return position;
    }

    /** End of a label name {@code [a-zA-Z_][a-zA-Z0-9_]*} starting at {@code position} ({@code position} if none). */
    static int scanLabelName(String text, int position, int end) {
        if (position >= end || !isLabelStart(text.charAt(position))) {
            return position;
        }
        position++;
        while (position < end && (isLabelStart(text.charAt(position)) || isDigit(text.charAt(position)))) {
            position++;
        }
        return position;
    }

    static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isNameStart(char c) {
        return isLabelStart(c) || c == ':';
    }

    private static boolean isLabelStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    }
}
