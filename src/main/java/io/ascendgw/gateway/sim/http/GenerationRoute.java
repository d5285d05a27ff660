package io.ascendgw.gateway.sim.http;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.ascendgw.gateway.sim.VllmArgs;
import io.ascendgw.gateway.sim.engine.GenerationListener;
import io.ascendgw.gateway.sim.engine.PromptSpec;
import io.ascendgw.gateway.sim.engine.SamplingSpec;
import io.ascendgw.gateway.sim.engine.SimRequest;
import io.ascendgw.gateway.sim.lora.LoraAdapters.Adapter;
import io.ascendgw.gateway.sim.text.ChatRenderer;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;

/**
 * {@code POST /v1/chat/completions} and {@code POST /v1/completions}: parse, validate in vLLM's order (schema,
 * model, engine state, length, sampling), apply injected faults, then hand the request to the engine with a
 * streaming or non-streaming responder. Event-loop only; never blocks.
 */
final class GenerationRoute {

    private static final String LOG_LOCATION = "serving_chat.py:1208";

    private final ServerContext ctx;
    private final RequestParser parser;
    private final ErrorBodies errors;
    private final RequestValidator validator;
    private final PromptEncoder encoder;
    private final WireFormat chatWire;
    private final WireFormat completionWire;
    private final boolean logRequests;
    private final MediaResolver media;

    GenerationRoute(ServerContext ctx, ObjectMapper mapper, MediaResolver media) {
        this.media = media;
        this.ctx = ctx;
        this.errors = new ErrorBodies(ctx.dialect());
        this.parser = new RequestParser(mapper, errors, ctx.dialect());
        this.validator = new RequestValidator(ctx.dialect(), ctx.args().vllm().maxModelLen(), errors);
        this.encoder = new PromptEncoder(ctx.args().vllm().blockSize(), ctx.args().prefixCaching());
        this.chatWire = new ChatWire(ctx.dialect().v011Shapes());
        this.completionWire = new CompletionWire(ctx.dialect().v011Shapes());
        this.logRequests = ctx.args().logRequests();
    }

    void handle(HttpServerRequest req, boolean chat) {
        long arrival = System.nanoTime();
        JsonEndpoint.serve(ctx, errors, req, LOG_LOCATION, body -> process(req, body, chat, arrival));
    }

    private void process(HttpServerRequest req, Buffer body, boolean chat, long arrival) {
        VllmArgs vllm = ctx.args().vllm();
        GenerationCall call = parser.parse(body.getBytes(), chat);
        if (vllm.pooling()) {
            throw errors.badRequest("The model does not support " + (chat ? "Chat Completions" : "Completions")
                    + " API");
        }
        ServerContext.ServedModel served = ctx.served(call.model());
        if (served == null) {
            throw errors.error(404, "NotFoundError", "The model `" + call.model() + "` does not exist.");
        }
        if (ctx.faults().dead()) {
            throw errors.engineDead();
        }
        if (call.media().any()) {
            // vLLM refuses a tool choice it cannot serve before it reads the messages' media
            ToolPlan.of(call.tools(), call.toolChoice(), call.namedTool(), call.messages(), 0, 0,
                    call.parallelToolCalls(), ctx.dialect(), vllm.enableAutoToolChoice(), errors);
            JsonEndpoint.after(media.render(call.media(), call.messages()), ctx, errors, req, LOG_LOCATION,
                    rendered -> generate(req, call.withMessages(rendered.messages()), chat, served, arrival,
                            rendered.engineRefusal()));
            return;
        }
        generate(req, call, chat, served, arrival, null);
    }

    /** The rest of a request once its messages are text: prompt, checks, faults, then the engine. */
    private void generate(HttpServerRequest req, GenerationCall call, boolean chat, ServerContext.ServedModel served,
            long arrival, String mediaRefusal) {
        VllmArgs vllm = ctx.args().vllm();
        List<PromptSpec> prompts = new ArrayList<>();
        long seed = call.seed() != null ? call.seed() : ctx.args().sim().seed();
        ToolPlan toolCall = null;
        if (chat) {
            prompts.add(forModel(served, encoder.text(ChatRenderer.render(call.messages(),
                    call.tools().stream().map(ToolPlan.Tool::definition).toList(), call.addGenerationPrompt()))));
            toolCall = ToolPlan.of(call.tools(), call.toolChoice(), call.namedTool(), call.messages(),
                    prompts.get(0).contentHash(), seed, call.parallelToolCalls(), ctx.dialect(),
                    vllm.enableAutoToolChoice(), errors);
        } else {
            for (GenerationCall.Prompt p : call.prompts()) {
                prompts.add(forModel(served, encoder.encode(p)));
            }
        }
        Integer requested = call.maxTokens() != null || chat ? call.maxTokens() : Integer.valueOf(16);
        // echo with max_tokens 0 returns the prompt alone; vLLM still generates one token (and counts it)
        boolean echoOnly = !chat && call.echo() && requested != null && requested == 0;
        if (echoOnly) {
            requested = 1;
        }
        int maxTokens = Integer.MAX_VALUE;
        for (PromptSpec p : prompts) {
            maxTokens = Math.min(maxTokens, validator.checkLength(p.tokens(), requested));
        }
        int n = call.n() == null ? 1 : call.n();
        int minTokens = call.minTokens() == null ? 0 : call.minTokens();
        validator.checkSampling(call, n, maxTokens, minTokens);
        if (!JsonEndpoint.survivesFaults(ctx, errors)) {
            return;
        }
        String id = (chat ? "chatcmpl-" : "cmpl-") + requestId(req, call, chat);
        RequestMeta meta = new RequestMeta(id, System.currentTimeMillis() / 1000, served.name());
        int logprobs = call.logprobs() == null || call.logprobs() < 0 ? -1 : call.logprobs();
        // a reasoning model thinks unless the chat template is told not to (Qwen3's enable_thinking: false)
        boolean thinking = chat && vllm.reasoning() && !call.thinkingDisabled();
        // a tool call's arguments are generated under its parameters' schema, as vLLM guides them
        SamplingSpec sampling = new SamplingSpec(n, maxTokens, minTokens, call.ignoreEos(), call.stop(),
                call.includeStopStr(), seed, !chat, vllm.maxModelLen(), logprobs,
                toolCall != null ? toolCall.arguments() : call.structure(), thinking);
        Echoes echoes = call.echo() ? Echoes.of(call, prompts, n, echoOnly, logprobs) : Echoes.NONE;
        int choices = prompts.size() * n;
        boolean v011 = ctx.dialect().v011Shapes();
        WireFormat wire = !chat ? completionWire
                : toolCall != null ? new ToolCallWire(v011, toolCall, choices, thinking)
                : thinking ? new ChatWire(v011, choices) : chatWire;
        start(req, call, wire, meta, prompts, sampling, new ResponseExtras(echoes, Math.max(0, logprobs)), arrival,
                served.adapter(), mediaRefusal);
    }

    /** An adapter's prompt hashes (its prefix cache, its answers) are its own. */
    static PromptSpec forModel(ServerContext.ServedModel served, PromptSpec prompt) {
        return served.adapter() == null ? prompt : prompt.salted(served.adapter().salt());
    }

    private void start(HttpServerRequest req, GenerationCall call, WireFormat wire, RequestMeta meta,
            List<PromptSpec> prompts, SamplingSpec sampling, ResponseExtras extras, long arrival, Adapter adapter,
            String mediaRefusal) {
        VllmArgs vllm = ctx.args().vllm();
        Context context = Vertx.currentContext();
        boolean details = vllm.enablePromptTokensDetails();
        // Checked by the engine, not the HTTP layer: a stream has already started when they fail. The engine checks
        // the sampling parameters before its multimodal processor resizes the images.
        String engineRefusal = validator.engineSideError(call, vllm.maxLogprobs());
        if (engineRefusal == null) {
            engineRefusal = mediaRefusal;
        }
        if (!call.stream()) {
            if (engineRefusal != null) {
                throw errors.badRequest(engineRefusal);
            }
            NonStreamingResponder responder = new NonStreamingResponder(context, req.response(), wire, meta, extras,
                    errors, details);
            submit(meta, prompts, sampling, false, responder, arrival, adapter,
                    (r) -> responder.attach(r, ctx.engine()));
            return;
        }
        int promptTokens = 0;
        for (PromptSpec p : prompts) {
            promptTokens += p.tokens();
        }
        boolean finalUsage = call.streamOptions() && (call.includeUsage() || vllm.enableForceIncludeUsage());
        StreamingResponder.UsageMode usage = new StreamingResponder.UsageMode(finalUsage,
                call.streamOptions() && call.continuousUsage(), promptTokens,
                prompts.size() * sampling.n());
        StreamingResponder responder = new StreamingResponder(context, req, wire, meta, usage, extras, errors,
                ctx.faults(), details);
        responder.open();
        if (engineRefusal != null) {
            responder.failInBand(400, "BadRequestError", engineRefusal);
            return;
        }
        submit(meta, prompts, sampling, true, responder, arrival, adapter, (r) -> responder.attach(r, ctx.engine()));
    }

    private void submit(RequestMeta meta, List<PromptSpec> prompts, SamplingSpec sampling, boolean stream,
            GenerationListener listener, long arrival, Adapter adapter, Consumer<SimRequest> attach) {
        SimRequest simRequest = new SimRequest(meta.id(), prompts, sampling, stream, listener, arrival,
                adapter == null ? null : adapter.name());
        attach.accept(simRequest);
        if (logRequests) {
            logReceived(meta.id(), prompts, sampling, adapter);
        }
        ctx.engine().submit(simRequest);
    }

    private void logReceived(String id, List<PromptSpec> prompts, SamplingSpec s, Adapter adapter) {
        int tokens = prompts.stream().mapToInt(PromptSpec::tokens).sum();
        ctx.log().info("logger.py:43", "Received request " + id + ": prompt: <" + tokens + " tokens not logged>, "
                + "params: SamplingParams(n=" + s.n() + ", seed=" + s.seed() + ", stop=" + s.stop() + ", ignore_eos="
                + (s.ignoreEos() ? "True" : "False") + ", max_tokens=" + s.maxTokens() + ", min_tokens="
                + s.minTokens() + "), lora_request: " + (adapter == null ? "None" : "LoRARequest(lora_name='"
                + adapter.name() + "', lora_path='" + adapter.path() + "')") + ".");
        ctx.log().info(ctx.dialect().legacy() ? "engine.py:275" : "async_llm.py:332", "Added request " + id + ".");
    }

    private String requestId(HttpServerRequest req, GenerationCall call, boolean chat) {
        String header = req.getHeader("X-Request-Id");
        if (header != null && !header.isEmpty()) {
            return header;
        }
        if (call.bodyRequestId() != null && (chat || !ctx.dialect().legacy())) {
            return call.bodyRequestId();
        }
        return RequestIds.random();
    }
}
