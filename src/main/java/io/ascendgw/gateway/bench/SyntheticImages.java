package io.ascendgw.gateway.bench;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.SplittableRandom;

import javax.imageio.ImageIO;

/**
 * Generates distinct photo-like JPEG pictures as {@code data:} URLs: a gradient, shapes and grain, so each compresses
 * to roughly what a photo of its size does (not a flat colour that shrinks to nothing). Deterministic per seed.
 */
final class SyntheticImages {

    private SyntheticImages() {
    }

    /** {@code count} pictures of {@code width x height}; slow (tens of ms each), so called once before a run. */
    static List<String> dataUrls(int width, int height, int count, long seed) {
        List<String> urls = new ArrayList<>(count);
        SplittableRandom random = new SplittableRandom(seed ^ 0x1a6e5L);
        for (int i = 0; i < count; i++) {
            urls.add("data:image/jpeg;base64," + Base64.getEncoder().encodeToString(jpeg(width, height, random)));
        }
        return urls;
    }

    private static byte[] jpeg(int width, int height, SplittableRandom random) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setPaint(new GradientPaint(0, 0, colour(random), width, height, colour(random)));
            g.fillRect(0, 0, width, height);
            for (int shape = 0; shape < 12; shape++) {
                g.setColor(colour(random));
                int w = 1 + random.nextInt(Math.max(1, width / 3));
                int h = 1 + random.nextInt(Math.max(1, height / 3));
                g.fillOval(random.nextInt(width), random.nextInt(height), w, h);
            }
        } finally {
            g.dispose();
        }
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int grain = random.nextInt(24) - 12;
                int rgb = image.getRGB(x, y);
                image.setRGB(x, y, (clamp((rgb >> 16 & 0xff) + grain) << 16) | (clamp((rgb >> 8 & 0xff) + grain) << 8)
                        | clamp((rgb & 0xff) + grain));
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "jpg", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static Color colour(SplittableRandom random) {
        return new Color(random.nextInt(256), random.nextInt(256), random.nextInt(256));
    }

    private static int clamp(int channel) {
        return Math.max(0, Math.min(255, channel));
    }
}
