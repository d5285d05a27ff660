package io.ascendgw.gateway.bench;

import java.util.ArrayList;
import java.util.List;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Encodes a {@link PromptPlan} as an OpenAI request body: {@code max_tokens} with {@code ignore_eos} (so the output
 * has exactly that many tokens, as vLLM's benchmark does) and, when streaming, {@code stream_options.include_usage}
 * so token counts come from the server; with images, the user message is image parts drawn from a pool by request
 * index, then the text. Thread-safe (immutable).
 */
final class RequestBodies {

    private final Endpoint endpoint;
    private final String model;
    private final boolean stream;
    private final boolean ignoreEos;
    private final List<String> imagePool;
    private final int imagesPerRequest;

    RequestBodies(Endpoint endpoint, String model, boolean stream, boolean ignoreEos) {
        this(endpoint, model, stream, ignoreEos, List.of(), 0);
    }

    /** Bodies whose chat messages carry {@code imagesPerRequest} of the {@code imagePool} URLs each. */
    RequestBodies(Endpoint endpoint, String model, boolean stream, boolean ignoreEos, List<String> imagePool,
            int imagesPerRequest) {
        this.endpoint = endpoint;
        this.model = model;
        this.stream = stream;
        this.ignoreEos = ignoreEos;
        this.imagePool = List.copyOf(imagePool);
        this.imagesPerRequest = imagePool.isEmpty() ? 0 : imagesPerRequest;
    }

    /**
     * The JSON body for one request: the plan's own model when it drew one, else the run's model; a replayed
     * request's recorded messages (or prompt) and fields.
     */
    Buffer encode(PromptPlan plan) {
        JsonObject body = new JsonObject().put("model", plan.model().orElse(model));
        if (endpoint == Endpoint.CHAT) {
            body.put("messages", plan.recorded().map(r -> new JsonArray(new ArrayList<Object>(r.messages())))
                    .orElseGet(() -> generatedMessages(plan)));
        } else {
            body.put("prompt", plan.completionPrompt());
        }
        plan.recorded().ifPresent(r -> r.fields().forEach(field -> body.put(field.getKey(), field.getValue())));
        body.put("max_tokens", plan.maxTokens());
        if (ignoreEos) {
            body.put("ignore_eos", true);
        }
        body.put("stream", stream);
        if (stream) {
            body.put("stream_options", new JsonObject().put("include_usage", true));
        }
        return body.toBuffer();
    }

    private JsonArray generatedMessages(PromptPlan plan) {
        JsonArray messages = new JsonArray();
        if (!plan.prefix().isEmpty()) {
            messages.add(new JsonObject().put("role", "system").put("content", plan.prefix()));
        }
        return messages.add(new JsonObject().put("role", "user").put("content", userContent(plan)));
    }

    private Object userContent(PromptPlan plan) {
        if (imagesPerRequest == 0) {
            return plan.user();
        }
        JsonArray parts = new JsonArray();
        // Consecutive pool entries from a point the index scatters: requests differ, and the pool's size sets how
        // often a picture comes back.
        int first = (int) Math.floorMod(mix(plan.index()), (long) imagePool.size());
        for (int i = 0; i < imagesPerRequest; i++) {
            String url = imagePool.get((first + i) % imagePool.size());
            parts.add(new JsonObject().put("type", "image_url").put("image_url", new JsonObject().put("url", url)));
        }
        // The question after the pictures, so questions about one picture share its prefix (and vLLM's cache of it).
        return parts.add(new JsonObject().put("type", "text").put("text", plan.user()));
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
