package io.ascendgw.gateway.media;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

import javax.imageio.ImageIO;

/** Real images written by ImageIO, and hand-built WebP headers (ImageIO writes no WebP). */
final class TestImages {

    private TestImages() {
    }

    /** An image of {@code width x height} in {@code format} ("png", "jpg", "gif", "bmp"), written by ImageIO. */
    static byte[] write(String format, int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, (x * 7 + y * 13) * 0x010101 & 0xffffff);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("no ImageIO writer for " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** {@code jpeg} with an APP1 (EXIF) segment of {@code segmentBytes} inserted right after its SOI marker. */
    static byte[] withApp1(byte[] jpeg, int segmentBytes) {
        ByteBuffer out = ByteBuffer.allocate(jpeg.length + 2 + segmentBytes);
        out.put(jpeg, 0, 2);
        out.put((byte) 0xff).put((byte) 0xe1).putShort((short) segmentBytes);
        out.put("Exif\0\0".getBytes(StandardCharsets.US_ASCII));
        out.position(out.position() + segmentBytes - 2 - 6);
        out.put(jpeg, 2, jpeg.length - 2);
        return out.array();
    }

    /** A lossy WebP header (VP8 key frame); the two scale bits above each 14-bit side are set to show they are masked. */
    static byte[] webpLossy(int width, int height) {
        ByteBuffer b = riff("VP8 ", 10);
        b.put(new byte[] {0x10, 0x02, 0x00}); // frame tag of a key frame
        b.put((byte) 0x9d).put((byte) 0x01).put((byte) 0x2a);
        b.putShort((short) (width | 0x4000)).putShort((short) (height | 0x8000));
        return b.array();
    }

    /** A lossless WebP header (VP8L): 14 bits of width-1, 14 of height-1 after the 0x2f signature. */
    static byte[] webpLossless(int width, int height) {
        ByteBuffer b = riff("VP8L", 5);
        b.put((byte) 0x2f);
        b.putInt((width - 1) | (height - 1) << 14 | 1 << 28);
        return b.array();
    }

    /** An extended WebP header (VP8X): 24-bit canvas width-1 and height-1. */
    static byte[] webpExtended(int width, int height) {
        ByteBuffer b = riff("VP8X", 10);
        b.putInt(0x10); // flags: alpha
        putU24(b, width - 1);
        putU24(b, height - 1);
        return b.array();
    }

    private static ByteBuffer riff(String chunk, int chunkBytes) {
        ByteBuffer b = ByteBuffer.allocate(20 + chunkBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(12 + chunkBytes);
        b.put("WEBP".getBytes(StandardCharsets.US_ASCII));
        b.put(chunk.getBytes(StandardCharsets.US_ASCII)).putInt(chunkBytes);
        return b;
    }

    private static void putU24(ByteBuffer b, int value) {
        b.put((byte) value).put((byte) (value >>> 8)).put((byte) (value >>> 16));
    }
}
