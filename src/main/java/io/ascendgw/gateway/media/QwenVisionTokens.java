package io.ascendgw.gateway.media;

import java.math.BigDecimal;

/**
 * How many {@code <|image_pad|>} tokens a Qwen2-VL / Qwen2.5-VL image processor gives an image. The processor resizes
 * it with {@code smart_resize} (transformers' {@code image_processing_qwen2_vl.py}) to sides that are multiples of 28
 * (14-pixel patches merged 2x2) within a pixel budget, and each 28x28 cell becomes one token.
 */
public final class QwenVisionTokens {

    /** Patch size 14 times merge size 2. */
    static final int FACTOR = 28;
    static final long MIN_PIXELS = 56 * 56;
    /** {@code max_pixels} of Qwen2.5-VL's {@code preprocessor_config.json}. */
    static final long MAX_PIXELS = 28L * 28 * 16384;
    private static final int MAX_RATIO = 200;

    private QwenVisionTokens() {
    }

    /**
     * Tokens of an image of {@code size}: {@code (h / 28) * (w / 28)} of its smart-resized sides.
     *
     * @throws IllegalArgumentException when a side is not positive, or with Qwen's message when the aspect ratio
     *         exceeds 200
     */
    public static int forImage(ImageSize size) {
        int height = size.height();
        int width = size.width();
        if (height <= 0 || width <= 0) {
            throw new IllegalArgumentException("image of " + width + "x" + height + " pixels");
        }
        double ratio = (double) Math.max(height, width) / Math.min(height, width);
        if (ratio > MAX_RATIO) {
            throw new IllegalArgumentException(
                    "absolute aspect ratio must be smaller than " + MAX_RATIO + ", got " + pythonFloat(ratio));
        }
        // The arithmetic follows Python's: true division, round() half to even, floor/ceil of the same quotients.
        long hBar = (long) Math.rint((double) height / FACTOR) * FACTOR;
        long wBar = (long) Math.rint((double) width / FACTOR) * FACTOR;
        double pixels = (double) height * width;
        if (hBar * wBar > MAX_PIXELS) {
            double beta = Math.sqrt(pixels / MAX_PIXELS);
            hBar = Math.max(FACTOR, (long) Math.floor(height / beta / FACTOR) * FACTOR);
            wBar = Math.max(FACTOR, (long) Math.floor(width / beta / FACTOR) * FACTOR);
        } else if (hBar * wBar < MIN_PIXELS) {
            double beta = Math.sqrt(MIN_PIXELS / pixels);
            hBar = (long) Math.ceil(height * beta / FACTOR) * FACTOR;
            wBar = (long) Math.ceil(width * beta / FACTOR) * FACTOR;
        }
        return Math.toIntExact((hBar / FACTOR) * (wBar / FACTOR));
    }

    /** Python's {@code str(float)} for the ratios here: plain digits, at least one decimal. */
    private static String pythonFloat(double value) {
        String plain = new BigDecimal(Double.toString(value)).toPlainString();
        return plain.contains(".") ? plain : plain + ".0";
    }
}
