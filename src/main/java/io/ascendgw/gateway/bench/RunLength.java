package io.ascendgw.gateway.bench;

import java.time.Duration;

/** When the measured phase stops sending: after a number of requests or after a time budget. */
public sealed interface RunLength {

    /** Send exactly {@code requests} measured requests. */
    record RequestCount(int requests) implements RunLength {
        public RequestCount {
            if (requests < 1) {
                throw new IllegalArgumentException("--num-requests must be >= 1, got " + requests);
            }
        }
    }

    /** Keep sending until {@code duration} has passed since the measured phase started, then drain. */
    record TimeBudget(Duration duration) implements RunLength {
        public TimeBudget {
            if (duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException("--duration must be > 0, got " + duration);
            }
        }
    }
}
