package io.ascendgw.gateway.bench;

/**
 * Images sent with every chat request, for vision-language models: {@code perRequest} image parts of
 * {@code width x height} pixels, drawn from a pool of {@code distinct} generated pictures (a picture sent again is
 * what a captioning script's retries or shared references do, and what vLLM's caches can reuse).
 */
public record ImageLoad(int perRequest, int width, int height, int distinct) {

    public ImageLoad {
        if (perRequest < 1) {
            throw new IllegalArgumentException("--images must be >= 1, got " + perRequest);
        }
        if (width < 1 || height < 1 || (long) width * height > 64L << 20) {
            throw new IllegalArgumentException("--image-size must be WxH with sides >= 1 and at most 64 Mpx, got "
                    + width + "x" + height);
        }
        if (distinct < 1) {
            throw new IllegalArgumentException("--distinct-images must be >= 1, got " + distinct);
        }
    }

    /** Parses {@code WxH}, e.g. {@code 1024x768}. */
    static int[] parseSize(String value) {
        String[] sides = value.trim().toLowerCase(java.util.Locale.ROOT).split("x", -1);
        if (sides.length != 2) {
            throw new IllegalArgumentException("--image-size must be WxH, e.g. 1024x768, got '" + value + "'");
        }
        try {
            return new int[] {Integer.parseInt(sides[0].trim()), Integer.parseInt(sides[1].trim())};
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--image-size must be WxH, e.g. 1024x768, got '" + value + "'");
        }
    }
}
