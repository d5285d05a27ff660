package io.ascendgw.gateway.sim.images;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How the simulated model takes images.
 *
 * @param multimodal             the model is a vision-language model ({@code --sim-multimodal}, else its name)
 * @param imageLimit             images one prompt may hold ({@code --limit-mm-per-prompt}, else the version default)
 * @param allowedLocalMediaPath  {@code --allowed-local-media-path}: the directory {@code file://} URLs may read from,
 *                               null when unset (then no file URL is read)
 * @param fetchTimeout           {@code VLLM_IMAGE_FETCH_TIMEOUT}: the whole fetch of an http(s) image
 * @param followRedirects        {@code VLLM_MEDIA_URL_ALLOW_REDIRECTS}: http(s) fetches follow redirects
 */
public record VisionSettings(boolean multimodal, int imageLimit, Path allowedLocalMediaPath, Duration fetchTimeout,
        boolean followRedirects) {

    /** A text-only model. */
    public static final VisionSettings TEXT_ONLY = new VisionSettings(false, 0, null, Duration.ofSeconds(5), true);
}
