package io.ascendgw.gateway.sim.http;

/**
 * An error answer decided before generation starts: HTTP status plus the exact body. Thrown by request parsing
 * and validation, turned into a response by {@link GenerationRoute}. No stack trace (it is an expected outcome).
 */
final class ApiError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String body;

    ApiError(int status, String body) {
        super(body, null, false, false);
        this.status = status;
        this.body = body;
    }

    int status() {
        return status;
    }

    String body() {
        return body;
    }
}
