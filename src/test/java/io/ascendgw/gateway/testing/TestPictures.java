package io.ascendgw.gateway.testing;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Base64;

import javax.imageio.ImageIO;

/** Real PNG pictures written by ImageIO, as bytes or data URLs, for the vision tests. */
public final class TestPictures {

    private TestPictures() {
    }

    /** A PNG of {@code width x height}; pictures of different sizes differ. */
    public static byte[] png(int width, int height) {
        return png(width, height, width * 31 + height);
    }

    /** A PNG of {@code width x height} whose pixels depend on {@code seed}. */
    public static byte[] png(int width, int height, int seed) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < width; x += 3) {
            image.setRGB(x, Math.floorMod(x * seed, height), 0x102030 * seed + x);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** {@code bytes} as a base64 PNG data URL. */
    public static String dataUrl(byte[] bytes) {
        return "data:image/png;base64," + Base64.getEncoder().encodeToString(bytes);
    }

    /** A data URL of a PNG of {@code width x height}. */
    public static String dataUrl(int width, int height) {
        return dataUrl(png(width, height));
    }

    /** A data URL of a PNG of {@code width x height} whose pixels depend on {@code seed}. */
    public static String dataUrl(int width, int height, int seed) {
        return dataUrl(png(width, height, seed));
    }

    /**
     * {@code png} padded with zeros to {@code bytes} (image readers ignore what follows a picture's end), to make a
     * body the size of a photo's.
     */
    public static byte[] padded(byte[] png, int bytes) {
        return bytes > png.length ? Arrays.copyOf(png, bytes) : png;
    }
}
