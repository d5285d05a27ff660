package io.ascendgw.gateway.sim.http;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.ascendgw.gateway.media.QwenVisionTokens;
import io.ascendgw.gateway.sim.images.ChatMedia;
import io.ascendgw.gateway.sim.images.ImageFailure;
import io.ascendgw.gateway.sim.images.ImageLoader;
import io.ascendgw.gateway.sim.images.VisionSettings;
import io.ascendgw.gateway.sim.text.ChatRenderer;
import io.vertx.core.Future;

/**
 * The media of a chat (or Responses) request, handled as vLLM's chat preprocessing does: each media part is counted
 * against the model's limits in prompt order before anything is loaded (a text-only model takes none), then all
 * images load at once and the first failure answers. An image's tokens are Qwen2.5-VL's for its size; one whose
 * aspect ratio Qwen's processor refuses leaves a refusal for the engine to answer. One per event loop; never blocks.
 */
final class MediaResolver {

    /**
     * The messages with their images written in, and what the engine will refuse (null when nothing).
     *
     * @param messages        the messages, media parts rendered
     * @param engineRefusal   Qwen's processor's error for an image it cannot resize, else null
     */
    record Rendered(List<ChatRenderer.Message> messages, String engineRefusal) {
    }

    private final ServerContext ctx;
    private final ErrorBodies errors;
    private final ImageLoader loader;
    private final VisionSettings vision;

    MediaResolver(ServerContext ctx, ErrorBodies errors, ImageLoader loader) {
        this.ctx = ctx;
        this.errors = errors;
        this.loader = loader;
        this.vision = ctx.args().vllm().vision();
    }

    /** Refuses, with vLLM's 400, media the model does not take or more items than its limits allow. Event loop. */
    void checkCounts(ChatMedia media) {
        Map<String, Integer> counts = new HashMap<>();
        for (String modality : media.modalities()) {
            if (!vision.multimodal()) {
                throw errors.preprocessing(ctx.dialect().legacy() ? "This model does not support multi-modal inputs"
                        : ctx.args().vllm().model() + " is not a multimodal model", null);
            }
            int count = counts.merge(modality, 1, Integer::sum);
            // the simulated model takes images only: other modalities, as for a model without them, allow none
            int limit = modality.equals("image") ? vision.imageLimit() : 0;
            if (count > limit) {
                throw errors.preprocessing(ctx.dialect().processorMediaLimits()
                        ? "At most " + limit + " " + modality + "(s) may be provided in one prompt."
                        : "At most " + limit + " " + modality + "(s) may be provided in one request. You can set "
                                + "`--limit-mm-per-prompt` to increase this limit if the model supports it.", null);
            }
        }
    }

    /** Checks the counts, loads every image and writes the messages; fails with an {@link ApiError}. Event loop. */
    Future<Rendered> render(ChatMedia media, List<ChatRenderer.Message> messages) {
        checkCounts(media);
        List<Future<io.ascendgw.gateway.media.ImageSize>> sizes = new ArrayList<>();
        for (String url : media.imageUrls()) {
            sizes.add(loader.size(url));
        }
        return Future.all(sizes).transform(loaded -> {
            if (loaded.failed()) {
                return Future.failedFuture(apiError(loaded.cause()));
            }
            int[] tokens = new int[sizes.size()];
            String refusal = null;
            for (int i = 0; i < tokens.length; i++) {
                try {
                    tokens[i] = QwenVisionTokens.forImage(sizes.get(i).result());
                } catch (IllegalArgumentException e) {
                    refusal = refusal != null ? refusal : e.getMessage();
                }
            }
            return Future.succeededFuture(new Rendered(media.render(messages, tokens), refusal));
        });
    }

    private Throwable apiError(Throwable cause) {
        if (cause instanceof ImageFailure failure) {
            return failure.kind() == ImageFailure.Kind.BAD_REQUEST
                    ? errors.preprocessing(failure.getMessage(), failure.causeText())
                    : errors.internal(failure.getMessage());
        }
        return cause;
    }
}
