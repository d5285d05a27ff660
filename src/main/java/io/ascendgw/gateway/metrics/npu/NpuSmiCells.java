package io.ascendgw.gateway.metrics.npu;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/** Cell splitting and value conversion shared by the npu-smi parsers. Values {@code NA} and {@code -} are empty. */
final class NpuSmiCells {

    private static final Pattern SLASH_WITH_BLANKS = Pattern.compile("\\s*/\\s*");
    private static final Pattern BLANKS = Pattern.compile("\\s+");

    /** A {@code used / total} pair. */
    record Pair(OptionalLong used, OptionalLong total) {
    }

    private NpuSmiCells() {
    }

    /** The trimmed cells between the {@code |} borders of a table line; a missing right border is tolerated. */
    static List<String> split(String line) {
        List<String> cells = new ArrayList<>(6);
        int start = line.indexOf('|') + 1;
        while (start < line.length()) {
            int bar = line.indexOf('|', start);
            int end = bar < 0 ? line.length() : bar;
            String cell = line.substring(start, end).strip();
            if (bar >= 0 || !cell.isEmpty()) {
                cells.add(cell);
            }
            start = end + 1;
        }
        return cells;
    }

    /**
     * The blank-separated values of a cell, with {@code a / b}, {@code a/ b} and {@code a /b} each joined into one
     * {@code a/b} value (npu-smi drops the space before the slash when {@code a} has five digits).
     */
    static List<String> values(String cell) {
        String joined = SLASH_WITH_BLANKS.matcher(cell.strip()).replaceAll("/");
        return joined.isEmpty() ? List.of() : List.of(BLANKS.split(joined));
    }

    /** Blank-separated words of a cell. */
    static List<String> words(String cell) {
        String stripped = cell.strip();
        return stripped.isEmpty() ? List.of() : List.of(BLANKS.split(stripped));
    }

    static boolean isMissing(String value) {
        return value.isEmpty() || value.equals("NA") || value.equals("-") || value.equalsIgnoreCase("N/A");
    }

    static boolean isInteger(String value) {
        if (value.isEmpty()) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            if (!Character.isDigit(value.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** @throws NumberFormatException when the value is neither a number nor a missing marker */
    static OptionalDouble decimal(String value) {
        return isMissing(value) ? OptionalDouble.empty() : OptionalDouble.of(Double.parseDouble(value));
    }

    /** @throws NumberFormatException when the value is neither an integer nor a missing marker */
    static OptionalLong integer(String value) {
        return isMissing(value) ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(value));
    }

    /** @throws NumberFormatException when the value is neither an integer nor a missing marker */
    static OptionalInt smallInteger(String value) {
        return isMissing(value) ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(value));
    }

    /** @throws NumberFormatException when the value is not {@code used/total} */
    static Pair pair(String value) {
        int slash = value.indexOf('/');
        if (slash < 0) {
            throw new NumberFormatException("expected used/total, got " + value);
        }
        return new Pair(integer(value.substring(0, slash)), integer(value.substring(slash + 1)));
    }

    /** The first lines of {@code output}, joined, for an error message. */
    static String summary(String output, int maxLines) {
        List<String> lines = output.lines().map(String::strip).filter(l -> !l.isEmpty()).limit(maxLines).toList();
        String text = String.join(" / ", lines);
        return text.length() > 300 ? text.substring(0, 300) + "..." : text;
    }
}
