/**
 * Images in prompts, shared by the simulator, the gateway's routing (prefix rendering) and the benchmark: the pixel
 * size read from an image's header ({@link io.ascendgw.gateway.media.ImageHeaders}, also straight from a data URL with
 * {@link io.ascendgw.gateway.media.DataUrl}), the number of vision tokens a Qwen2-VL / Qwen2.5-VL processor gives it
 * ({@link io.ascendgw.gateway.media.QwenVisionTokens}), and the text that stands for it in a rendered prompt
 * ({@link io.ascendgw.gateway.media.ImagePrompt}).
 *
 * <p>Everything here is plain Java without dependencies, reads headers only (no pixel decoding) and is cheap enough
 * for event loops. It must not depend on the simulator or on any gateway package.
 */
package io.ascendgw.gateway.media;
