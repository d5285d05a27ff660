package io.ascendgw.gateway.sim.text;

/**
 * Chained prefix-cache block hashes, as vLLM computes them: the hash of full block {@code b} covers its tokens and
 * the hash of block {@code b-1}, so equal hashes mean equal prefixes. Only full blocks are hashed.
 */
public final class BlockHasher {

    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    private BlockHasher() {
    }

    /** Hashes of the full blocks of a text prompt of {@code utf8} bytes ({@code blockSize} tokens per block). */
    public static long[] ofBytes(byte[] utf8, int blockSize) {
        int tokens = ApproxTokenizer.tokensForBytes(utf8.length);
        int blocks = tokens / blockSize;
        long[] hashes = new long[blocks];
        int bytesPerBlock = blockSize * ApproxTokenizer.BYTES_PER_TOKEN;
        long previous = FNV_OFFSET;
        for (int b = 0; b < blocks; b++) {
            long h = previous;
            int end = Math.min(utf8.length, (b + 1) * bytesPerBlock);
            for (int i = b * bytesPerBlock; i < end; i++) {
                h = (h ^ (utf8[i] & 0xff)) * FNV_PRIME;
            }
            previous = mix(h);
            hashes[b] = previous;
        }
        return hashes;
    }

    /** Hashes of the full blocks of a token-id prompt. */
    public static long[] ofTokenIds(int[] ids, int blockSize) {
        int blocks = ids.length / blockSize;
        long[] hashes = new long[blocks];
        long previous = FNV_OFFSET ^ 0x1d;
        for (int b = 0; b < blocks; b++) {
            long h = previous;
            for (int i = b * blockSize; i < (b + 1) * blockSize; i++) {
                h = (h ^ ids[i]) * FNV_PRIME;
            }
            previous = mix(h);
            hashes[b] = previous;
        }
        return hashes;
    }

    /** 64-bit FNV-1a of the whole byte array, used to seed generated text. */
    public static long contentHash(byte[] bytes) {
        long h = FNV_OFFSET;
        for (byte b : bytes) {
            h = (h ^ (b & 0xff)) * FNV_PRIME;
        }
        return mix(h);
    }

    /** 64-bit hash of a token-id prompt, used to seed generated text. */
    public static long contentHash(int[] ids) {
        long h = FNV_OFFSET ^ 0x1d;
        for (int id : ids) {
            h = (h ^ id) * FNV_PRIME;
        }
        return mix(h);
    }

    /** SplitMix64/murmur finaliser. */
    public static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
