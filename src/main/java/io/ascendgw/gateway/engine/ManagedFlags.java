package io.ascendgw.gateway.engine;

import java.util.List;
import java.util.Map;

import io.ascendgw.gateway.config.GatewayConfigException;

/**
 * The engine flags and environment variables the gateway sets for each engine itself. A pool whose {@code args} or
 * {@code env} sets one too is refused at start, naming the key to use instead: vLLM takes the last of repeated flags
 * and the pool's variables come last, so its value would win, and for {@code --port} the gateway would wait forever
 * on a port nobody listens on.
 */
final class ManagedFlags {

    private ManagedFlags() {
    }

    /**
     * @param prefix the pool's configuration prefix, e.g. {@code gateway.pools.qwen}
     * @param pinned whether the pool's engines get NPUs (then device and parallelism settings are the gateway's)
     */
    static void check(String prefix, List<String> args, Map<String, String> env, boolean pinned) {
        for (String arg : args) {
            int equals = arg.indexOf('=');
            String flag = equals > 0 ? arg.substring(0, equals) : arg;
            String instead = switch (flag) {
                case "--port" -> "each engine gets a free port (" + prefix + ".base-port sets where the search starts)";
                case "--host" -> "use " + prefix + ".host";
                case "--model" -> "use " + prefix + ".model";
                case "--served-model-name" -> "use " + prefix + ".served-model-name";
                case "--tensor-parallel-size", "-tp" -> pinned ? "use " + prefix + ".npus-per-replica" : null;
                default -> null;
            };
            if (instead != null) {
                throw new GatewayConfigException(prefix + ".args sets " + flag + ", which the gateway sets for each "
                        + "engine itself; " + instead);
            }
        }
        for (String variable : env.keySet()) {
            if (pinned && (variable.equals("ASCEND_RT_VISIBLE_DEVICES") || variable.equals("HCCL_IF_BASE_PORT"))) {
                throw new GatewayConfigException(prefix + ".env sets " + variable + ", which the gateway sets for "
                        + "each engine from its NPUs so that engines never share an NPU or an HCCL port; use "
                        + prefix + ".devices to choose the NPUs");
            }
        }
    }
}
