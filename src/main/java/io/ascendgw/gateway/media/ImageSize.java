package io.ascendgw.gateway.media;

/** An image's size in pixels, as its header states it. */
public record ImageSize(int width, int height) {
}
