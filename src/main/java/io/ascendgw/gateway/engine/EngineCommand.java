package io.ascendgw.gateway.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The argv and environment of one engine process: vLLM's own flags plus the Ascend placement (which NPUs it sees,
 * which HCCL port window it uses) so several tensor-parallel engines on one host never collide.
 */
public record EngineCommand(List<String> argv, Map<String, String> environment) {

    /** First HCCL host port; engine k uses a 64-port window starting at {@code HCCL_BASE + 64·k}. */
    static final int HCCL_BASE = 60000;
    static final int HCCL_WINDOW = 64;

    public static EngineCommand of(EngineSpec spec) {
        List<String> argv = new ArrayList<>(spec.command());
        argv.add("--model");
        argv.add(spec.model());
        if (!spec.servedModels().isEmpty()) {
            argv.add("--served-model-name");
            argv.addAll(spec.servedModels());
        }
        argv.add("--host");
        argv.add(spec.host());
        argv.add("--port");
        argv.add(Integer.toString(spec.port()));
        if (spec.tensorParallelSize() > 0) {
            argv.add("--tensor-parallel-size");
            argv.add(Integer.toString(spec.tensorParallelSize()));
        }
        argv.addAll(spec.extraArgs());

        Map<String, String> env = new LinkedHashMap<>();
        if (!spec.devices().isEmpty()) {
            env.put("ASCEND_RT_VISIBLE_DEVICES",
                    spec.devices().stream().sorted().map(String::valueOf).collect(Collectors.joining(",")));
            env.put("HCCL_IF_BASE_PORT", Integer.toString(HCCL_BASE + HCCL_WINDOW * spec.slot()));
        }
        // vLLM logs through Python; unbuffered output reaches the engine's log file as it happens.
        env.put("PYTHONUNBUFFERED", "1");
        env.putAll(spec.env());
        return new EngineCommand(List.copyOf(argv), Map.copyOf(env));
    }
}
