package io.ascendgw.gateway.sim.http;

import java.util.UUID;
import java.util.function.BiConsumer;

import io.ascendgw.gateway.sim.engine.ChoiceDelta;
import io.ascendgw.gateway.sim.engine.GenerationResult;
import io.ascendgw.gateway.sim.fault.Faults;
import io.ascendgw.gateway.sim.format.JsonText;
import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;

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
final class ResponsesStream extends SseStream {

    private final ResponseObject object;
    private final BiConsumer<String, String> completed;
    private final StringBuilder text = new StringBuilder();
    private String itemId;
    private String openType;
    private int sequence;

    /** {@code completed} gets the final response object and the answer's text once the stream has ended. */
    ResponsesStream(Context context, HttpServerRequest request, ResponseObject object, Faults faults,
            BiConsumer<String, String> completed) {
        super(context, request, faults);
        this.object = object;
        this.completed = completed;
    }

    /** {@code response.created} and {@code response.in_progress}, sent with the headers. */
    @Override
    protected String openingEvents() {
        String initial = object.inProgress();
        StringBuilder sb = new StringBuilder(2 * initial.length() + 160);
        event(sb, "response.created").append("{\"response\":").append(initial);
        end(sb);
        event(sb, "response.in_progress").append("{\"response\":").append(initial);
        end(sb);
        return sb.toString();
    }

    /** The engine died: the stream just stops, as a failed vLLM generator does. */
    @Override
    public void onFailed(String message) {
        onEventLoop(() -> {
            if (!closed()) {
                request.connection().close();
            }
        });
    }

    /** vLLM skips empty deltas; the first one that is not opens the message item and its text part. */
    @Override
    protected void token(StringBuilder sb, ChoiceDelta delta) {
        String piece = delta.text();
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

    @Override
    protected void finish(StringBuilder sb, GenerationResult result) {
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
