package io.ascendgw.gateway.media;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** {@code data:} URLs (RFC 2397): their payload, and the size of the image they carry read from its first bytes. */
public final class DataUrl {

    /** Base64 characters decoded first when looking for a header: 64 KiB of bytes, a multiple of 4 characters. */
    static final int HEADER_PREFIX_CHARS = (64 * 1024 + 2) / 3 * 4;

    private static final String SCHEME = "data:";
    private static final String BASE64 = ";base64";
    private static final boolean[] BASE64_ALPHABET = new boolean[128];

    static {
        for (char c : "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".toCharArray()) {
            BASE64_ALPHABET[c] = true;
        }
    }

    private DataUrl() {
    }

    /** Whether {@code url} is a data URL (the scheme is case-insensitive). */
    public static boolean isDataUrl(String url) {
        return url != null && url.regionMatches(true, 0, SCHEME, 0, SCHEME.length());
    }

    /**
     * The whole payload of a data URL, base64-decoded or percent-decoded as its header says.
     *
     * @throws IllegalArgumentException when {@code url} is no data URL or its payload is malformed
     */
    public static byte[] decode(String url) {
        int payload = payloadStart(url);
        return isBase64(url, payload) ? base64(url, payload, url.length()) : percentDecoded(url, payload);
    }

    /**
     * The size of the image in a data URL. Of a base64 payload only the first 64 KiB are decoded when the header lies
     * within them (the rest is only checked to be base64); the whole payload otherwise.
     *
     * @throws UnreadableImageException when the payload is no image of a known format, or ends within its header
     * @throws IllegalArgumentException when {@code url} is no data URL or its payload is malformed
     */
    public static ImageSize imageSize(String url) throws UnreadableImageException {
        int payload = payloadStart(url);
        if (!isBase64(url, payload)) {
            return wholeImageSize(percentDecoded(url, payload));
        }
        int prefixEnd = payload + HEADER_PREFIX_CHARS;
        if (prefixEnd < url.length()) {
            byte[] prefix = base64(url, payload, prefixEnd);
            ImageSize size = ImageHeaders.read(prefix, prefix.length);
            if (size != null) {
                requireBase64(url, prefixEnd);
                return size;
            }
        }
        return wholeImageSize(base64(url, payload, url.length()));
    }

    /**
     * The size in the header of a base64 data URL's image when the header lies within the payload's first 64 KiB,
     * else null; nothing beyond them is decoded or checked. For the gateway, which only estimates a prompt's weight
     * and leaves judging the image to the engine.
     *
     * @throws UnreadableImageException when those bytes are no image of a known format
     * @throws IllegalArgumentException when {@code url} is no data URL or its prefix is malformed
     */
    public static ImageSize headerSize(String url) throws UnreadableImageException {
        int payload = payloadStart(url);
        if (!isBase64(url, payload)) {
            return null;
        }
        int prefixEnd = Math.min(url.length(), payload + HEADER_PREFIX_CHARS);
        // whole 4-character units only: the prefix may end inside the payload
        prefixEnd = payload + (prefixEnd - payload) / 4 * 4;
        byte[] prefix = base64(url, payload, prefixEnd);
        return ImageHeaders.read(prefix, prefix.length);
    }

    /** Index of the first payload character: just after the comma that ends the header. */
    static int payloadStart(String url) {
        if (!isDataUrl(url)) {
            throw new IllegalArgumentException("not a data URL");
        }
        int comma = url.indexOf(',', SCHEME.length());
        if (comma < 0) {
            throw new IllegalArgumentException("data URL without a comma before its data");
        }
        return comma + 1;
    }

    private static boolean isBase64(String url, int payload) {
        int headerEnd = payload - 1;
        return headerEnd - BASE64.length() >= SCHEME.length()
                && url.regionMatches(true, headerEnd - BASE64.length(), BASE64, 0, BASE64.length());
    }

    private static ImageSize wholeImageSize(byte[] image) throws UnreadableImageException {
        ImageSize size = ImageHeaders.read(image, image.length);
        if (size == null) {
            throw new UnreadableImageException("the image ends within its header");
        }
        return size;
    }

    /** Decodes {@code url[from, to)} without copying the rest of the string. */
    private static byte[] base64(String url, int from, int to) {
        // unmappable (non-ASCII) characters become '?', which the decoder refuses
        ByteBuffer ascii = StandardCharsets.US_ASCII.encode(CharBuffer.wrap(url, from, to));
        ByteBuffer decoded = Base64.getDecoder().decode(ascii);
        byte[] bytes = new byte[decoded.remaining()];
        decoded.get(bytes);
        return bytes;
    }

    /** Checks that {@code url[from, end)} continues a base64 payload, with padding only at its very end. */
    private static void requireBase64(String url, int from) {
        int padding = 0;
        int i = from;
        // the common case, a run of alphabet characters, tested by table lookup alone
        while (i < url.length()) {
            char c = url.charAt(i);
            if (c >= 128 || !BASE64_ALPHABET[c]) {
                break;
            }
            i++;
        }
        for (; i < url.length(); i++) {
            char c = url.charAt(i);
            if (c == '=') {
                padding++;
            } else if (c >= 128 || !BASE64_ALPHABET[c] || padding > 0) {
                throw new IllegalArgumentException("Illegal base64 character " + Integer.toHexString(c));
            }
        }
        int dataChars = url.length() - from - padding;
        if (padding > 2 || (padding > 0 && (dataChars + padding) % 4 != 0) || dataChars % 4 == 1) {
            throw new IllegalArgumentException("Input byte array has wrong 4-byte ending unit");
        }
    }

    private static byte[] percentDecoded(String url, int from) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(url.length() - from);
        for (int i = from; i < url.length(); i++) {
            char c = url.charAt(i);
            if (c == '%') {
                if (i + 2 >= url.length()) {
                    throw new IllegalArgumentException("incomplete percent escape in data URL");
                }
                int hi = Character.digit(url.charAt(i + 1), 16);
                int lo = Character.digit(url.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    throw new IllegalArgumentException("malformed percent escape in data URL");
                }
                out.write(hi << 4 | lo);
                i += 2;
            } else if (c < 0x80) {
                out.write(c);
            } else {
                int codePoint = url.codePointAt(i);
                out.writeBytes(new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8));
                i += Character.charCount(codePoint) - 1;
            }
        }
        return out.toByteArray();
    }
}
