package io.ascendgw.gateway.sim.http;

import java.util.ArrayList;
import java.util.List;

/** Collects request-schema violations and prints them like pydantic's {@code errors()} list (Python repr). */
final class SchemaErrors {

    private final List<String> entries = new ArrayList<>();

    /** Adds one error; {@code loc} is the path below {@code 'body'} (strings and integer indexes). */
    void add(String type, String msg, Object... loc) {
        StringBuilder sb = new StringBuilder("{'type': '").append(type).append("', 'loc': ('body'");
        for (Object part : loc) {
            sb.append(", ");
            if (part instanceof Integer) {
                sb.append(part);
            } else {
                sb.append('\'').append(part).append('\'');
            }
        }
        if (loc.length == 0) {
            sb.append(',');
        }
        sb.append("), 'msg': ").append(pyString(msg)).append('}');
        entries.add(sb.toString());
    }

    boolean any() {
        return !entries.isEmpty();
    }

    String message() {
        return "[" + String.join(", ", entries) + "]";
    }

    private static String pyString(String s) {
        if (s.indexOf('\'') >= 0 && s.indexOf('"') < 0) {
            return '"' + s + '"';
        }
        return '\'' + s.replace("'", "\\'") + '\'';
    }
}
