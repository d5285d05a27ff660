package io.ascendgw.gateway.bench;

/** The {@code --help} text: every flag with its default. */
final class CliUsage {

    private CliUsage() {
    }

    static final String TEXT = """
            Usage: java -jar quarkus-run.jar bench [flags]

            Load generator for OpenAI-compatible servers (vLLM, the gateway, the simulator, a proxy in front).
            Prints progress on stderr about once a second, a result table on stdout, and optionally a JSON file.
            Exit code: 0 when the run happened (request errors are reported, not fatal), 1 when it could not
            start (e.g. model lookup failed), 2 on bad flags.

            Target
              --base-url URL            server base URL, may include a path prefix; a trailing /v1, as in
                                        OpenAI clients' base URLs, is dropped  [http://127.0.0.1:8000]
              --endpoint chat|completions   /v1/chat/completions or /v1/completions   [chat]
              --model NAME              model to request  [first id of GET /v1/models]
              --model-mix NAME[=W],...  instead of --model: draw each request's model by weight W [1], e.g.
                                        base=1,sql-lora=3 (LoRA adapters are requested by their name)
              --header K:V              extra request header, repeatable (e.g. 'Authorization: Bearer x')
              --insecure                trust any TLS certificate (https base URLs)

            Load (choose one length and one mode)
              --num-requests N          measured requests  [1000]
              --duration D              measured time budget instead, e.g. 60, 60s, 5m; then in-flight drain
              --request-rate R|inf      open loop, Poisson arrivals at R req/s; inf = all at once  [inf]
              --concurrency C           closed loop, C requests in flight
              --burstiness B            request-rate mode: gaps gamma-distributed with shape B, as vLLM's
                                        benchmark: 1 = Poisson, < 1 burstier, > 1 more even  [1]
              --max-connections N       connection pool size in request-rate mode  [10000]
              --warmup N                requests sent and discarded before measuring  [0]
              --timeout S               whole-request timeout in seconds (counts as error 'timeout')  [300]

            Requests
              --stream | --no-stream    SSE streaming with stream_options.include_usage, or one JSON body [stream]
              --output-len N            max_tokens, sent with ignore_eos=true so outputs have exact lengths [128]
              --output-len-dist fixed|uniform:A-B   fixed = --output-len; uniform draws max_tokens in [A, B]
              --no-ignore-eos           do not send ignore_eos (outputs may stop early)

            Workload
              --workload random|shared-prefix|dataset   [random; dataset when --dataset-path is given]
              --dataset-path FILE       replay recorded requests, in an order shuffled by --seed: a ShareGPT
                                        JSON file (first turn sent, second turn's length asked for; vLLM's
                                        4-1024 prompt / 2048 total token filter), or JSON Lines of
                                        {"prompt": ..., "output_tokens"?: N}, {"messages": [...]} (a final
                                        assistant message is the answer: its length is asked for) or OpenAI
                                        batch lines {"custom_id", "url", "body": {...}} (body fields sent as
                                        recorded, max_tokens asked for). --output-len/--output-len-dist, when
                                        given, replace the recorded lengths. Token counts are estimated
                                        (~4 ASCII characters or 1 CJK character per token)
              --input-len N             random: prompt tokens (~4 bytes/token English, ~1 token/char Chinese) [1024]
              --prefix-len N            shared-prefix: tokens of each shared system/few-shot prompt  [1024]
              --num-prefixes N          shared-prefix: number of distinct long prefixes  [4]
              --suffix-len N            shared-prefix: tokens of the varied user suffix  [64]
              --lang en|zh|mixed        prompt text language  [en]
              --seed N                  prompts, output lengths and arrivals are deterministic per seed  [0]
              --images N                chat: N pictures per request (vision-language models), as base64
                                        JPEG data URLs before the user text  [0]
              --image-size WxH          pixels of each picture  [1024x768]
              --distinct-images K       pictures drawn from a pool of K generated ones  [16]

            Output
              --percentiles LIST        extra latency percentiles, e.g. 50,90,99,99.9  [50,90,99]
              --goodput NAME:MS ...     service-level objectives (ttft, tpot, e2el in ms), e.g. --goodput
                                        ttft:300 tpot:50: also report the requests/s that met all of them
              --result-file PATH        write the result as JSON (vLLM benchmark_serving key names)
              --label TEXT              name of this run in the table and the JSON
              -h, --help                this text

            vLLM's spellings (vllm bench serve, benchmark_serving.py) work too: --num-prompts, --max-concurrency,
            --host/--port, --backend vllm|openai (completions) or openai-chat, --endpoint /v1/completions,
            --dataset-name random|sharegpt|custom, --random-input-len, --random-output-len,
            --sharegpt-output-len, --custom-output-len (-1: recorded lengths), --metric-percentiles, --ignore-eos,
            --save-result with --result-dir/--result-filename; --tokenizer, --trust-remote-code and
            --percentile-metrics are accepted and have no effect (token counts come from the server's usage).

            Metrics: TTFT = send to first content-carrying event; ITL = gaps between content events;
            TPOT = (e2e - ttft) / (output_tokens - 1); E2EL = send to end of response. Failed requests are
            counted by kind (http_<status>, connection, timeout, truncated, stream_error) and excluded from
            latencies. Throughput is over the measured window (warm-up excluded).

            Benchmarks built on it, each starting what it measures (bench NAME --help for its flags):
              bench proxy-overhead      gateway vs direct-to-engine vs nginx, one engine with zero model delay
              bench routing             routing policies side by side, 4 simulated engines
              bench lora                LoRA-adapter affinity on and off side by side, 4 engines, 8 adapters
              bench fairness            admission queue fifo vs per-key: a batch flood and an interactive key;
                                        --scenario tokens: per-key-requests vs per-key, long and short outputs
              bench chaos               engine faults under load: SIGKILL, hang, 500s, rolling restart
              bench soak                steady load; latency, memory, threads, sockets over time
            """;
}
