package io.ascendgw.gateway.sim.http;

import io.ascendgw.gateway.sim.VllmDialect;
import io.ascendgw.gateway.sim.format.JsonText;

/** vLLM's error bodies: flat (0.7.3 ... 0.10.0) or nested (0.10.1+), and the in-band SSE error event. */
final class ErrorBodies {

    static final String ENGINE_DEAD = "EngineCore encountered an issue. See stack trace (above) for the root cause.";
    static final String UNSUPPORTED_MEDIA_TYPE = "Unsupported Media Type: Only 'application/json' is allowed";

    private final VllmDialect dialect;

    ErrorBodies(VllmDialect dialect) {
        this.dialect = dialect;
    }

    /** An OpenAI-layer error ({@code BadRequestError}, {@code NotFoundError} ...). */
    ApiError error(int code, String type, String message) {
        return new ApiError(code, body(code, type, message));
    }

    /** 400 for a request-schema violation (FastAPI RequestValidationError). */
    ApiError schema(String message) {
        return error(400, dialect.nestedErrors() ? "Bad Request" : "BadRequestError", message);
    }

    /** 400 BadRequestError. */
    ApiError badRequest(String message) {
        return error(400, "BadRequestError", message);
    }

    /**
     * 400 for an exception chat preprocessing catches (media limits, image loading, ...): its text, followed in the
     * versions that do so by its cause's ({@code None} when {@code cause} is null).
     */
    ApiError preprocessing(String message, String cause) {
        return badRequest(dialect.preprocessingErrorsNameCause() ? message + " " + (cause == null ? "None" : cause)
                : message);
    }

    /** 415 for a non-JSON content type. */
    ApiError unsupportedMediaType() {
        if (!dialect.nestedErrors()) {
            return new ApiError(415, "{\"detail\":" + JsonText.quote(UNSUPPORTED_MEDIA_TYPE) + "}");
        }
        return error(415, "Unsupported Media Type", UNSUPPORTED_MEDIA_TYPE);
    }

    /** 500 for a new request while the engine is dead (0.7.3 answers with an empty body). */
    ApiError engineDead() {
        return dialect.legacy() ? new ApiError(500, "") : error(500, "Internal Server Error", ENGINE_DEAD);
    }

    /** 500 for an injected generation failure. */
    ApiError generationFailed() {
        return dialect.legacy() ? error(500, "InternalServerError", "Engine process failed to generate output.")
                : error(500, "Internal Server Error", ENGINE_DEAD);
    }

    /** 500 for an unexpected failure (0.7.3 answers a RuntimeError with an empty body). */
    ApiError internal(String message) {
        return dialect.legacy() ? new ApiError(500, "") : error(500, "Internal Server Error", message);
    }

    /** The compact JSON body of an error. */
    String body(int code, String type, String message) {
        StringBuilder sb = new StringBuilder(96 + message.length());
        if (dialect.nestedErrors()) {
            sb.append("{\"error\":{\"message\":");
            JsonText.string(sb, message).append(",\"type\":");
            JsonText.string(sb, type).append(",\"param\":null,\"code\":").append(code).append("}}");
        } else {
            sb.append("{\"object\":\"error\",\"message\":");
            JsonText.string(sb, message).append(",\"type\":");
            JsonText.string(sb, type).append(",\"param\":null,\"code\":").append(code).append('}');
        }
        return sb.toString();
    }

    /** An in-band stream error event, serialised like Python's json.dumps (spaces, ASCII only). */
    String inBandEvent(int code, String type, String message) {
        StringBuilder sb = new StringBuilder(128 + message.length()).append("data: {\"error\": {");
        if (!dialect.nestedErrors()) {
            sb.append("\"object\": \"error\", ");
        }
        sb.append("\"message\": ");
        JsonText.string(sb, message, true).append(", \"type\": ");
        JsonText.string(sb, type, true).append(", \"param\": null, \"code\": ").append(code).append("}}\n\n");
        return sb.toString();
    }
}
