package io.ascendgw.gateway.metrics.prom;

import java.util.Optional;

/** Metric family types of the Prometheus text format, plus the OpenMetrics ones we tolerate. */
public enum MetricType {
    COUNTER("counter"),
    GAUGE("gauge"),
    HISTOGRAM("histogram"),
    SUMMARY("summary"),
    /** No {@code # TYPE} line, or {@code untyped} / OpenMetrics {@code unknown}. */
    UNTYPED("untyped"),
    INFO("info"),
    STATESET("stateset"),
    GAUGE_HISTOGRAM("gaugehistogram");

    private static final MetricType[] ALL = values();

    private final String token;

    MetricType(String token) {
        this.token = token;
    }

    /** The word used on a {@code # TYPE} line. */
    public String token() {
        return token;
    }

    /** Parses the type word of a {@code # TYPE} line (case-insensitive); empty when unknown. */
    public static Optional<MetricType> fromToken(String word) {
        return fromToken(word, 0, word.length());
    }

    static Optional<MetricType> fromToken(String text, int start, int end) {
        int length = end - start;
        if (length == 7 && text.regionMatches(true, start, "unknown", 0, 7)) {
            return Optional.of(UNTYPED);
        }
        for (MetricType type : ALL) {
            if (type.token.length() == length && text.regionMatches(true, start, type.token, 0, length)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }

    /** Whether a sample named {@code <family><suffix>} belongs to a family of this type. */
    boolean acceptsSuffix(String suffix) {
        return switch (suffix) {
            case "_bucket" -> this == HISTOGRAM || this == GAUGE_HISTOGRAM;
            case "_sum", "_count" -> this == HISTOGRAM || this == SUMMARY;
            case "_gsum", "_gcount" -> this == GAUGE_HISTOGRAM;
            case "_total" -> this == COUNTER;
            case "_created" -> this == COUNTER || this == HISTOGRAM || this == SUMMARY;
            case "_info" -> this == INFO;
            default -> false;
        };
    }
}
