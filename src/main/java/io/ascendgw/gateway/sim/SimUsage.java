package io.ascendgw.gateway.sim;

import java.util.List;

/** The {@code --help} text, generated from the flag tables so it cannot drift from the parser. */
final class SimUsage {

    private SimUsage() {
    }

    static String shortUsage() {
        return "usage: sim [-h] [--model MODEL] [--served-model-name NAME [NAME ...]] [--host HOST] [--port PORT] "
                + "[vLLM flags ...] [--sim-* flags ...]";
    }

    static String text() {
        StringBuilder sb = new StringBuilder(shortUsage()).append("\n\n")
                .append("vLLM-compatible engine simulator: vLLM's OpenAI API server on a real port, with simulated "
                        + "token generation.\n\nvLLM flags (other vLLM flags are accepted and ignored):\n");
        append(sb, SimArgsParser.vllmFlags());
        sb.append("\nSimulator flags:\n");
        append(sb, SimArgsParser.simFlags());
        sb.append("""

                Default KV capacity (without --num-gpu-blocks-override): a Qwen2.5-3B (36 layers, 2 KV heads x 128,
                bf16 -> 36 KiB per token) on tp x Ascend 910B2 (64 GiB): (64 GiB x gpu-memory-utilization x tp
                - 6.2 GB weights - 2 GiB x tp reserve) / (36 KiB x block-size); 11,300 blocks of 128 at 0.9.
                Default speed: prefill ~16k tokens/s (6.2 GFLOP/token at ~35% of 313 TFLOPS); a decode step
                14 ms + 0.12 ms per running sequence (6.2 GB weights per step at 1.6 TB/s plus Ascend launch
                overhead; KV reads grow with the batch).

                Tokens: one token per 4 UTF-8 bytes of the prompt (chat rendered with a ChatML template); prefix
                blocks are block-size tokens = 4 x block-size bytes, hashed chained.

                Control API (not part of vLLM; answers even while HTTP is hung):
                  GET  /sim/state    faults and engine counters as JSON
                  POST /sim/faults   {"clear":true} | {"hang":true|false} | {"hangHttp":true|false}
                                     | {"dead":true|false} (health 503/500, requests fail) | {"failRate":P}
                                     | {"abortStreamAfterTokens":K} (-1 off) | {"crashExitCode":N} | {"crash":true}
                                     fields combine; applied in this order; the answer is the new state.
                """);
        return sb.toString();
    }

    private static void append(StringBuilder sb, List<FlagSpec> flags) {
        for (FlagSpec f : flags) {
            String names = String.join(", ", f.names()) + (f.metavar().isEmpty() ? "" : " " + f.metavar());
            sb.append("  ").append(names);
            sb.append(names.length() < 34 ? " ".repeat(34 - names.length()) : "\n" + " ".repeat(36));
            sb.append(f.help()).append('\n');
        }
    }
}
