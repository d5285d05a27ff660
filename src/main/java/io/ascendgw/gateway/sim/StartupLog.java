package io.ascendgw.gateway.sim;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/** The startup log lines of vLLM, in order, and the simulated model-loading time. */
final class StartupLog {

    private static final String[][] ROUTES = {
        {"/openapi.json", "GET, HEAD"}, {"/docs", "GET, HEAD"}, {"/health", "GET"}, {"/load", "GET"},
        {"/ping", "POST"}, {"/ping", "GET"}, {"/tokenize", "POST"}, {"/version", "GET"},
        {"/v1/models", "GET"}, {"/v1/chat/completions", "POST"}, {"/v1/completions", "POST"}, {"/metrics", "GET"},
    };

    private final SimArgs args;
    private final SimLog log;
    private final long startNanos = System.nanoTime();

    StartupLog(SimArgs args, SimLog log) {
        this.args = args;
        this.log = log;
    }

    /** Version and arguments, as the first lines of a vLLM server. */
    static void banner(SimArgs args, SimLog log) {
        VllmDialect d = args.dialect();
        String commandLine = argsText(args, d.legacy());
        log.info(d.legacy() ? "api_server.py:912" : "api_server.py:1839", "vLLM API server version " + d.version());
        log.info(d.legacy() ? "api_server.py:913" : "utils.py:233",
                (d.legacy() ? "args: Namespace(" : "non-default args: {") + commandLine + (d.legacy() ? ")" : "}"));
        if (!args.unknownFlags().isEmpty()) {
            log.warning("arg_utils.py:1750", "Ignoring unrecognised arguments (vLLM simulator): "
                    + String.join(", ", args.unknownFlags()));
        }
    }

    private static String argsText(SimArgs args, boolean legacy) {
        VllmArgs v = args.vllm();
        Object[][] pairs = {
            {"model", v.model()}, {"served_model_name", v.servedModelNames()}, {"host", v.host()},
            {"port", v.port()}, {"max_model_len", v.maxModelLen()}, {"max_num_seqs", v.maxNumSeqs()},
            {"tensor_parallel_size", v.tensorParallelSize()}, {"block_size", v.blockSize()},
            {"num_gpu_blocks_override", v.numGpuBlocksOverride()}, {"gpu_memory_utilization", v.gpuMemoryUtilization()},
            {"enable_prefix_caching", args.prefixCaching()},
        };
        StringBuilder sb = new StringBuilder();
        for (Object[] pair : pairs) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(legacy ? pair[0] + "=" : "'" + pair[0] + "': ").append(py(pair[1]));
        }
        return sb.toString();
    }

    private static String py(Object value) {
        if (value == null) {
            return "None";
        }
        if (value instanceof Boolean b) {
            return b ? "True" : "False";
        }
        if (value instanceof String s) {
            return "'" + s + "'";
        }
        if (value instanceof List<?> list) {
            StringBuilder sb = new StringBuilder("[");
            for (Object o : list) {
                sb.append(sb.length() > 1 ? ", " : "").append(py(o));
            }
            return sb.append(']').toString();
        }
        return value.toString();
    }

    /** KV-cache sizing lines, then the simulated loading time (blocking). */
    void loading() {
        VllmDialect d = args.dialect();
        int blocks = args.numGpuBlocks();
        long tokens = (long) blocks * args.vllm().blockSize();
        if (d.legacy()) {
            log.info("executor_base.py:111", "# npu blocks: " + blocks + ", # CPU blocks: 585");
            log.info("executor_base.py:116", String.format(Locale.ROOT,
                    "Maximum concurrency for %d tokens per request: %.2fx", args.vllm().maxModelLen(),
                    (double) tokens / args.vllm().maxModelLen()));
        } else {
            log.info("kv_cache_utils.py:1087", String.format(Locale.ROOT, "GPU KV cache size: %,d tokens", tokens));
            log.info("kv_cache_utils.py:1091", String.format(Locale.ROOT,
                    "Maximum concurrency for %,d tokens per request: %.2fx", args.vllm().maxModelLen(),
                    (double) tokens / args.vllm().maxModelLen()));
        }
        sleepLoading(args.sim().startupDelaySeconds());
        log.info(d.legacy() ? "llm_engine.py:436" : "core.py:210", String.format(Locale.ROOT,
                "init engine (profile, create kv cache, warmup model) took %.2f seconds",
                (System.nanoTime() - startNanos) / 1e9));
    }

    /** Ready lines: vLLM's on stdout, then uvicorn's triplet on stderr. */
    void ready(int port) {
        VllmDialect d = args.dialect();
        String host = args.vllm().host() == null ? "0.0.0.0" : args.vllm().host();
        String server = d.indexedReadyLine() ? "Starting vLLM API server 0 on http://" : "Starting vLLM API server on http://";
        log.info(d.legacy() ? "api_server.py:958" : "api_server.py:1912", server + host + ":" + port);
        log.info(d.legacy() ? "launcher.py:23" : "launcher.py:34", "Available routes are:");
        for (String[] route : ROUTES) {
            if (d.legacy() && route[0].equals("/load")) {
                continue;
            }
            log.info(d.legacy() ? "launcher.py:31" : "launcher.py:42", "Route: " + route[0] + ", Methods: " + route[1]);
        }
        log.uvicorn("Started server process [" + ProcessHandle.current().pid() + "]");
        log.uvicorn("Waiting for application startup.");
        log.uvicorn("Application startup complete.");
    }

    private void sleepLoading(double seconds) {
        long end = System.nanoTime() + (long) (seconds * 1e9);
        long nextWaitingLine = System.nanoTime();
        while (System.nanoTime() < end) {
            if (!args.dialect().legacy() && System.nanoTime() >= nextWaitingLine) {
                log.info("utils.py:831", "Waiting for 1 local, 0 remote core engine proc(s) to start.");
                nextWaitingLine += TimeUnit.SECONDS.toNanos(10);
            }
            try {
                Thread.sleep(Math.max(1, Math.min(100, (end - System.nanoTime()) / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
