package io.ascendgw.gateway.api;

import java.util.concurrent.ThreadLocalRandom;

/** Request ids: the client's {@code X-Request-Id} when it is sane, else 32 random hex digits as vLLM makes them. */
public final class RequestIds {

    private static final int MAX_LENGTH = 128;
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private RequestIds() {
    }

    public static String accept(String fromClient) {
        if (fromClient != null && !fromClient.isEmpty() && fromClient.length() <= MAX_LENGTH && printable(fromClient)) {
            return fromClient;
        }
        return generate();
    }

    static String generate() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        char[] id = new char[32];
        long high = random.nextLong();
        long low = random.nextLong();
        for (int i = 0; i < 16; i++) {
            id[i] = HEX[(int) (high >>> (60 - 4 * i)) & 0xF];
            id[16 + i] = HEX[(int) (low >>> (60 - 4 * i)) & 0xF];
        }
        return new String(id);
    }

    // Ids end up in response ids, logs and engine headers: keep them to visible ASCII.
    private static boolean printable(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x21 || c > 0x7E) {
                return false;
            }
        }
        return true;
    }
}
