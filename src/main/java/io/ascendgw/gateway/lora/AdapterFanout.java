package io.ascendgw.gateway.lora;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;

import io.ascendgw.gateway.api.OpenAiError;
import io.ascendgw.gateway.api.OpenAiException;
import io.ascendgw.gateway.config.GatewayConfig;
import io.ascendgw.gateway.engine.Engine;
import io.ascendgw.gateway.engine.EngineRegistry;
import io.ascendgw.gateway.proxy.EngineErrors;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.Json;

/**
 * Loads a LoRA adapter on every ready engine of its model, or on none: when one engine refuses, the others unload it
 * again and the client gets that engine's error. Unloads it from every engine that serves it. Either way the engines'
 * model lists are re-read before the answer, so a request for the adapter right after is routed by what is true
 * now. Non-blocking; any thread.
 */
@ApplicationScoped
public class AdapterFanout {

    private static final Logger LOG = Logger.getLogger(AdapterFanout.class);

    private final EngineRegistry registry;
    private final RuntimeAdapters adapters;
    private final AdapterCalls calls;

    @Inject
    public AdapterFanout(Vertx vertx, GatewayConfig config, EngineRegistry registry, RuntimeAdapters adapters) {
        this.registry = registry;
        this.adapters = adapters;
        this.calls = new AdapterCalls(vertx, config.proxy().firstByteTimeout().toMillis(),
                config.security().engineAuthorization().orElse(null));
    }

    /**
     * Succeeds with vLLM's success line; fails with an {@link OpenAiException}. Without {@code base_model_name} every
     * ready engine is asked, and the engines of a model that all decline adapters (no {@code --enable-lora}, or runtime
     * loading not allowed: an embedding pool, say) are left out, as long as some model's engines take it.
     */
    Future<String> load(AdapterRequest request, String authorization, String requestId) {
        List<Engine> ready = registry.all().stream().filter(Engine::routable).toList();
        String base = request.baseModel();
        List<Engine> targets = base == null ? ready : ready.stream().filter(e -> e.serves(base)).toList();
        if (ready.isEmpty()) {
            return Future.failedFuture(new OpenAiException(OpenAiError.noEngine(base != null ? base : "(any)")));
        }
        if (targets.isEmpty()) {
            OpenAiError unknown = OpenAiError.modelNotFound(base);
            return Future.failedFuture(new OpenAiException(new OpenAiError(404, unknown.message(), unknown.type(),
                    "base_model_name", unknown.code())));
        }
        List<Future<AdapterCalls.Reply>> sent = new ArrayList<>();
        targets.forEach(e -> sent.add(calls.post(e, AdapterCalls.LOAD, request.body(), authorization, requestId)));
        return Future.join(sent).compose(all -> {
            List<AdapterCalls.Reply> replies = sent.stream().map(Future::result).toList();
            List<AdapterCalls.Reply> counted = base == null ? takers(replies) : replies;
            List<AdapterCalls.Reply> refused = counted.stream().filter(r -> !r.succeeded() && !r.alreadyLoaded())
                    .toList();
            List<AdapterCalls.Reply> loaded = counted.stream().filter(AdapterCalls.Reply::succeeded).toList();
            if (!refused.isEmpty()) {
                LOG.warnf("LoRA adapter %s not loaded: %s", request.name(), engineError(refused.get(0)).message());
                return undo(loaded, request.name(), authorization, requestId)
                        .compose(v -> Future.failedFuture(new OpenAiException(engineError(refused.get(0)))));
            }
            if (loaded.isEmpty()) {
                // every engine had it already: vLLM's own answer
                return Future.failedFuture(new OpenAiException(engineError(counted.get(0))));
            }
            List<Engine> holders = counted.stream().map(AdapterCalls.Reply::engine).toList();
            Set<String> models = new LinkedHashSet<>();
            holders.forEach(e -> models.add(ownModel(e)));
            adapters.put(new RuntimeAdapters.Adapter(request.name(), Set.copyOf(models), request.body(),
                    authorization));
            LOG.infof("LoRA adapter %s (%s) loaded on %s", request.name(), String.join(", ", models), ids(holders));
            return refresh(holders).map("Success: LoRA adapter '" + request.name() + "' added successfully.");
        });
    }

    /**
     * The replies that count: those of every model whose engines did not all decline adapters; all of them when no
     * model's engines take adapters (their refusal is then the answer).
     */
    private static List<AdapterCalls.Reply> takers(List<AdapterCalls.Reply> replies) {
        Set<String> declining = new LinkedHashSet<>();
        replies.forEach(r -> declining.add(ownModel(r.engine())));
        replies.stream().filter(r -> !r.declinesAdapters()).forEach(r -> declining.remove(ownModel(r.engine())));
        List<AdapterCalls.Reply> counted = replies.stream().filter(r -> !declining.contains(ownModel(r.engine())))
                .toList();
        return counted.isEmpty() ? replies : counted;
    }

    /** Succeeds with vLLM's success line; fails with an {@link OpenAiException}. */
    Future<String> unload(AdapterRequest request, String authorization, String requestId) {
        List<Engine> targets = registry.all().stream().filter(e -> e.routable() && e.serves(request.name())).toList();
        boolean known = adapters.contains(request.name());
        adapters.remove(request.name());
        if (targets.isEmpty()) {
            return known ? Future.succeededFuture(removed(request.name()))
                    : Future.failedFuture(new OpenAiException(new OpenAiError(404, "The lora adapter '"
                            + request.name() + "' cannot be found.", "NotFoundError", "lora_name", 404)));
        }
        List<Future<AdapterCalls.Reply>> sent = new ArrayList<>();
        targets.forEach(e -> sent.add(calls.post(e, AdapterCalls.UNLOAD, request.body(), authorization, requestId)));
        return Future.join(sent).compose(all -> {
            // an engine that no longer has it (restarted meanwhile) is what an unload wants; one whose unload
            // endpoint is off (vLLM's bare 404) still has it
            List<AdapterCalls.Reply> refused = sent.stream().map(Future::result)
                    .filter(r -> !r.succeeded() && (r.status() != 404 || r.declinesAdapters())).toList();
            LOG.infof("LoRA adapter %s unloaded from %s", request.name(), ids(targets));
            return refresh(targets).compose(v -> refused.isEmpty() ? Future.succeededFuture(removed(request.name()))
                    : Future.failedFuture(new OpenAiException(engineError(refused.get(0)))));
        });
    }

    /**
     * Loads the runtime adapters of an engine's model on an engine that became ready (a restarted engine has
     * forgotten them; a new one never had them), and logs the outcome. Until then its model list lacks them, so their
     * requests go to the other engines. Never fails.
     */
    Future<Void> restore(Engine engine) {
        List<RuntimeAdapters.Adapter> mine = adapters.forEngine(engine);
        if (mine.isEmpty()) {
            return Future.succeededFuture();
        }
        List<Future<AdapterCalls.Reply>> sent = new ArrayList<>();
        mine.forEach(a -> sent.add(calls.post(engine, AdapterCalls.LOAD, a.loadBody(), a.authorization(), null)));
        return Future.join(sent).compose(all -> refresh(List.of(engine))).onComplete(v -> {
            List<String> restored = new ArrayList<>();
            for (int i = 0; i < mine.size(); i++) {
                AdapterCalls.Reply reply = sent.get(i).result();
                if (reply.succeeded() || reply.alreadyLoaded()) {
                    restored.add(mine.get(i).name());
                } else {
                    LOG.warnf("engine %s: LoRA adapter %s could not be loaded again: %s", engine.id(),
                            mine.get(i).name(), engineError(reply).message());
                }
            }
            if (!restored.isEmpty()) {
                LOG.infof("engine %s: LoRA adapters %s loaded again", engine.id(), restored);
            }
        });
    }

    /** The model an engine serves itself (the first model it lists that is not an adapter), which adapters adapt. */
    private static String ownModel(Engine engine) {
        for (JsonNode card : engine.models().cards()) {
            String id = card.path("id").asText();
            if (!engine.models().isAdapter(id)) {
                return id;
            }
        }
        return engine.modelNames().isEmpty() ? engine.id() : engine.modelNames().iterator().next();
    }

    private Future<Void> undo(List<AdapterCalls.Reply> loaded, String name, String authorization, String requestId) {
        Buffer body = Buffer.buffer("{\"lora_name\":" + Json.encode(name) + "}");
        List<Future<AdapterCalls.Reply>> sent = new ArrayList<>();
        loaded.forEach(r -> sent.add(calls.post(r.engine(), AdapterCalls.UNLOAD, body, authorization, requestId)));
        return Future.join(sent).mapEmpty();
    }

    private Future<Void> refresh(List<Engine> engines) {
        List<Future<Void>> reads = new ArrayList<>();
        for (Engine engine : engines) {
            reads.add(calls.models(engine).map(models -> {
                if (!models.ids().isEmpty()) {
                    engine.models(models);
                }
                return (Void) null;
            }).otherwiseEmpty());
        }
        return Future.join(reads).mapEmpty();
    }

    /** An engine's refusal in OpenAI's shape, naming the engine; a missing endpoint says how to enable it. */
    static OpenAiError engineError(AdapterCalls.Reply reply) {
        String engine = reply.engine().id();
        if (reply.status() == 0) {
            return OpenAiError.upstreamUnavailable("engine " + engine + ": " + reply.body());
        }
        if (reply.status() == 404 && reply.body().toString().contains("\"detail\"")) {
            return new OpenAiError(404, "Engine " + engine + " does not load LoRA adapters at run time; start it with"
                    + " --enable-lora and the environment variable VLLM_ALLOW_RUNTIME_LORA_UPDATING=True.",
                    "invalid_request_error", null, "lora_updates_disabled");
        }
        OpenAiError error = EngineErrors.normalise(reply.status(), reply.body());
        return new OpenAiError(error.status(), error.message() + " (engine " + engine + ")", error.type(),
                error.param(), error.code());
    }

    private static List<String> ids(List<Engine> engines) {
        return engines.stream().map(Engine::id).toList();
    }

    private static String removed(String name) {
        return "Success: LoRA adapter '" + name + "' removed successfully.";
    }

    @PreDestroy
    void close() {
        calls.close();
    }
}
