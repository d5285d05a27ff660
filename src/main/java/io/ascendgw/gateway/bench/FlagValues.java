package io.ascendgw.gateway.bench;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Parses and range-checks single flag values; errors name the flag. */
final class FlagValues {

    private FlagValues() {
    }

    static URI url(String value) throws UsageException {
        String base = value.strip();
        // OpenAI clients' base URLs end in /v1; the generator appends /v1/... itself, as benchmark_serving does.
        if (base.endsWith("/v1") || base.endsWith("/v1/")) {
            base = base.substring(0, base.lastIndexOf("/v1"));
        }
        try {
            return new URI(base);
        } catch (URISyntaxException e) {
            throw new UsageException("--base-url must be http://host[:port][/path] or https://…, got '" + value + "'");
        }
    }

    static double rate(String value) throws UsageException {
        if (value.equalsIgnoreCase("inf")) {
            return Double.POSITIVE_INFINITY;
        }
        double rate = Double.parseDouble(value);
        if (!(rate > 0) || Double.isNaN(rate)) {
            throw new UsageException("--request-rate must be > 0 or inf, got '" + value + "'");
        }
        return rate;
    }

    static Duration duration(String value) throws UsageException {
        String v = value.trim().toLowerCase(Locale.ROOT);
        double factor = 1;
        if (v.endsWith("ms")) {
            factor = 0.001;
            v = v.substring(0, v.length() - 2);
        } else if (v.endsWith("s") || v.endsWith("m") || v.endsWith("h")) {
            factor = switch (v.charAt(v.length() - 1)) {
                case 'm' -> 60;
                case 'h' -> 3600;
                default -> 1;
            };
            v = v.substring(0, v.length() - 1);
        }
        double seconds = seconds("--duration", v) * factor;
        return Duration.ofMillis(Math.round(seconds * 1000));
    }

    /** A plain number of seconds, e.g. {@code 1.5}. */
    static Duration secondsDuration(String flag, String value) throws UsageException {
        return Duration.ofMillis(Math.round(seconds(flag, value) * 1000));
    }

    static double seconds(String flag, String value) throws UsageException {
        double seconds = Double.parseDouble(value.trim());
        if (!(seconds > 0) || Double.isInfinite(seconds)) {
            throw new UsageException(flag + " must be > 0 seconds, got '" + value + "'");
        }
        return seconds;
    }

    static List<Double> percentiles(String value) {
        List<Double> result = new ArrayList<>();
        for (String part : value.split(",")) {
            if (!part.isBlank()) {
                result.add(Double.parseDouble(part.trim()));
            }
        }
        if (result.isEmpty()) {
            throw new IllegalArgumentException("--percentiles needs at least one value, e.g. 50,90,99");
        }
        return result;
    }

    static int positive(String flag, String value) throws UsageException {
        int n = Integer.parseInt(value.trim());
        if (n < 1) {
            throw new UsageException(flag + " must be >= 1, got " + n);
        }
        return n;
    }

    static int nonNegative(String flag, String value) throws UsageException {
        int n = Integer.parseInt(value.trim());
        if (n < 0) {
            throw new UsageException(flag + " must be >= 0, got " + n);
        }
        return n;
    }
}
