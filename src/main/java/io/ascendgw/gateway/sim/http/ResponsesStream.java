package io.ascendgw.gateway.sim.http;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;

import io.ascendgw.gateway.sim.engine.ChoiceDelta;
import io.ascendgw.gateway.sim.engine.EngineLoop;
import io.ascendgw.gateway.sim.engine.GenerationListener;
import io.ascendgw.gateway.sim.engine.GenerationResult;
import io.ascendgw.gateway.sim.engine.SimRequest;
import io.ascendgw.gateway.sim.fault.Faults;
import io.ascendgw.gateway.sim.format.JsonText;
import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;

/**
 * Streams one Responses API request as vLLM does for a model without Harmony: typed events
 * ({@code event: <type>\ndata: <json>\n\n}, numbered by {@code sequence_number}, no {@code [DONE]}):
 * {@code response.created} and {@code response.in_progress} at once, the message item and its text part with the
 * first token, one {@code response.output_text.delta} per token, then the text, part and item done events and
 * {@code response.completed} with the whole response and its usage. As in vLLM the streamed item id is a bare UUID;
 * the message's one part is at content index 0 throughout, as OpenAI specifies and vLLM's later releases send (0.10
 * and 0.11 counted up with every event, which the SDKs' stream helpers refuse). A disconnect aborts the request.
 * Event-loop only, apart from the engine callbacks.
 */
final class ResponsesStream implements GenerationListener {

    private record Step(List<ChoiceDelta> deltas, GenerationResult result) {
    }

    private final Context context;
    private final HttpServerRequest request;
    private final HttpServerResponse response;
    private final ResponseObject object;
    private final Faults faults;
    private final BiConsumer<String, String> completed;
    private final ConcurrentLinkedQueue<Step> pending = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private final StringBuilder text = new StringBuilder();
    private String itemId;
    private String openType;
    private int sequence;
    private int tokenEvents;
    private boolean closed;

    /** {@code completed} gets the final response object and the answer's text once the stream has ended. */
    ResponsesStream(Context context, HttpServerRequest request, ResponseObject object, Faults faults,
            BiConsumer<String, String> completed) {
        this.context = context;
        this.request = request;
        this.response = request.response();
        this.object = object;
        this.faults = faults;
        this.completed = completed;
    }

    /** Event loop: the 200, the SSE headers and the two opening events, before the engine has a token. */
    void open() {
        response.setChunked(true);
        response.headers().set(HttpHeaders.CONTENT_TYPE, Responses.EVENT_STREAM);
        String initial = object.inProgress();
        StringBuilder sb = new StringBuilder(2 * initial.length() + 160);
        event(sb, "response.created").append("{\"response\":").append(initial);
        end(sb);
        event(sb, "response.in_progress").append("{\"response\":").append(initial);
        end(sb);
        response.write(Buffer.buffer(sb.toString()));
    }

    /** Event loop: watches the connection so a disconnect aborts {@code simRequest} at once. */
    void attach(SimRequest simRequest, EngineLoop engine) {
        response.closeHandler(v -> {
            closed = true;
            engine.abort(simRequest);
        });
    }

    @Override
    public void onStep(List<ChoiceDelta> deltas, GenerationResult result) {
        pending.add(new Step(deltas, result));
        if (drainScheduled.compareAndSet(false, true)) {
            context.runOnContext(v -> drain());
        }
    }

    /** The engine died: the stream just stops, as a failed vLLM generator does. */
    @Override
    public void onFailed(String message) {
        context.runOnContext(v -> {
            if (!closed) {
                request.connection().close();
            }
        });
    }

    private void drain() {
        drainScheduled.set(false);
        if (closed || response.ended()) {
            pending.clear();
            return;
        }
        StringBuilder sb = new StringBuilder(512);
        Step step;
        int abortAfter = faults.abortStreamAfterTokens();
        while ((step = pending.poll()) != null) {
            for (ChoiceDelta d : step.deltas()) {
                delta(sb, d.text());
                if (abortAfter >= 0 && ++tokenEvents >= abortAfter) {
                    response.write(Buffer.buffer(sb.toString()));
                    request.connection().close();
                    return;
                }
            }
            if (step.result() != null) {
                finish(sb, step.result());
                return;
            }
        }
        if (sb.length() > 0) {
            response.write(Buffer.buffer(sb.toString()));
        }
    }

    /** vLLM skips empty deltas; the first one that is not opens the message item and its text part. */
    private void delta(StringBuilder sb, String piece) {
        if (piece.isEmpty()) {
            return;
        }
        if (itemId == null) {
            itemId = UUID.randomUUID().toString();
            event(sb, "response.output_item.added").append("{\"item\":");
            ResponseObject.message(sb, itemId, null, "in_progress").append(",\"output_index\":0");
            end(sb);
            part(sb, "response.content_part.added", "");
        }
        text.append(piece);
        event(sb, "response.output_text.delta").append("{\"content_index\":0,\"delta\":");
        JsonText.string(sb, piece).append(",\"item_id\":\"").append(itemId)
                .append("\",\"logprobs\":[],\"output_index\":0");
        end(sb);
    }

    private void finish(StringBuilder sb, GenerationResult result) {
        if (itemId != null) {
            String whole = text.toString();
            event(sb, "response.output_text.done").append("{\"content_index\":0,\"item_id\":\"").append(itemId)
                    .append("\",\"logprobs\":[],\"output_index\":0,\"text\":");
            JsonText.string(sb, whole);
            end(sb);
            part(sb, "response.content_part.done", whole);
            event(sb, "response.output_item.done").append("{\"item\":");
            ResponseObject.message(sb, itemId, whole, "completed").append(",\"output_index\":0");
            end(sb);
        }
        Usage usage = new Usage(result.promptTokens(), result.completionTokens(), result.cachedTokens());
        // The final object is built anew, as vLLM's is: its message gets a msg_ id of its own.
        String finalObject = object.completed("msg_" + RequestIds.random(), result.choices().get(0).text(), usage);
        event(sb, "response.completed").append("{\"response\":").append(finalObject);
        end(sb);
        response.end(Buffer.buffer(sb.toString()));
        completed.accept(finalObject, result.choices().get(0).text());
    }

    private void part(StringBuilder sb, String type, String partText) {
        event(sb, type).append("{\"content_index\":0,\"item_id\":\"").append(itemId)
                .append("\",\"output_index\":0,\"part\":");
        ResponseObject.outputText(sb, partText);
        end(sb);
    }

    /** Starts an event: its type line and the {@code data: } prefix; the caller writes the object's fields. */
    private StringBuilder event(StringBuilder sb, String type) {
        openType = type;
        return sb.append("event: ").append(type).append("\ndata: ");
    }

    /** Closes the event's object with its sequence number and type (pydantic's field order puts them last). */
    private void end(StringBuilder sb) {
        sb.append(",\"sequence_number\":").append(sequence++).append(",\"type\":\"").append(openType)
                .append("\"}\n\n");
    }
}
