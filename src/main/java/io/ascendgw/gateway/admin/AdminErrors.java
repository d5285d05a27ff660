package io.ascendgw.gateway.admin;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.ascendgw.gateway.api.OpenAiError;
import io.vertx.core.http.HttpServerRequest;

/**
 * The errors the REST layer raises itself for the admin API (wrong method, unsupported content type, a body it
 * cannot read), in OpenAI's shape like every other error of the gateway instead of an empty body.
 */
public class AdminErrors {

    @ServerExceptionMapper
    public Response inOpenAiShape(WebApplicationException problem, HttpServerRequest request) {
        Response original = problem.getResponse();
        int status = original.getStatus();
        String reason = Response.Status.fromStatusCode(status) != null
                ? Response.Status.fromStatusCode(status).getReasonPhrase() : "Error";
        String allow = original.getHeaderString(HttpHeaders.ALLOW);
        String message = switch (status) {
            case 405 -> "Method " + request.method().name() + " is not allowed for " + request.path()
                    + (allow != null ? "; use " + allow : "") + ". /q/openapi lists the admin API.";
            case 415 -> reason + ": " + request.path() + " takes JSON.";
            default -> reason + " (" + request.method().name() + " " + request.path() + ")"
                    + (problem.getCause() != null ? ": " + problem.getCause().getMessage() : ".");
        };
        OpenAiError error = new OpenAiError(status, message, status >= 500 ? "api_error" : "invalid_request_error",
                null, null);
        Response.ResponseBuilder answer = Response.status(status).type(MediaType.APPLICATION_JSON)
                .entity(error.toNode().toString());
        if (allow != null) {
            answer.header(HttpHeaders.ALLOW, allow);
        }
        return answer.build();
    }
}
