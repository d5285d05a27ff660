package io.ascendgw.gateway.engine;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.IntStream;

import io.ascendgw.gateway.config.EmbeddedConfig;
import io.ascendgw.gateway.config.GatewayConfig;
import io.ascendgw.gateway.config.GatewayConfigException;
import io.ascendgw.gateway.config.LauncherKind;
import io.ascendgw.gateway.config.PoolConfig;

/**
 * Turns the pool configuration into {@link PoolSettings}: resolves commands and assigns every pool a disjoint set
 * of NPUs. Refuses, naming the key, a configuration that asks for more NPUs than exist or gives two pools the same
 * NPU.
 */
public final class PoolPlanner {

    /** NPUs assumed when {@code npu-smi} cannot tell: one 8-NPU Atlas server. */
    public static final List<Integer> DEFAULT_DEVICES = IntStream.range(0, 8).boxed().toList();

    static final List<String> EMBEDDED_FEATURES = List.of("--enable-auto-tool-choice", "--tool-call-parser",
            "hermes", "--enable-lora");
    /** What lets an engine load LoRA adapters at run time ({@code /v1/load_lora_adapter}). */
    static final Map<String, String> RUNTIME_LORA = Map.of("VLLM_ALLOW_RUNTIME_LORA_UPDATING", "True");
    static final List<String> VLLM_COMMAND = List.of("python", "-m", "vllm.entrypoints.openai.api_server");

    private PoolPlanner() {
    }

    /**
     * @param hostDevices NPU ids that exist on this host ({@code npu-smi}), or empty when unknown
     */
    public static List<PoolSettings> plan(GatewayConfig config, Optional<List<Integer>> hostDevices) {
        Map<String, PoolConfig> pools = new TreeMap<>(config.pools());
        boolean noUpstreams = config.upstreams().map(List::isEmpty).orElse(true)
                && config.discovery().dns().map(List::isEmpty).orElse(true);
        if (pools.isEmpty() && noUpstreams && config.embedded().enabled()) {
            return List.of(embedded(config.embedded()));
        }
        List<Integer> host = hostDevices.orElse(DEFAULT_DEVICES);
        Map<Integer, String> claimedBy = new HashMap<>();
        // Pools that name their NPUs claim them first; the others share what is left, in pool-name order.
        for (var entry : pools.entrySet()) {
            entry.getValue().devices().ifPresent(devices -> claim(entry.getKey(), devices, host, hostDevices
                    .isPresent(), claimedBy));
        }
        List<Integer> unclaimed = new ArrayList<>(host.stream().filter(d -> !claimedBy.containsKey(d)).toList());
        List<PoolSettings> plans = new ArrayList<>();
        for (var entry : pools.entrySet()) {
            String name = entry.getKey();
            PoolConfig pool = entry.getValue();
            int needed = pool.replicas() * pool.npusPerReplica();
            List<Integer> devices;
            if (pool.devices().isPresent()) {
                devices = List.copyOf(new LinkedHashSet<>(pool.devices().get()));
            } else {
                devices = List.copyOf(unclaimed.subList(0, Math.min(needed, unclaimed.size())));
                unclaimed.removeAll(devices);
            }
            if (pool.replicas() < 0 || pool.npusPerReplica() < 0) {
                throw new GatewayConfigException("gateway.pools." + name + ": replicas and npus-per-replica must not be"
                        + " negative");
            }
            if (devices.size() < needed) {
                throw new GatewayConfigException("gateway.pools." + name + " asks for " + needed + " NPUs (replicas "
                        + pool.replicas() + " x npus-per-replica " + pool.npusPerReplica() + ") but only "
                        + devices.size() + " are available to it: " + devices + " (host NPUs " + host + ")");
            }
            ManagedFlags.check("gateway.pools." + name, pool.args().orElse(List.of()), pool.env(),
                    pool.npusPerReplica() > 0);
            plans.add(new PoolSettings(name, command(pool), pool.model(), pool.servedModelName().orElse(List.of()),
                    pool.replicas(), pool.npusPerReplica(), devices, pool.basePort(), pool.host(),
                    pool.args().orElse(List.of()), pool.env(), pool.startupTimeout()));
        }
        return List.copyOf(plans);
    }

    private static void claim(String pool, List<Integer> devices, List<Integer> host, boolean hostKnown,
            Map<Integer, String> claimedBy) {
        Set<Integer> seen = new LinkedHashSet<>();
        for (Integer device : devices) {
            if (!seen.add(device)) {
                throw new GatewayConfigException("gateway.pools." + pool + ".devices lists NPU " + device + " twice");
            }
            if (hostKnown && !host.contains(device)) {
                throw new GatewayConfigException("gateway.pools." + pool + ".devices names NPU " + device
                        + ", which npu-smi does not report (host NPUs " + host + ")");
            }
            String other = claimedBy.putIfAbsent(device, pool);
            if (other != null) {
                throw new GatewayConfigException("gateway.pools." + pool + ".devices and gateway.pools." + other
                        + ".devices both claim NPU " + device + "; NPU groups must not overlap");
            }
        }
    }

    private static PoolSettings embedded(EmbeddedConfig embedded) {
        if (embedded.replicas() < 0) {
            throw new GatewayConfigException("gateway.embedded.replicas must not be negative, got "
                    + embedded.replicas());
        }
        ManagedFlags.check("gateway.embedded", embedded.args().orElse(List.of()), Map.of(), false);
        List<Integer> devices = DEFAULT_DEVICES.subList(0, Math.min(embedded.replicas(), DEFAULT_DEVICES.size()));
        int npus = embedded.replicas() <= DEFAULT_DEVICES.size() ? 1 : 0;
        // started as a Qwen deployment with tool calling and runtime LoRA adapters, so agent scripts' tools and a
        // fine-tuning loop's adapters work against the default pool
        List<String> args = new java.util.ArrayList<>(EMBEDDED_FEATURES);
        args.addAll(embedded.args().orElse(List.of()));
        return new PoolSettings("embedded", SimCommand.defaultCommand(), embedded.model(),
                List.of(embedded.servedModelName()), embedded.replicas(), npus, npus == 0 ? List.of() : devices,
                Optional.empty(), "127.0.0.1", List.copyOf(args), RUNTIME_LORA,
                java.time.Duration.ofMinutes(2));
    }

    private static List<String> command(PoolConfig pool) {
        if (pool.command().isPresent() && !pool.command().get().isEmpty()) {
            return pool.command().get();
        }
        return pool.launcher() == LauncherKind.SIM ? SimCommand.defaultCommand() : VLLM_COMMAND;
    }

    /** The command that runs this jar's simulator with the same Java as the gateway. */
    static final class SimCommand {
        private SimCommand() {
        }

        static List<String> defaultCommand() {
            String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            String classPath = System.getProperty("java.class.path");
            List<String> command = new ArrayList<>(List.of(javaBin, "-XX:+UseSerialGC", "-Xms32m", "-Xmx512m",
                    "-Xss512k"));
            if (classPath.endsWith("quarkus-run.jar") && !classPath.contains(java.io.File.pathSeparator)) {
                command.addAll(List.of("-jar", classPath, "sim"));
            } else {
                command.addAll(List.of("-cp", classPath, "io.ascendgw.gateway.sim.SimulatorMain"));
            }
            return command;
        }
    }
}
