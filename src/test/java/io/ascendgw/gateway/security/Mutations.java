package io.ascendgw.gateway.security;

import java.util.Arrays;
import java.util.Random;

/**
 * Corrupts a valid request body the ways broken and hostile clients do: truncation, flipped and inserted bytes, type
 * swaps, huge numbers, deep nesting, invalid UTF-8, duplicated keys.
 */
final class Mutations {

    private static final String[] VALUES = {"null", "true", "-1", "1e309", "\"\"", "[]", "{}", "0", "1.5",
        "99999999999999999999999999", "\"\u0000\"", "\"\\ud800\"", "[[[[[[[[[[[[]]]]]]]]]]]]", "\"x\"",
        "{\"role\":\"user\"}", "[{\"role\":5}]", "-0.0"};

    private Mutations() {
    }

    static byte[] mutate(byte[] valid, Random random) {
        String text = new String(valid, java.nio.charset.StandardCharsets.UTF_8);
        return switch (random.nextInt(7)) {
            case 0 -> Arrays.copyOf(valid, random.nextInt(valid.length));
            case 1 -> flip(valid, random);
            case 2 -> replaceValue(text, random).getBytes(java.nio.charset.StandardCharsets.UTF_8);
            case 3 -> insert(valid, random);
            case 4 -> ("{\"model\":\"m\",\"messages\":" + VALUES[random.nextInt(VALUES.length)] + "}")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8);
            case 5 -> text.replaceFirst("\"max_tokens\":4", "\"max_tokens\":" + VALUES[random.nextInt(VALUES.length)])
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8);
            default -> replaceValue(replaceValue(text, random), random)
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        };
    }

    private static byte[] flip(byte[] valid, Random random) {
        byte[] copy = valid.clone();
        for (int i = 0; i < 1 + random.nextInt(4); i++) {
            copy[random.nextInt(copy.length)] = (byte) random.nextInt(256);
        }
        return copy;
    }

    private static byte[] insert(byte[] valid, Random random) {
        int at = random.nextInt(valid.length);
        byte[] junk = new byte[1 + random.nextInt(8)];
        random.nextBytes(junk);
        byte[] out = new byte[valid.length + junk.length];
        System.arraycopy(valid, 0, out, 0, at);
        System.arraycopy(junk, 0, out, at, junk.length);
        System.arraycopy(valid, at, out, at + junk.length, valid.length - at);
        return out;
    }

    /** Replaces the value after a random key with a value of another type. */
    private static String replaceValue(String json, Random random) {
        String[] keys = {"\"model\":", "\"messages\":", "\"max_tokens\":", "\"temperature\":", "\"n\":",
            "\"stream\":", "\"stop\":", "\"top_k\":"};
        String key = keys[random.nextInt(keys.length)];
        int at = json.indexOf(key);
        if (at < 0) {
            return json;
        }
        int start = at + key.length();
        int end = valueEnd(json, start);
        return json.substring(0, start) + VALUES[random.nextInt(VALUES.length)] + json.substring(end);
    }

    private static int valueEnd(String json, int start) {
        int depth = 0;
        boolean inString = false;
        for (int i = start; i < json.length(); i++) {
            char c = json.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '[' || c == '{') {
                depth++;
            } else if (c == ']' || c == '}') {
                if (depth == 0) {
                    return i;
                }
                depth--;
            } else if (c == ',' && depth == 0) {
                return i;
            }
        }
        return json.length();
    }
}
