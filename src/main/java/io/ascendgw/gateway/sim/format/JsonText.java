package io.ascendgw.gateway.sim.format;

/**
 * Hand-rolled JSON string output. The simulator writes its bodies by hand so that field order and spacing match
 * vLLM byte for byte: pydantic's compact output (raw UTF-8) and Python {@code json.dumps} (ASCII-escaped) for
 * in-band stream errors.
 */
public final class JsonText {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private JsonText() {
    }

    /** Appends {@code value} as a JSON string (with quotes), non-ASCII kept raw, or {@code null}. */
    public static StringBuilder string(StringBuilder sb, String value) {
        return string(sb, value, false);
    }

    /** Appends {@code value} as a JSON string; {@code asciiOnly} escapes non-ASCII as Python's json.dumps does. */
    public static StringBuilder string(StringBuilder sb, String value, boolean asciiOnly) {
        if (value == null) {
            return sb.append("null");
        }
        sb.append('"');
        if (plain(value, asciiOnly)) {
            return sb.append(value).append('"');
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                default -> {
                    if (c < 0x20 || (asciiOnly && c > 0x7e)) {
                        unicodeEscape(sb, c);
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"');
    }

    /** Returns {@code value} as a JSON string literal. */
    public static String quote(String value) {
        return string(new StringBuilder(value == null ? 4 : value.length() + 2), value).toString();
    }

    private static boolean plain(String value, boolean asciiOnly) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == '"' || c == '\\' || (asciiOnly && c > 0x7e)) {
                return false;
            }
        }
        return true;
    }

    private static void unicodeEscape(StringBuilder sb, char c) {
        sb.append("\\u").append(HEX[(c >> 12) & 0xf]).append(HEX[(c >> 8) & 0xf])
                .append(HEX[(c >> 4) & 0xf]).append(HEX[c & 0xf]);
    }
}
