package io.ascendgw.gateway.admin;

import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.ascendgw.gateway.api.OpenAiError;
import io.ascendgw.gateway.engine.EngineProcess;
import io.ascendgw.gateway.engine.EngineRegistry;
import io.ascendgw.gateway.engine.EngineSupervisor;
import io.ascendgw.gateway.engine.PoolSettings;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;

/**
 * Operators' view and controls of the engines: list, logs, restart, drain, scale. Protected by the admin key when
 * one is configured ({@link AdminAuthFilter}).
 */
@Path("/admin")
@Produces(MediaType.APPLICATION_JSON)
public class AdminResource {

    @Inject
    EngineRegistry registry;

    @Inject
    EngineSupervisor supervisor;

    /** Every engine with state, pid, NPUs, port, uptime, restarts, in-flight requests and last exit code. */
    @GET
    @Path("/engines")
    public List<EngineView> engines() {
        return registry.all().stream().map(EngineView::of).toList();
    }

    @GET
    @Path("/engines/{id}")
    public Response engine(@PathParam("id") String id) {
        return registry.byId(id).map(e -> Response.ok(EngineView.of(e)).build()).orElseGet(() -> notFound(id));
    }

    /** The last lines the engine printed (stdout and stderr), oldest first. */
    @GET
    @Path("/engines/{id}/logs")
    public Response logs(@PathParam("id") String id, @QueryParam("lines") @DefaultValue("100") String linesParam) {
        if (registry.byId(id).isEmpty()) {
            return notFound(id);
        }
        int lines = wholeNumber(linesParam).orElse(0);
        if (lines < 1) {
            return error(OpenAiError.invalidRequest("'lines' must be a whole number >= 1, got '" + linesParam + "'.",
                    "lines"));
        }
        List<String> all = supervisor.process(id).map(EngineProcess::recentLog).orElse(List.of());
        List<String> last = all.subList(Math.max(0, all.size() - lines), all.size());
        return Response.ok(Map.of("engine", id, "lines", last)).build();
    }

    @POST
    @Path("/engines/{id}/restart")
    public CompletionStage<Response> restart(@PathParam("id") String id) {
        return supervisor.restart(id).thenApply(found -> found ? accepted(id, "restarting") : notFound(id));
    }

    /** Stops routing to the engine, lets in-flight requests finish, then stops it. */
    @POST
    @Path("/engines/{id}/drain")
    public CompletionStage<Response> drain(@PathParam("id") String id) {
        return supervisor.drain(id).thenApply(found -> found ? accepted(id, "draining") : notFound(id));
    }

    @GET
    @Path("/pools")
    public List<PoolView> pools() {
        return supervisor.pools().values().stream().map(PoolView::of).toList();
    }

    /**
     * Restarts a pool's engines one at a time, each drained and back to ready before the next: no request is lost.
     * Answers at once; the admin engine list shows the progress.
     */
    @POST
    @Path("/pools/{pool}/restart")
    public Response restartPool(@PathParam("pool") String pool) {
        if (!supervisor.pools().containsKey(pool)) {
            return error(new OpenAiError(404, "No pool named '" + pool + "'.", "not_found_error", "pool", null));
        }
        supervisor.rollingRestart(pool);
        return Response.accepted(Map.of("pool", pool, "action", "rolling restart")).build();
    }

    /** Sets a pool's replica count at run time, within the NPUs the pool owns. */
    @POST
    @Path("/pools/{pool}/scale")
    @Consumes(MediaType.WILDCARD)
    public CompletionStage<Response> scale(@PathParam("pool") String pool, @QueryParam("replicas") String replicas,
            String body) {
        // Any content type and an empty body are fine: `curl -X POST …/scale?replicas=2` sends neither.
        Integer wanted;
        try {
            wanted = replicaCount(replicas, body);
        } catch (IllegalArgumentException e) {
            return CompletableFuture.completedFuture(error(OpenAiError.invalidRequest(e.getMessage(), "replicas")));
        }
        return supervisor.scale(pool, wanted)
                .thenApply(scaled -> Response.ok(PoolView.of(scaled)).build())
                .exceptionally(failure -> {
                    Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
                    int status = cause.getMessage() != null && cause.getMessage().startsWith("No pool") ? 404 : 400;
                    return error(new OpenAiError(status, cause.getMessage(), "invalid_request_error", "replicas",
                            null));
                });
    }

    /** The count from {@code ?replicas=N}, else from a {@code {"replicas":N}} body; 0 or more. */
    static int replicaCount(String query, String body) {
        String usage = "Give the replica count as ?replicas=N or {\"replicas\":N}";
        Object value = query;
        if (query == null) {
            if (body == null || body.isBlank()) {
                throw new IllegalArgumentException(usage + ".");
            }
            try {
                value = new JsonObject(body).getValue("replicas");
            } catch (DecodeException | ClassCastException e) {
                throw new IllegalArgumentException(usage + "; the body is not a JSON object.");
            }
        }
        if (value instanceof Integer n && n >= 0) {
            return n;
        }
        OptionalInt parsed = value instanceof String text ? wholeNumber(text) : OptionalInt.empty();
        if (parsed.isPresent()) {
            return parsed.getAsInt();
        }
        throw new IllegalArgumentException(usage + ", N a whole number >= 0; got " + (value == null ? "none"
                : value instanceof String ? "'" + value + "'" : value) + ".");
    }

    /** A whole number written with up to nine digits (no sign, no exponent, no overflow), else empty. */
    private static OptionalInt wholeNumber(String text) {
        String digits = text.strip();
        return digits.matches("\\d{1,9}") ? OptionalInt.of(Integer.parseInt(digits)) : OptionalInt.empty();
    }

    /** A pool as the admin API shows it. */
    public record PoolView(String name, String model, List<String> servedModels, int replicas, int npusPerReplica,
            List<Integer> devices, int maxReplicas) {
        static PoolView of(PoolSettings pool) {
            return new PoolView(pool.name(), pool.model(), pool.expectedModels(), pool.replicas(),
                    pool.npusPerReplica(), pool.devices(), pool.maxReplicas());
        }
    }

    private static Response accepted(String id, String what) {
        return Response.accepted(Map.of("engine", id, "action", what)).build();
    }

    private static Response notFound(String id) {
        return error(new OpenAiError(404, "No engine with id '" + id + "'.", "not_found_error", "id", null));
    }

    private static Response error(OpenAiError error) {
        return Response.status(error.status()).type(MediaType.APPLICATION_JSON)
                .entity(error.toNode().toString()).build();
    }
}
