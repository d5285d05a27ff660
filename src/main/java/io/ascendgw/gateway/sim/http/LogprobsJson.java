package io.ascendgw.gateway.sim.http;

import java.nio.charset.StandardCharsets;
import java.util.List;

import io.ascendgw.gateway.sim.format.JsonText;
import io.ascendgw.gateway.sim.format.PyFloat;
import io.ascendgw.gateway.sim.text.TokenLogprobs;

/** vLLM's two {@code logprobs} objects: chat's {@code {"content":[…]}} and completions' parallel lists. */
final class LogprobsJson {

    private LogprobsJson() {
    }

    /**
     * Chat: each token with its UTF-8 bytes and its {@code top} best candidates ({@code top_logprobs}; none for 0).
     * {@code null} when log-probabilities were not asked for.
     */
    static StringBuilder chat(StringBuilder sb, List<TokenLogprobs.Position> positions, int top) {
        if (positions == null) {
            return sb.append("null");
        }
        sb.append("{\"content\":[");
        for (int i = 0; i < positions.size(); i++) {
            TokenLogprobs.Position p = positions.get(i);
            sb.append(i > 0 ? ",{" : "{");
            candidate(sb, p.token(), p.logprob()).append(",\"top_logprobs\":[");
            for (int c = 0; c < Math.min(top, p.ranked().size()); c++) {
                TokenLogprobs.Candidate candidate = p.ranked().get(c);
                candidate(sb.append(c > 0 ? ",{" : "{"), candidate.token(), candidate.logprob()).append('}');
            }
            sb.append("]}");
        }
        return sb.append("]}");
    }

    /**
     * Completions: {@code text_offset} (characters, from {@code textOffset}), {@code token_logprobs}, {@code tokens}
     * and {@code top_logprobs} (a token-to-logprob object per position, null where the log-probability is).
     */
    static StringBuilder completion(StringBuilder sb, List<TokenLogprobs.Position> positions, int textOffset) {
        if (positions == null) {
            return sb.append("null");
        }
        sb.append("{\"text_offset\":[");
        int offset = textOffset;
        for (int i = 0; i < positions.size(); i++) {
            String token = positions.get(i).token();
            sb.append(i > 0 ? "," : "").append(offset);
            offset += token.codePointCount(0, token.length());
        }
        sb.append("],\"token_logprobs\":[");
        for (int i = 0; i < positions.size(); i++) {
            number(sb.append(i > 0 ? "," : ""), positions.get(i).logprob());
        }
        sb.append("],\"tokens\":[");
        for (int i = 0; i < positions.size(); i++) {
            JsonText.string(sb.append(i > 0 ? "," : ""), positions.get(i).token());
        }
        sb.append("],\"top_logprobs\":[");
        for (int i = 0; i < positions.size(); i++) {
            TokenLogprobs.Position p = positions.get(i);
            sb.append(i > 0 ? "," : "");
            if (p.ranked().isEmpty()) {
                sb.append("null");
                continue;
            }
            sb.append('{');
            for (int c = 0; c < p.ranked().size(); c++) {
                TokenLogprobs.Candidate candidate = p.ranked().get(c);
                JsonText.string(sb.append(c > 0 ? "," : ""), candidate.token()).append(':');
                number(sb, candidate.logprob());
            }
            sb.append('}');
        }
        return sb.append("]}");
    }

    private static StringBuilder candidate(StringBuilder sb, String token, Double logprob) {
        JsonText.string(sb.append("\"token\":"), token).append(",\"logprob\":");
        number(sb, logprob).append(",\"bytes\":[");
        byte[] bytes = token.getBytes(StandardCharsets.UTF_8);
        for (int b = 0; b < bytes.length; b++) {
            sb.append(b > 0 ? "," : "").append(bytes[b] & 0xff);
        }
        return sb.append(']');
    }

    private static StringBuilder number(StringBuilder sb, Double value) {
        return sb.append(value == null ? "null" : PyFloat.repr(value));
    }
}
