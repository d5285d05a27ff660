package io.ascendgw.gateway.bench;

/**
 * How requests are released: open loop at a request rate (Poisson arrivals, or all at once when infinite), or
 * closed loop with a fixed number of requests in flight.
 */
public sealed interface LoadMode {

    /**
     * Open loop: sends follow a clock at {@code perSecond}; {@code Double.POSITIVE_INFINITY} = all at once. The gaps
     * are gamma-distributed with shape {@code burstiness}, as in vLLM's benchmark: 1 is a Poisson process, below 1
     * burstier, above 1 more even.
     */
    record RequestRate(double perSecond, double burstiness) implements LoadMode {
        public RequestRate {
            if (!(perSecond > 0)) {
                throw new IllegalArgumentException("request rate must be > 0 or inf, got " + perSecond);
            }
            if (!(burstiness > 0) || Double.isInfinite(burstiness)) {
                throw new IllegalArgumentException("--burstiness must be > 0, got " + burstiness);
            }
        }

        /** Poisson arrivals. */
        public RequestRate(double perSecond) {
            this(perSecond, 1.0);
        }

        /** True when every request is sent at time zero. */
        public boolean isInfinite() {
            return Double.isInfinite(perSecond);
        }

        @Override
        public String describe() {
            return isInfinite() ? "request-rate=inf"
                    : "request-rate=" + perSecond + (burstiness == 1.0 ? "" : " burstiness=" + burstiness);
        }
    }

    /** Closed loop: exactly {@code limit} requests in flight; each completion releases the next send. */
    record Concurrency(int limit) implements LoadMode {
        public Concurrency {
            if (limit < 1) {
                throw new IllegalArgumentException("concurrency must be >= 1, got " + limit);
            }
        }

        @Override
        public String describe() {
            return "concurrency=" + limit;
        }
    }

    /** A short human-readable form, e.g. {@code request-rate=10.0} or {@code concurrency=8}. */
    String describe();

    /** All requests at once. */
    static LoadMode unlimitedRate() {
        return new RequestRate(Double.POSITIVE_INFINITY);
    }
}
