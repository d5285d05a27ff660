package io.ascendgw.gateway.metrics.prom;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** The state of one {@link PrometheusTextParser#parse} call: walks the text line by line. */
final class TextParseRun {

    private final String text;
    private final StringTable strings;
    private final FamilyAssembler families = new FamilyAssembler();
    private final List<SkippedLine> skipped = new ArrayList<>();
    private int skippedCount;
    private String[] labelScratch = new String[16];
    private int lineNumber;
    private int lineStart;
    private int lineEnd;
    private int labelsEnd;

    TextParseRun(String text, StringTable strings) {
        this.text = text;
        this.strings = strings;
    }

    ParsedMetrics run() {
        int length = text.length();
        int position = 0;
        while (position < length) {
            int newline = text.indexOf('\n', position);
            int end = newline < 0 ? length : newline;
            lineNumber++;
            lineStart = position;
            lineEnd = end > position && text.charAt(end - 1) == '\r' ? end - 1 : end;
            int first = skipBlanks(position, lineEnd);
            if (first < lineEnd) {
                if (text.charAt(first) == '#') {
                    if (!comment(first + 1)) {
                        break; // # EOF
                    }
                } else {
                    sample(first);
                }
            }
            position = end + 1;
        }
        return families.finish(skipped, skippedCount);
    }

    /** Handles a {@code #} line; false at {@code # EOF}. */
    private boolean comment(int from) {
        int keyword = skipBlanks(from, lineEnd);
        int keywordEnd = scanToken(keyword, lineEnd);
        int length = keywordEnd - keyword;
        if (length == 4 && text.startsWith("HELP", keyword)) {
            help(skipBlanks(keywordEnd, lineEnd));
        } else if (length == 4 && text.startsWith("TYPE", keyword)) {
            type(skipBlanks(keywordEnd, lineEnd));
        } else if (length == 3 && text.startsWith("EOF", keyword) && skipBlanks(keywordEnd, lineEnd) == lineEnd) {
            return false;
        }
        return true; // other comments, OpenMetrics # UNIT
    }

    private void help(int nameStart) {
        int nameEnd = scanMetricName(nameStart, lineEnd);
        if (nameEnd == nameStart || (nameEnd < lineEnd && !isBlank(text.charAt(nameEnd)))) {
            skip("HELP without a valid metric name");
            return;
        }
        int textStart = skipBlanks(nameEnd, lineEnd);
        int textEnd = lineEnd;
        while (textEnd > textStart && isBlank(text.charAt(textEnd - 1))) {
            textEnd--;
        }
        int backslash = text.indexOf('\\', textStart);
        String help = backslash >= 0 && backslash < textEnd
            ? PromText.unescape(text, textStart, textEnd, false)
            : strings.intern(text, textStart, textEnd);
        if (!families.declareHelp(strings.intern(text, nameStart, nameEnd), help)) {
            skip("second HELP for the family");
        }
    }

    private void type(int nameStart) {
        int nameEnd = scanMetricName(nameStart, lineEnd);
        int typeStart = skipBlanks(nameEnd, lineEnd);
        int typeEnd = scanToken(typeStart, lineEnd);
        if (nameEnd == nameStart || typeStart == nameEnd || skipBlanks(typeEnd, lineEnd) != lineEnd) {
            skip("malformed TYPE line");
            return;
        }
        Optional<MetricType> type = MetricType.fromToken(text, typeStart, typeEnd);
        if (type.isEmpty()) {
            skip("unknown metric type");
        } else if (!families.declareType(strings.intern(text, nameStart, nameEnd), type.get())) {
            skip("TYPE conflicts with an earlier TYPE");
        }
    }

    private void sample(int nameStart) {
        int nameEnd = scanMetricName(nameStart, lineEnd);
        if (nameEnd == nameStart) {
            skip("invalid metric name");
            return;
        }
        String name = strings.intern(text, nameStart, nameEnd);
        int position = skipBlanks(nameEnd, lineEnd);
        Labels labels = Labels.empty();
        if (position < lineEnd && text.charAt(position) == '{') {
            labels = labels(position + 1);
            if (labels == null) {
                return;
            }
            position = labelsEnd;
        } else if (position == nameEnd) {
            skip(position < lineEnd ? "invalid character in metric name" : "sample without value");
            return;
        }
        int valueStart = skipBlanks(position, lineEnd);
        int valueEnd = scanToken(valueStart, lineEnd);
        if (valueStart == valueEnd) {
            skip("sample without value");
            return;
        }
        double value;
        OptionalLong timestamp = OptionalLong.empty();
        try {
            value = PromText.parseDouble(text, valueStart, valueEnd);
            int next = skipBlanks(valueEnd, lineEnd);
            if (next < lineEnd && text.charAt(next) != '#') {
                int timestampEnd = scanToken(next, lineEnd);
                timestamp = OptionalLong.of(PromText.parseTimestampMillis(text, next, timestampEnd));
                next = skipBlanks(timestampEnd, lineEnd);
            }
            if (next < lineEnd && text.charAt(next) != '#') { // '#' starts an OpenMetrics exemplar: ignored
                skip("unexpected text after the value");
                return;
            }
        } catch (NumberFormatException e) {
            skip("invalid number");
            return;
        }
        families.add(name, labels, value, timestamp);
    }

    /** Parses labels after '{'; sets {@link #labelsEnd} to the position after '}'; null (and skips) on error. */
    private Labels labels(int from) {
        int count = 0;
        int position = skipBlanks(from, lineEnd);
        while (true) {
            if (position >= lineEnd) {
                return labelError("unterminated label set");
            }
            if (text.charAt(position) == '}') {
                labelsEnd = position + 1;
                return Labels.ofTrusted(Arrays.copyOf(labelScratch, count));
            }
            int nameEnd = scanLabelName(position, lineEnd);
            if (nameEnd == position) {
                return labelError("invalid label name");
            }
            String labelName = strings.intern(text, position, nameEnd);
            position = skipBlanks(nameEnd, lineEnd);
            if (position >= lineEnd || text.charAt(position) != '=') {
                return labelError("expected '=' after label name");
            }
            position = skipBlanks(position + 1, lineEnd);
            if (position >= lineEnd || text.charAt(position) != '"') {
                return labelError("label value not quoted");
            }
            int valueStart = ++position;
            boolean escaped = false;
            while (position < lineEnd && text.charAt(position) != '"') {
                if (text.charAt(position) == '\\') {
                    escaped = true;
                    position++;
                }
                position++;
            }
            if (position >= lineEnd) {
                return labelError("unterminated label value");
            }
            String labelValue = escaped
                ? strings.intern(PromText.unescape(text, valueStart, position, true))
                : strings.intern(text, valueStart, position);
            for (int i = 0; i < count; i += 2) {
                if (labelScratch[i].equals(labelName)) {
                    return labelError("label repeated");
                }
            }
            if (count + 2 > labelScratch.length) {
                labelScratch = Arrays.copyOf(labelScratch, labelScratch.length * 2);
            }
            labelScratch[count++] = labelName;
            labelScratch[count++] = labelValue;
            position = skipBlanks(position + 1, lineEnd);
            if (position < lineEnd && text.charAt(position) == ',') {
                position = skipBlanks(position + 1, lineEnd);
            } else if (position < lineEnd && text.charAt(position) != '}') {
                return labelError("expected ',' or '}' after label value");
            }
        }
    }

    private Labels labelError(String reason) {
        skip(reason);
        return null;
    }

    private void skip(String reason) {
        skippedCount++;
        if (skipped.size() < PrometheusTextParser.MAX_KEPT_SKIPPED_LINES) {
            int end = Math.min(lineEnd, lineStart + 200);
            skipped.add(new SkippedLine(lineNumber, text.substring(lineStart, end), reason));
        }
    }

    private int skipBlanks(int position, int end) {
        while (position < end && isBlank(text.charAt(position))) {
            position++;
        }
        return position;
    }

    private int scanToken(int position, int end) {
        while (position < end && !isBlank(text.charAt(position))) {
            position++;
        }
        return position;
    }

    private int scanMetricName(int position, int end) {
        if (position >= end || !isNameStart(text.charAt(position))) {
            return position;
        }
        position++;
        while (position < end && (isNameStart(text.charAt(position)) || isDigit(text.charAt(position)))) {
            position++;
        }
        return position;
    }

    private int scanLabelName(int position, int end) {
        if (position >= end || !isLabelStart(text.charAt(position))) {
            return position;
        }
        position++;
        while (position < end && (isLabelStart(text.charAt(position)) || isDigit(text.charAt(position)))) {
            position++;
        }
        return position;
    }

    private static boolean isBlank(char c) {
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
