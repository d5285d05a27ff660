package io.ascendgw.gateway.routing.prefix;

import java.util.Arrays;

import io.ascendgw.gateway.media.DataUrl;
import io.ascendgw.gateway.media.ImagePrompt;
import io.ascendgw.gateway.media.ImageSize;
import io.ascendgw.gateway.media.QwenVisionTokens;
import io.ascendgw.gateway.media.UnreadableImageException;

/**
 * Collects the UTF-8 bytes of a rendered prompt without building strings: the first {@code limit} bytes are kept
 * (that is all the hasher reads), the rest only counted. Token-id prompts store each id as four little-endian bytes.
 * Reused per thread; not thread-safe.
 */
final class PromptSink {

    /** What an image the gateway cannot size weighs (an 896x896 image's tokens): it does not fetch URLs. */
    static final int UNKNOWN_IMAGE_TOKENS = 1024;

    private byte[] bytes = new byte[4096];
    private int length;
    private int limit;
    private long total;
    private boolean tokenIds;
    private boolean images;

    void reset(int keepBytes) {
        length = 0;
        total = 0;
        tokenIds = false;
        images = false;
        limit = keepBytes;
        if (bytes.length < keepBytes) {
            bytes = new byte[Math.min(keepBytes, Integer.MAX_VALUE - 8)];
        }
    }

    byte[] bytes() {
        return bytes;
    }

    /** Bytes kept, at most the limit. */
    int length() {
        return length;
    }

    /** Bytes of the whole rendering. */
    long total() {
        return total;
    }

    /** Whether the prompt was token ids (then there is nothing to learn about bytes per token). */
    boolean tokenIds() {
        return tokenIds;
    }

    /**
     * Whether the prompt holds an image, whose token count depends on the model's processor, so the prompt's bytes
     * say nothing reliable about the model's bytes per token.
     */
    boolean images() {
        return images;
    }

    /**
     * An image part as the simulator renders it ({@link ImagePrompt}): the image's identity spread over the tokens a
     * Qwen-VL processor gives it, its size read from a data URL's header. An image behind a URL (not fetched here)
     * or one whose header is not in its first 64 KiB or cannot be read weighs {@link #UNKNOWN_IMAGE_TOKENS}.
     */
    void image(String url) {
        images = true;
        text(ImagePrompt.render(url, imageTokens(url)));
    }

    private static int imageTokens(String url) {
        if (DataUrl.isDataUrl(url)) {
            try {
                ImageSize size = DataUrl.headerSize(url);
                if (size != null) {
                    return QwenVisionTokens.forImage(size);
                }
            } catch (UnreadableImageException | IllegalArgumentException unreadable) {
                // The engine will refuse it; the prompt still differs from one without it.
            }
        }
        return UNKNOWN_IMAGE_TOKENS;
    }

    void text(String s) {
        int n = s.length();
        int i = 0;
        // ASCII fast path straight into the array while it has room; the general loop below takes over otherwise.
        int room = Math.min(n, limit - length);
        byte[] out = bytes;
        int at = length;
        while (i < room) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                break;
            }
            out[at++] = (byte) c;
            i++;
        }
        total += at - length;
        length = at;
        for (; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                put((byte) c);
            } else if (c < 0x800) {
                put((byte) (0xc0 | (c >> 6)));
                put((byte) (0x80 | (c & 0x3f)));
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                put((byte) (0xf0 | (cp >> 18)));
                put((byte) (0x80 | ((cp >> 12) & 0x3f)));
                put((byte) (0x80 | ((cp >> 6) & 0x3f)));
                put((byte) (0x80 | (cp & 0x3f)));
            } else {
                // Unpaired surrogates encode as U+FFFD, as String.getBytes does.
                char e = Character.isSurrogate(c) ? '\uFFFD' : c;
                put((byte) (0xe0 | (e >> 12)));
                put((byte) (0x80 | ((e >> 6) & 0x3f)));
                put((byte) (0x80 | (e & 0x3f)));
            }
        }
    }

    void tokenId(int id) {
        tokenIds = true;
        put((byte) id);
        put((byte) (id >> 8));
        put((byte) (id >> 16));
        put((byte) (id >> 24));
    }

    private void put(byte b) {
        if (length < limit) {
            bytes[length++] = b;
        }
        total++;
    }

    /** A copy of the kept bytes (tests). */
    byte[] copy() {
        return Arrays.copyOf(bytes, length);
    }
}
