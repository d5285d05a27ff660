package io.ascendgw.gateway.metrics.prom;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * One exposed sample.
 *
 * @param name            the sample name as written ({@code vllm:e2e_request_latency_seconds_bucket}), which may differ
 *                        from its family's name by a suffix
 * @param labels          the sample's labels in text order
 * @param value           the value; {@code NaN} and infinities are legal
 * @param timestampMillis the optional explicit timestamp, in milliseconds since the epoch
 */
public record Sample(String name, Labels labels, double value, OptionalLong timestampMillis) {

    public Sample {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(labels, "labels");
        Objects.requireNonNull(timestampMillis, "timestampMillis");
    }

    /** A sample without timestamp. */
    public Sample(String name, Labels labels, double value) {
        this(name, labels, value, OptionalLong.empty());
    }
}
