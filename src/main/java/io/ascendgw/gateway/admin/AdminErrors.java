package io.ascendgw.gateway.admin;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotSupportedException;
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

    /**
     * Not {@code NotFoundException}: with a mapper for it the REST layer would answer every path it does not know
     * instead of passing it on to the gateway's other routes (the OpenAI endpoints are Vert.x routes).
     */
    @ServerExceptionMapper({NotAllowedException.class, NotSupportedException.class, BadRequestException.class,
        NotAcceptableException.class})
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
        String code = switch (status) {
            case 405 -> "method_not_allowed";
            case 415 -> "unsupported_media_type";
            default -> null;
        };
        OpenAiError error = new OpenAiError(status, message, "invalid_request_error", null, code);
        Response.ResponseBuilder answer = Response.status(status).type(MediaType.APPLICATION_JSON)
                .entity(error.toNode().toString());
        if (allow != null) {
            answer.header(HttpHeaders.ALLOW, allow);
        }
        return answer.build();
    }
}
