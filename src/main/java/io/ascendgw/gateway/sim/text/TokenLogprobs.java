package io.ascendgw.gateway.sim.text;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Log-probabilities of the simulated model, as pure functions of a key and a position so that a request gives the
 * same numbers streamed or not. The token at a position is always the most likely one there (greedy decoding); the
 * runners-up share what is left of the probability mass, halving from one rank to the next, so a top-k list is
 * sorted, sums to less than 1 and never repeats a token.
 */
public final class TokenLogprobs {

    /** vLLM clamps {@code -inf} to this before serialising. */
    static final double FLOOR = -9999.0;

    /** What the engine samples at the end of a chat answer (Qwen's chat EOS) and of a plain completion. */
    public static final String CHAT_EOS = "<|im_end|>";
    public static final String COMPLETION_EOS = "<|endoftext|>";

    /** A token and its log-probability. */
    public record Candidate(String token, double logprob) {
    }

    /**
     * One position of a sequence: its token and the candidates there, best first (the token itself first). A
     * prompt's first token has no candidates: nothing precedes it, so its log-probability is null.
     */
    public record Position(String token, List<Candidate> ranked) {

        public Position {
            ranked = List.copyOf(ranked);
        }

        /** The token's log-probability, null for a prompt's first token. */
        public Double logprob() {
            return ranked.isEmpty() ? null : ranked.get(0).logprob();
        }
    }

    private TokenLogprobs() {
    }

    /** Position {@code position} holding {@code token}, with {@code runnersUp} more candidates after it. */
    public static Position at(long key, int position, String token, int runnersUp) {
        long h = BlockHasher.mix(key ^ BlockHasher.mix(0x10960b5L + position));
        // p in [0.5, 0.999): likely, and never so close to 1 that the log needs an exponent to print.
        double p = 0.5 + 0.499 * ((h >>> 11) * 0x1.0p-53);
        List<Candidate> ranked = new ArrayList<>(runnersUp + 1);
        ranked.add(new Candidate(token, Math.log(p)));
        boolean space = !token.isEmpty() && token.charAt(0) == ' ';
        double rest = 1 - p;
        for (int i = 0; ranked.size() <= runnersUp; i++) {
            String word = Vocabulary.WORDS[(int) Long.remainderUnsigned(BlockHasher.mix(h + i), Vocabulary.WORDS.length)];
            String candidate = space ? " " + word : word;
            if (contains(ranked, candidate)) {
                continue;
            }
            rest /= 2;
            ranked.add(new Candidate(candidate, Math.max(FLOOR, Math.log(rest))));
        }
        return new Position(token, ranked);
    }

    /** A prompt's first position: no candidates, null log-probability. */
    public static Position first(String token) {
        return new Position(token, List.of());
    }

    /**
     * The positions of a text prompt under the approximate tokenizer (four UTF-8 bytes per token); a token that cuts
     * a character in two shows the replacement character, as a byte-level tokenizer's partial tokens do.
     */
    public static List<String> promptTokens(byte[] utf8) {
        List<String> tokens = new ArrayList<>(ApproxTokenizer.tokensForBytes(utf8.length));
        for (int from = 0; from < utf8.length; from += ApproxTokenizer.BYTES_PER_TOKEN) {
            int to = Math.min(utf8.length, from + ApproxTokenizer.BYTES_PER_TOKEN);
            tokens.add(new String(utf8, from, to - from, StandardCharsets.UTF_8));
        }
        return tokens;
    }

    /**
     * The text of a token id: the bytes of a pseudo id from the simulator's {@code /tokenize} when they are printable
     * UTF-8, else (a real tokenizer's id) a word of the simulated vocabulary, the same for the same id.
     */
    public static String decode(int id) {
        byte[] bytes = new byte[ApproxTokenizer.BYTES_PER_TOKEN];
        int length = 0;
        for (int i = 0; i < bytes.length; i++) {
            int b = (id >>> (8 * i)) & 0xff;
            if (b == 0) {
                break;
            }
            if (b < 0x20 || b == 0x7f) {
                length = 0;
                break;
            }
            bytes[length++] = (byte) b;
        }
        if (length > 0 && (length == bytes.length || (id >>> (8 * length)) == 0)) {
            try {
                return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(Arrays.copyOf(bytes, length))).toString();
            } catch (CharacterCodingException e) {
                // not a pseudo id: fall through to the vocabulary
            }
        }
        return " " + Vocabulary.WORDS[Math.floorMod(id, Vocabulary.WORDS.length)];
    }

    private static boolean contains(List<Candidate> ranked, String token) {
        for (Candidate c : ranked) {
            if (c.token().equals(token)) {
                return true;
            }
        }
        return false;
    }
}
