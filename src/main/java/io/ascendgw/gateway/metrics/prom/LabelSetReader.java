package io.ascendgw.gateway.metrics.prom;

import static io.ascendgw.gateway.metrics.prom.PromScan.scanLabelName;
import static io.ascendgw.gateway.metrics.prom.PromScan.skipBlanks;

import java.util.Arrays;

/**
 * Reads one {@code {name="value",...}} label set, from {@link LabelSetTable} when the same text was seen before.
 * Accepts blanks around tokens, a trailing comma, any label order and the escapes {@code \\ \" \n}; rejects repeated
 * names. Not thread-safe: one instance per parse.
 */
final class LabelSetReader {

    private final StringTable strings;
    private final LabelSetTable cache;
    private String[] scratch = new String[16];
    private int end;
    private String error;

    LabelSetReader(StringTable strings, LabelSetTable cache) {
        this.strings = strings;
        this.cache = cache;
    }

    /** Position after the closing brace of the last successful {@link #read}. */
    int end() {
        return end;
    }

    /** Why the last {@link #read} returned null. */
    String error() {
        return error;
    }

    /** Reads the label set starting after '{' at {@code from}; null on a malformed set (see {@link #error()}). */
    Labels read(String text, int from, int lineEnd) {
        // Find the closing brace outside quotes, hashing the raw text on the way.
        int hash = 0;
        boolean quoted = false;
        int position = from;
        for (; position < lineEnd; position++) {
            char c = text.charAt(position);
            if (quoted && c == '\\' && position + 1 < lineEnd) {
                hash = 31 * hash + c;
                c = text.charAt(++position);
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == '}' && !quoted) {
                break;
            }
            hash = 31 * hash + c;
        }
        if (position >= lineEnd) {
            return fail("unterminated label set");
        }
        hash ^= hash >>> 16;
        Labels cached = cache.get(text, from, position, hash);
        if (cached != null) {
            end = position + 1;
            return cached;
        }
        Labels parsed = parse(text, from, lineEnd);
        if (parsed != null) {
            cache.put(text, from, position, hash, parsed);
        }
        return parsed;
    }

    private Labels parse(String text, int from, int lineEnd) {
        int count = 0;
        int position = skipBlanks(text, from, lineEnd);
        while (true) {
            if (position >= lineEnd) {
                return fail("unterminated label set");
            }
            if (text.charAt(position) == '}') {
                end = position + 1;
                return Labels.ofTrusted(Arrays.copyOf(scratch, count));
            }
            int nameEnd = scanLabelName(text, position, lineEnd);
            if (nameEnd == position) {
                return fail("invalid label name");
            }
            String name = strings.intern(text, position, nameEnd);
            position = skipBlanks(text, nameEnd, lineEnd);
            if (position >= lineEnd || text.charAt(position) != '=') {
                return fail("expected '=' after label name");
            }
            position = skipBlanks(text, position + 1, lineEnd);
            if (position >= lineEnd || text.charAt(position) != '"') {
                return fail("label value not quoted");
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
                return fail("unterminated label value");
            }
            String value = escaped
                ? strings.intern(PromText.unescape(text, valueStart, position, true))
                : strings.intern(text, valueStart, position);
            for (int i = 0; i < count; i += 2) {
                if (scratch[i].equals(name)) {
                    return fail("label repeated");
                }
            }
            if (count + 2 > scratch.length) {
                scratch = Arrays.copyOf(scratch, scratch.length * 2);
            }
            scratch[count++] = name;
            scratch[count++] = value;
            position = skipBlanks(text, position + 1, lineEnd);
            if (position < lineEnd && text.charAt(position) == ',') {
                position = skipBlanks(text, position + 1, lineEnd);
            } else if (position < lineEnd && text.charAt(position) != '}') {
                return fail("expected ',' or '}' after label value");
            }
        }
    }

    private Labels fail(String reason) {
        error = reason;
        return null;
    }
}
