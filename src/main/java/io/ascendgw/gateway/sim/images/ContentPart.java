package io.ascendgw.gateway.sim.images;

/** One part of a chat message's content that holds media, or text beside it. */
public sealed interface ContentPart {

    /** A text part. */
    record Text(String text) implements ContentPart {
    }

    /** An image part ({@code image_url}, Responses' {@code input_image}) and its URL. */
    record Image(String url) implements ContentPart {
    }

    /** A part of a modality the simulated model does not take ({@code video}, {@code audio}). */
    record OtherMedia(String modality) implements ContentPart {
    }
}
