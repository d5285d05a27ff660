package io.ascendgw.gateway.sim.http;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.ascendgw.gateway.sim.VllmArgs;
import io.ascendgw.gateway.sim.engine.PromptSpec;
import io.ascendgw.gateway.sim.engine.SamplingSpec;
import io.ascendgw.gateway.sim.engine.SimRequest;
import io.ascendgw.gateway.sim.images.ChatMedia;
import io.ascendgw.gateway.sim.structured.OutputStructure;
import io.ascendgw.gateway.sim.text.ChatRenderer;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;

/**
 * OpenAI's Responses API as vLLM 0.10+ serves it for a model without Harmony: {@code POST /v1/responses} renders
 * the instructions (as a system message) and the input (a string, or message items) with the chat template and
 * generates one answer, whole or as typed events ({@link ResponsesStream}). vLLM's response store is off unless
 * {@code VLLM_ENABLE_RESPONSES_API_STORE=1} turns it on: off, {@code store} is ignored and
 * {@code previous_response_id}, {@code GET /v1/responses/{id}} and its {@code /cancel} find nothing (404); on, each
 * response is kept ({@link ResponseStore}) and can be continued and read back, and cancelling a finished one is
 * refused. Tools need Harmony, so they are refused; background mode is not simulated. {@code input_image} parts are
 * images, as in chat. Event-loop only; never blocks.
 */
final class ResponsesRoute {

    /** Where 0.10+ logs an unexpected failure of this endpoint. */
    private static final String LOG_LOCATION = "serving_responses.py:266";

    private final ServerContext ctx;
    private final ObjectMapper mapper;
    private final ErrorBodies errors;
    private final RequestValidator validator;
    private final PromptEncoder encoder;
    private final ResponseStore store;
    private final MediaResolver media;

    private record Call(String model, List<ChatRenderer.Message> messages, String instructions, Integer maxOutputTokens,
            Double temperature, Double topP, boolean stream, boolean store, boolean background, String previousId,
            boolean tools, Long seed, String user, String requestId, JsonNode text, OutputStructure structure,
            ChatMedia media) {
    }

    ResponsesRoute(ServerContext ctx, ObjectMapper mapper, ResponseStore store, MediaResolver media) {
        this.ctx = ctx;
        this.media = media;
        this.mapper = mapper;
        this.errors = new ErrorBodies(ctx.dialect());
        this.validator = new RequestValidator(ctx.dialect(), ctx.args().vllm().maxModelLen(), errors);
        this.encoder = new PromptEncoder(ctx.args().vllm().blockSize(), ctx.args().prefixCaching());
        this.store = ctx.args().vllm().responsesStore() ? store : null;
    }

    /** {@code POST /v1/responses}. */
    void create(HttpServerRequest req) {
        long arrival = System.nanoTime();
        JsonEndpoint.serve(ctx, errors, req, LOG_LOCATION, body -> process(req, body, arrival));
    }

    /** {@code GET /v1/responses/{id}}: the stored response, else 404. */
    void retrieve(HttpServerRequest req, String id) {
        ResponseStore.Stored stored = store == null ? null : store.get(id);
        if (stored == null) {
            ApiError e = notFound(id);
            Responses.json(req.response(), e.status(), e.body());
            return;
        }
        Responses.json(req.response(), 200, stored.json());
    }

    /** {@code POST /v1/responses/{id}/cancel}: 404, or 400 since every stored response has finished. */
    void cancel(HttpServerRequest req, String id) {
        ApiError e = store == null || store.get(id) == null ? notFound(id)
                : errors.error(400, "invalid_request_error", "Cannot cancel a synchronous response.");
        Responses.json(req.response(), e.status(), e.body());
    }

    private void process(HttpServerRequest req, Buffer raw, long arrival) {
        Call call = parse(raw);
        VllmArgs vllm = ctx.args().vllm();
        if (vllm.pooling()) {
            throw errors.badRequest("The model does not support Responses API");
        }
        ServerContext.ServedModel served = ctx.served(call.model());
        if (served == null) {
            throw errors.error(404, "NotFoundError", "The model `" + call.model() + "` does not exist.");
        }
        if (ctx.faults().dead()) {
            throw errors.engineDead();
        }
        if (call.store() && call.background()) {
            throw errors.badRequest(store != null ? "The simulator does not simulate background mode."
                    : "This vLLM engine does not support `store=True` and therefore does not support the background "
                    + "mode. To enable these features, set the environment variable "
                    + "`VLLM_ENABLE_RESPONSES_API_STORE=1` when launching the vLLM server.");
        }
        List<ChatRenderer.Message> messages = conversation(call);
        if (call.tools()) {
            // vLLM answers its NotImplementedError as "<error> <cause>", and the cause is None.
            throw errors.badRequest("Tool use is not supported in Responses API without Harmony None");
        }
        if (call.media().any()) {
            // the input's messages come last in the conversation
            ChatMedia inConversation = call.media().after(messages.size() - call.messages().size());
            JsonEndpoint.after(media.render(inConversation, messages), ctx, errors, req, LOG_LOCATION, rendered -> {
                if (rendered.engineRefusal() != null) {
                    throw errors.badRequest(rendered.engineRefusal());
                }
                respond(req, call, served, rendered.messages(), arrival);
            });
            return;
        }
        respond(req, call, served, messages, arrival);
    }

    /** Generates the answer to a conversation whose messages are text. */
    private void respond(HttpServerRequest req, Call call, ServerContext.ServedModel served,
            List<ChatRenderer.Message> messages, long arrival) {
        VllmArgs vllm = ctx.args().vllm();
        PromptSpec prompt = GenerationRoute.forModel(served, encoder.text(ChatRenderer.render(messages, true)));
        if (prompt.tokens() >= vllm.maxModelLen()) {
            throw errors.error(400, "invalid_request_error", "The engine prompt length " + prompt.tokens()
                    + " exceeds the max_model_len " + vllm.maxModelLen() + ". Please reduce prompt.");
        }
        int maxTokens = validator.checkLength(prompt.tokens(), call.maxOutputTokens());
        if (!JsonEndpoint.survivesFaults(ctx, errors)) {
            return;
        }
        String id = call.requestId() != null ? call.requestId() : "resp_" + RequestIds.random();
        ResponseObject object = new ResponseObject(id, System.currentTimeMillis() / 1000, served.name(),
                call.instructions(), call.temperature() == null ? 1.0 : call.temperature(),
                call.topP() == null ? 1.0 : call.topP(), maxTokens, call.previousId(), call.user(),
                call.text() == null ? null : call.text().toString());
        SamplingSpec sampling = new SamplingSpec(1, maxTokens, 0, false, List.of(), false,
                call.seed() != null ? call.seed() : ctx.args().sim().seed(), false, vllm.maxModelLen(), -1,
                call.structure(), false);
        String lora = served.adapter() == null ? null : served.adapter().name();
        // what a later request continuing this one starts from
        List<ChatRenderer.Message> conversation = List.copyOf(messages);
        BiConsumer<String, String> keep = (json, text) -> {
            if (store != null && call.store()) {
                store.put(id, new ResponseStore.Stored(conversation, text, json));
            }
        };
        if (call.stream()) {
            ResponsesStream stream = new ResponsesStream(Vertx.currentContext(), req, object, ctx.faults(), keep);
            SimRequest simRequest = new SimRequest(id, List.of(prompt), sampling, true, stream, arrival, lora);
            stream.attach(simRequest, ctx.engine());
            stream.open();
            ctx.engine().submit(simRequest);
            return;
        }
        JsonEndpoint.answerWhenDone(ctx, errors, req, id, List.of(prompt), sampling, arrival, lora, result -> {
            String text = result.choices().get(0).text();
            String json = object.completed("msg_" + RequestIds.random(), text,
                    new Usage(result.promptTokens(), result.completionTokens(), result.cachedTokens()));
            keep.accept(json, text);
            return json;
        });
    }

    /**
     * The conversation the engine renders, as vLLM builds it: the instructions as a system message, then, for a
     * continuation, the previous request's conversation and its answer (404 when it is not stored), then the input.
     */
    private List<ChatRenderer.Message> conversation(Call call) {
        ResponseStore.Stored previous = null;
        if (call.previousId() != null) {
            previous = store == null ? null : store.get(call.previousId());
            if (previous == null) {
                throw notFound(call.previousId());
            }
        }
        List<ChatRenderer.Message> messages = new ArrayList<>();
        if (call.instructions() != null && !call.instructions().isEmpty()) {
            messages.add(new ChatRenderer.Message("system", call.instructions()));
        }
        if (previous != null) {
            messages.addAll(previous.messages());
            messages.add(new ChatRenderer.Message("assistant", previous.output()));
        }
        messages.addAll(call.messages());
        return messages;
    }

    private ApiError notFound(String id) {
        return errors.error(404, "invalid_request_error", "Response with id '" + id + "' not found.");
    }

    /** The request, after the schema checks pydantic makes (types, the input's forms, the model validators). */
    private Call parse(Buffer raw) {
        JsonNode body = JsonEndpoint.readObject(mapper, errors, raw);
        SchemaErrors schema = new SchemaErrors();
        FieldReader f = new FieldReader(body, schema);
        ChatMedia.Builder media = new ChatMedia.Builder();
        List<ChatRenderer.Message> messages = input(body.get("input"), schema, media);
        Boolean store = f.bool("store");
        boolean background = Boolean.TRUE.equals(f.bool("background"));
        JsonNode tools = f.raw("tools");
        if (tools != null && !tools.isNull() && !tools.isArray()) {
            schema.add("list_type", "Input should be a valid list", "tools");
        }
        Call call = new Call(f.string("model"), messages, f.string("instructions"), f.intValue("max_output_tokens"),
                f.doubleValue("temperature"), f.doubleValue("top_p"), Boolean.TRUE.equals(f.bool("stream")),
                !Boolean.FALSE.equals(store), background, f.string("previous_response_id"),
                tools != null && tools.isArray() && !tools.isEmpty(), f.longValue("seed"), f.string("user"),
                f.string("request_id"), f.raw("text"), StructuredOutputs.textFormat(f.raw("text"), schema),
                media.build());
        if (!schema.any() && background && Boolean.FALSE.equals(store)) {
            schema.add("value_error", "Value error, background can only be used when `store` is true");
        }
        JsonNode prompt = f.raw("prompt");
        if (!schema.any() && prompt != null && !prompt.isNull()) {
            schema.add("value_error", "Value error, prompt template is not supported");
        }
        if (schema.any()) {
            throw errors.schema(schema.message());
        }
        return call;
    }

    /**
     * The input as chat messages: a string is one user message; a list holds message items ({@code role} and a
     * {@code content} that is a string or a list of text parts, with or without {@code "type":"message"}).
     */
    private static List<ChatRenderer.Message> input(JsonNode input, SchemaErrors schema, ChatMedia.Builder media) {
        if (input == null || input.isNull()) {
            schema.add("missing", "Field required", "input");
            return List.of();
        }
        if (input.isTextual()) {
            return List.of(new ChatRenderer.Message("user", input.textValue()));
        }
        if (!input.isArray()) {
            schema.add("string_type", "Input should be a valid string", "input", "str");
            return List.of();
        }
        List<ChatRenderer.Message> out = new ArrayList<>(input.size());
        for (int i = 0; i < input.size(); i++) {
            JsonNode item = input.get(i);
            JsonNode role = item.get("role");
            if (!item.isObject() || role == null || !role.isTextual()) {
                schema.add("missing", "Field required", "input", "list", i, "role");
                continue;
            }
            out.add(new ChatRenderer.Message(role.textValue(), text(item.get("content"), out.size(), media)));
        }
        return out;
    }

    /**
     * A message's content: a string, or the text of its parts ({@code input_text}, {@code output_text}); parts with
     * an {@code input_image} are left to {@code media}.
     */
    private static String text(JsonNode content, int position, ChatMedia.Builder media) {
        if (content == null || content.isNull()) {
            return null;
        }
        return content.isTextual() ? content.textValue() : media.contentText(position, content);
    }
}
