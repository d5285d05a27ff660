package io.ascendgw.gateway.media;

import java.util.Objects;

/**
 * Reads an image's pixel size from its header: PNG, JPEG, GIF, WebP (VP8, VP8L, VP8X) and BMP. Only the first bytes
 * are looked at and nothing is decoded, so this is cheap enough for an event loop.
 */
public final class ImageHeaders {

    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    private static final byte[] JPEG = {(byte) 0xff, (byte) 0xd8, (byte) 0xff};
    private static final byte[] GIF87 = {'G', 'I', 'F', '8', '7', 'a'};
    private static final byte[] GIF89 = {'G', 'I', 'F', '8', '9', 'a'};
    private static final byte[] RIFF = {'R', 'I', 'F', 'F'};
    private static final byte[] BMP = {'B', 'M'};

    private ImageHeaders() {
    }

    /**
     * The size stated by the header of the image in {@code bytes[0, length)}.
     *
     * @return the size, or {@code null} when the bytes begin a known format but end before its size is stated (more
     *         bytes of the same image may tell it)
     * @throws UnreadableImageException when the bytes are no image of a known format, or a malformed one
     */
    public static ImageSize read(byte[] bytes, int length) throws UnreadableImageException {
        Objects.checkFromIndexSize(0, length, bytes.length);
        if (startsWith(bytes, length, PNG)) {
            return png(bytes, length);
        }
        if (startsWith(bytes, length, JPEG)) {
            return jpeg(bytes, length);
        }
        if (startsWith(bytes, length, GIF87) || startsWith(bytes, length, GIF89)) {
            return length < 10 ? null : size(u16le(bytes, 6), u16le(bytes, 8));
        }
        if (startsWith(bytes, length, RIFF)) {
            return webp(bytes, length);
        }
        if (startsWith(bytes, length, BMP)) {
            return bmp(bytes, length);
        }
        throw new UnreadableImageException("not a PNG, JPEG, GIF, WebP or BMP image");
    }

    /** Whether the available bytes agree with {@code signature} as far as both go. */
    private static boolean startsWith(byte[] bytes, int length, byte[] signature) {
        for (int i = 0; i < Math.min(length, signature.length); i++) {
            if (bytes[i] != signature[i]) {
                return false;
            }
        }
        return true;
    }

    private static ImageSize png(byte[] b, int n) throws UnreadableImageException {
        if (n < 24) {
            return null;
        }
        if (b[12] != 'I' || b[13] != 'H' || b[14] != 'D' || b[15] != 'R') {
            throw new UnreadableImageException("PNG without IHDR chunk");
        }
        return size(s32be(b, 16), s32be(b, 20));
    }

    /** Walks the marker segments (APPn, EXIF, DQT, ...) up to the first start-of-frame. */
    private static ImageSize jpeg(byte[] b, int n) throws UnreadableImageException {
        int i = 2;
        while (i < n) {
            if ((b[i] & 0xff) != 0xff) {
                throw new UnreadableImageException("no JPEG marker at byte " + i);
            }
            while (i < n && (b[i] & 0xff) == 0xff) {
                i++; // fill bytes
            }
            if (i >= n) {
                return null;
            }
            int marker = b[i++] & 0xff;
            if (marker == 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
                continue; // standalone markers carry no length
            }
            if (marker == 0x00 || marker == 0xd8 || marker == 0xd9 || marker == 0xda) {
                throw new UnreadableImageException("JPEG without a frame header");
            }
            if (i + 2 > n) {
                return null;
            }
            int segment = u16be(b, i);
            if (segment < 2) {
                throw new UnreadableImageException("JPEG segment of length " + segment);
            }
            if (isStartOfFrame(marker)) {
                return i + 7 > n ? null : size(u16be(b, i + 5), u16be(b, i + 3));
            }
            i += segment;
        }
        return null;
    }

    private static boolean isStartOfFrame(int marker) {
        return marker >= 0xc0 && marker <= 0xcf && marker != 0xc4 && marker != 0xc8 && marker != 0xcc;
    }

    private static ImageSize webp(byte[] b, int n) throws UnreadableImageException {
        if (n < 16) {
            return null;
        }
        if (b[8] != 'W' || b[9] != 'E' || b[10] != 'B' || b[11] != 'P') {
            throw new UnreadableImageException("RIFF file that is not WebP");
        }
        String chunk = new String(b, 12, 4, java.nio.charset.StandardCharsets.US_ASCII);
        switch (chunk) {
            case "VP8 ":
                if (n < 30) {
                    return null;
                }
                if ((b[23] & 0xff) != 0x9d || (b[24] & 0xff) != 0x01 || (b[25] & 0xff) != 0x2a) {
                    throw new UnreadableImageException("WebP VP8 frame without start code");
                }
                return size(u16le(b, 26) & 0x3fff, u16le(b, 28) & 0x3fff);
            case "VP8L":
                if (n < 25) {
                    return null;
                }
                if ((b[20] & 0xff) != 0x2f) {
                    throw new UnreadableImageException("WebP VP8L without signature");
                }
                int bits = u16le(b, 21) | u16le(b, 23) << 16;
                return size((bits & 0x3fff) + 1, ((bits >>> 14) & 0x3fff) + 1);
            case "VP8X":
                return n < 30 ? null : size(u24le(b, 24) + 1, u24le(b, 27) + 1);
            default:
                throw new UnreadableImageException("WebP chunk " + chunk);
        }
    }

    private static ImageSize bmp(byte[] b, int n) throws UnreadableImageException {
        if (n < 18) {
            return null;
        }
        int infoSize = u16le(b, 14) | u16le(b, 16) << 16;
        if (infoSize == 12) {
            return n < 22 ? null : size(u16le(b, 18), u16le(b, 20));
        }
        if (infoSize == 16 || infoSize == 40 || infoSize == 52 || infoSize == 56 || infoSize == 64
                || infoSize == 108 || infoSize == 124) {
            if (n < 26) {
                return null;
            }
            int height = u16le(b, 22) | u16le(b, 24) << 16;
            return size(u16le(b, 18) | u16le(b, 20) << 16, Math.abs(height)); // negative height: rows top-down
        }
        throw new UnreadableImageException("BMP info header of " + infoSize + " bytes");
    }

    private static ImageSize size(int width, int height) throws UnreadableImageException {
        if (width <= 0 || height <= 0) {
            throw new UnreadableImageException("image of " + width + "x" + height + " pixels");
        }
        return new ImageSize(width, height);
    }

    private static int u16be(byte[] b, int i) {
        return (b[i] & 0xff) << 8 | (b[i + 1] & 0xff);
    }

    private static int s32be(byte[] b, int i) {
        return u16be(b, i) << 16 | u16be(b, i + 2);
    }

    private static int u16le(byte[] b, int i) {
        return (b[i] & 0xff) | (b[i + 1] & 0xff) << 8;
    }

    private static int u24le(byte[] b, int i) {
        return u16le(b, i) | (b[i + 2] & 0xff) << 16;
    }
}
