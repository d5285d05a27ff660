package io.ascendgw.gateway.bench;

/**
 * Why a request did not succeed. Failed requests are counted by {@link #kind()} and kept out of latency statistics.
 */
public sealed interface RequestFailure {

    /** The server answered with a non-200 status. */
    record HttpStatus(int status, String bodyExcerpt) implements RequestFailure {
        @Override
        public String kind() {
            return "http_" + status;
        }

        @Override
        public String detail() {
            return "HTTP " + status + (bodyExcerpt.isEmpty() ? "" : ": " + bodyExcerpt);
        }
    }

    /** No response: connect refused/reset, or the connection closed before response headers. */
    record ConnectionFailed(String message) implements RequestFailure {
        @Override
        public String kind() {
            return "connection";
        }

        @Override
        public String detail() {
            return message;
        }
    }

    /** The whole request took longer than the spec's request timeout; the request was reset. */
    record TimedOut(long timeoutMillis) implements RequestFailure {
        @Override
        public String kind() {
            return "timeout";
        }

        @Override
        public String detail() {
            return "no complete response within " + timeoutMillis + " ms";
        }
    }

    /** A 200 response that ended (or whose connection broke) before {@code [DONE]} or the full body. */
    record Truncated(String message) implements RequestFailure {
        @Override
        public String kind() {
            return "truncated";
        }

        @Override
        public String detail() {
            return message;
        }
    }

    /** A 200 stream that carried an in-band {@code data: {"error": …}} event. */
    record InBandError(String eventExcerpt) implements RequestFailure {
        @Override
        public String kind() {
            return "stream_error";
        }

        @Override
        public String detail() {
            return eventExcerpt;
        }
    }

    /**
     * Stable key for counting: {@code http_<status>}, {@code connection}, {@code timeout}, {@code truncated} or
     * {@code stream_error}.
     */
    String kind();

    /** A short human-readable explanation (first one per kind goes into the result). */
    String detail();
}
