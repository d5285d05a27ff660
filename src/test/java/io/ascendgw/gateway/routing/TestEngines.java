package io.ascendgw.gateway.routing;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import io.ascendgw.gateway.api.ApiEndpoint;
import io.ascendgw.gateway.api.InferenceRequest;
import io.ascendgw.gateway.api.RequestParser;
import io.ascendgw.gateway.engine.Engine;
import io.ascendgw.gateway.engine.EngineEndpoint;
import io.ascendgw.gateway.engine.EngineState;
import io.vertx.core.buffer.Buffer;

/** Real engines and requests for routing tests, in the states a test needs. */
public final class TestEngines {

    public static final String MODEL = "m";

    private TestEngines() {
    }

    /** A ready engine of pool {@code p} serving {@link #MODEL}. */
    public static Engine ready(String id) {
        return ready(id, "p", MODEL);
    }

    public static Engine ready(String id, String pool, String model) {
        Engine engine = new Engine(id, pool, new EngineEndpoint("127.0.0.1", 1), List.of(), true, Set.of(model));
        engine.transition(s -> ((EngineState.Starting) s).toReady(Instant.now()));
        return engine;
    }

    /** An engine still starting. */
    public static Engine starting(String id) {
        return new Engine(id, "p", new EngineEndpoint("127.0.0.1", 1), List.of(), true, Set.of(MODEL));
    }

    /** A chat request with one system and one user message. */
    public static RoutingRequest chat(String id, String system, String user) {
        return chat(id, system, user, null);
    }

    public static RoutingRequest chat(String id, String system, String user, String session) {
        String body = "{\"model\":\"" + MODEL + "\",\"messages\":[{\"role\":\"system\",\"content\":" + json(system)
                + "},{\"role\":\"user\",\"content\":" + json(user) + "}]}";
        return new RoutingRequest(id, parse(ApiEndpoint.CHAT, body), Set.of(), session);
    }

    /** A chat request for {@code model} (a base model or a LoRA adapter) with one user message. */
    public static RoutingRequest request(String model, String user) {
        String body = "{\"model\":" + json(model) + ",\"messages\":[{\"role\":\"user\",\"content\":" + json(user)
                + "}]}";
        return new RoutingRequest("r-" + model, parse(ApiEndpoint.CHAT, body), Set.of(), null);
    }

    public static InferenceRequest parse(ApiEndpoint endpoint, String body) {
        return RequestParser.parse(endpoint, Buffer.buffer(body));
    }

    /** A JSON string literal. */
    public static String json(String text) {
        return com.fasterxml.jackson.databind.node.TextNode.valueOf(text).toString();
    }

    /** {@code n} words of varied text, about five bytes each. */
    public static String words(int n, long seed) {
        StringBuilder sb = new StringBuilder();
        java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
        String[] vocabulary = {"alpha", "beta", "gamma", "delta", "omega", "river", "stone", "cloud", "north"};
        for (int i = 0; i < n; i++) {
            sb.append(vocabulary[random.nextInt(vocabulary.length)]).append(' ');
        }
        return sb.toString();
    }
}
