package io.ascendgw.gateway.metrics.prom;

import static io.ascendgw.gateway.metrics.prom.PromScan.isBlank;
import static io.ascendgw.gateway.metrics.prom.PromScan.scanMetricName;
import static io.ascendgw.gateway.metrics.prom.PromScan.scanToken;
import static io.ascendgw.gateway.metrics.prom.PromScan.skipBlanks;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** The state of one {@link PrometheusTextParser#parse} call: walks the text line by line. */
final class TextParseRun {

    private final String text;
    private final StringTable strings;
    private final LabelSetReader labelReader;
    private final FamilyAssembler families = new FamilyAssembler();
    private final List<SkippedLine> skipped = new ArrayList<>();
    private int skippedCount;
    private int lineNumber;
    private int lineStart;
    private int lineEnd;

    TextParseRun(String text, StringTable strings, LabelSetTable labelSets) {
        this.text = text;
        this.strings = strings;
        this.labelReader = new LabelSetReader(strings, labelSets);
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
            int first = skipBlanks(text, position, lineEnd);
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
        int keyword = skipBlanks(text, from, lineEnd);
        int keywordEnd = scanToken(text, keyword, lineEnd);
        int length = keywordEnd - keyword;
        if (length == 4 && text.startsWith("HELP", keyword)) {
            help(skipBlanks(text, keywordEnd, lineEnd));
        } else if (length == 4 && text.startsWith("TYPE", keyword)) {
            type(skipBlanks(text, keywordEnd, lineEnd));
        } else if (length == 3 && text.startsWith("EOF", keyword) && skipBlanks(text, keywordEnd, lineEnd) == lineEnd) {
            return false;
        }
        return true; // other comments, OpenMetrics # UNIT
    }

    private void help(int nameStart) {
        int nameEnd = scanMetricName(text, nameStart, lineEnd);
        if (nameEnd == nameStart || (nameEnd < lineEnd && !isBlank(text.charAt(nameEnd)))) {
            skip("HELP without a valid metric name");
            return;
        }
        int textStart = skipBlanks(text, nameEnd, lineEnd);
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
        int nameEnd = scanMetricName(text, nameStart, lineEnd);
        int typeStart = skipBlanks(text, nameEnd, lineEnd);
        int typeEnd = scanToken(text, typeStart, lineEnd);
        if (nameEnd == nameStart || typeStart == nameEnd || skipBlanks(text, typeEnd, lineEnd) != lineEnd) {
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
        int nameEnd = scanMetricName(text, nameStart, lineEnd);
        if (nameEnd == nameStart) {
            skip("invalid metric name");
            return;
        }
        String name = strings.intern(text, nameStart, nameEnd);
        int position = skipBlanks(text, nameEnd, lineEnd);
        Labels labels = Labels.empty();
        if (position < lineEnd && text.charAt(position) == '{') {
            labels = labelReader.read(text, position + 1, lineEnd);
            if (labels == null) {
                skip(labelReader.error());
                return;
            }
            position = labelReader.end();
        } else if (position == nameEnd) {
            skip(position < lineEnd ? "invalid character in metric name" : "sample without value");
            return;
        }
        int valueStart = skipBlanks(text, position, lineEnd);
        int valueEnd = scanToken(text, valueStart, lineEnd);
        if (valueStart == valueEnd) {
            skip("sample without value");
            return;
        }
        double value;
        OptionalLong timestamp = OptionalLong.empty();
        try {
            value = PromText.parseDouble(text, valueStart, valueEnd);
            int next = skipBlanks(text, valueEnd, lineEnd);
            if (next < lineEnd && text.charAt(next) != '#') {
                int timestampEnd = scanToken(text, next, lineEnd);
                timestamp = OptionalLong.of(PromText.parseTimestampMillis(text, next, timestampEnd));
                next = skipBlanks(text, timestampEnd, lineEnd);
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

    private void skip(String reason) {
        skippedCount++;
        if (skipped.size() < PrometheusTextParser.MAX_KEPT_SKIPPED_LINES) {
            int end = Math.min(lineEnd, lineStart + 200);
            skipped.add(new SkippedLine(lineNumber, text.substring(lineStart, end), reason));
        }
    }
}
