package io.ascendgw.gateway.routing.prefix;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Chained block hashes over prompt bytes: block {@code b}'s hash covers its bytes and block {@code b-1}'s hash, so
 * equal hashes mean equal prefixes up to that block; the chain starts from a seed of model and block size, so
 * equal text under another model or block size never matches. Only full blocks are hashed. Reads eight bytes at a
 * time (about 0.1 ns per byte). Stateless; any thread.
 */
public final class PrefixHasher {

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long P1 = 0x9E3779B185EBCA87L;
    private static final long P2 = 0xC2B2AE3D27D4EB4FL;
    private static final long[] NONE = new long[0];

    private PrefixHasher() {
    }

    /** The chain's starting value for a model and block size. */
    public static long seed(String model, int blockBytes) {
        long h = 0x51_7cc1_b727_220aL ^ blockBytes;
        byte[] name = model == null ? new byte[0] : model.getBytes(StandardCharsets.UTF_8);
        for (byte b : name) {
            h = (h ^ (b & 0xff)) * 0x100000001b3L;
        }
        return mix(h);
    }

    /** Hashes of the full {@code blockBytes}-byte blocks among the first {@code length} bytes, at most {@code max}. */
    public static long[] hash(byte[] bytes, int length, int blockBytes, long seed, int max) {
        int blocks = Math.min(length / blockBytes, max);
        if (blocks <= 0) {
            return NONE;
        }
        long[] hashes = new long[blocks];
        long previous = seed;
        for (int b = 0; b < blocks; b++) {
            int from = b * blockBytes;
            int end = from + blockBytes;
            long acc = previous ^ P2;
            int i = from;
            for (; i + 8 <= end; i += 8) {
                acc = Long.rotateLeft(acc ^ ((long) LONGS.get(bytes, i) * P2), 31) * P1;
            }
            for (; i < end; i++) {
                acc = Long.rotateLeft(acc ^ ((bytes[i] & 0xffL) * P1), 11) * P2;
            }
            previous = mix(acc ^ blockBytes);
            hashes[b] = previous;
        }
        return hashes;
    }

    /** SplitMix64 finaliser. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
