/**
 * Images in the simulator, as vLLM serves a Qwen2.5-VL style vision-language model: which models take them
 * ({@link io.ascendgw.gateway.sim.images.VisionModels}, {@code --sim-multimodal}), how many a prompt may hold
 * ({@code --limit-mm-per-prompt}, {@link io.ascendgw.gateway.sim.images.MmLimits}), the media parts of chat messages
 * ({@link io.ascendgw.gateway.sim.images.ChatMedia}), and loading an image's size from a data URL, an http(s) URL or
 * an allowed local file without blocking an event loop ({@link io.ascendgw.gateway.sim.images.ImageLoader}). Each image
 * enters the prompt text through {@link io.ascendgw.gateway.media.ImagePrompt}, so token counts, prefix caching and
 * answers follow it with no special case.
 */
package io.ascendgw.gateway.sim.images;
