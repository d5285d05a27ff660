package io.ascendgw.gateway.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.ascendgw.gateway.config.GatewayConfigException;
import io.ascendgw.gateway.testing.TestConfig;

class PoolPlannerTest {

    @Test
    void shouldRunTheEmbeddedSimulatorPoolWhenNothingIsConfigured() {
        List<PoolSettings> plan = PoolPlanner.plan(TestConfig.of(), Optional.empty());
        assertThat(plan).singleElement().satisfies(pool -> {
            assertThat(pool.name()).isEqualTo("embedded");
            assertThat(pool.replicas()).isEqualTo(2);
            assertThat(pool.command()).anyMatch(arg -> arg.contains("SimulatorMain") || arg.equals("sim"));
            assertThat(pool.servedModels()).containsExactly("qwen2.5-3b-instruct");
            assertThat(pool.args()).containsExactly("--enable-auto-tool-choice", "--tool-call-parser", "hermes",
                    "--enable-lora");
            assertThat(pool.env()).containsEntry("VLLM_ALLOW_RUNTIME_LORA_UPDATING", "True");
        });
        // and extra flags come after the tool-calling and LoRA ones
        assertThat(PoolPlanner.plan(TestConfig.of("gateway.embedded.args", "--sim-zero-delay"), Optional.empty())
                .get(0).args()).containsExactly("--enable-auto-tool-choice", "--tool-call-parser", "hermes",
                        "--enable-lora", "--sim-zero-delay");
    }

    @Test
    void shouldNotRunTheEmbeddedPoolWhenUpstreamsAreConfigured() {
        assertThat(PoolPlanner.plan(TestConfig.of("gateway.upstreams", "http://10.0.0.2:8000"), Optional.empty()))
                .isEmpty();
    }

    @Test
    void shouldGiveEachReplicaADisjointGroupAndPoolsWithoutDevicesWhatIsLeft() {
        // Given pool "a" naming NPUs 4-7 and pool "b" asking for 2 x 2 without naming any
        List<PoolSettings> plan = PoolPlanner.plan(TestConfig.of(
                "gateway.pools.a.model", "qwen-7b", "gateway.pools.a.replicas", "2",
                "gateway.pools.a.npus-per-replica", "2", "gateway.pools.a.devices", "4,5,6,7",
                "gateway.pools.b.model", "qwen-3b", "gateway.pools.b.replicas", "2",
                "gateway.pools.b.npus-per-replica", "2"), Optional.of(List.of(0, 1, 2, 3, 4, 5, 6, 7)));
        // Then groups never overlap
        PoolSettings a = plan.get(0);
        PoolSettings b = plan.get(1);
        assertThat(a.deviceGroup(0)).containsExactly(4, 5);
        assertThat(a.deviceGroup(1)).containsExactly(6, 7);
        assertThat(b.deviceGroup(0)).containsExactly(0, 1);
        assertThat(b.deviceGroup(1)).containsExactly(2, 3);
        assertThat(a.command()).containsExactly("python", "-m", "vllm.entrypoints.openai.api_server");
    }

    @Test
    void shouldRefuseMoreNpusThanExist() {
        assertThatThrownBy(() -> PoolPlanner.plan(TestConfig.of("gateway.pools.big.model", "m",
                "gateway.pools.big.replicas", "3", "gateway.pools.big.npus-per-replica", "4"), Optional.empty()))
                .isInstanceOf(GatewayConfigException.class)
                .hasMessageContaining("gateway.pools.big asks for 12 NPUs")
                .hasMessageContaining("only 8 are available");
    }

    @Test
    void shouldRefuseOverlappingDeviceLists() {
        assertThatThrownBy(() -> PoolPlanner.plan(TestConfig.of(
                "gateway.pools.a.model", "m", "gateway.pools.a.devices", "0,1",
                "gateway.pools.b.model", "m", "gateway.pools.b.devices", "1,2"), Optional.empty()))
                .isInstanceOf(GatewayConfigException.class)
                .hasMessageContaining("both claim NPU 1");
    }

    @Test
    void shouldRefuseDevicesNpuSmiDoesNotReport() {
        assertThatThrownBy(() -> PoolPlanner.plan(TestConfig.of(
                "gateway.pools.a.model", "m", "gateway.pools.a.devices", "9"), Optional.of(List.of(0, 1))))
                .isInstanceOf(GatewayConfigException.class)
                .hasMessageContaining("NPU 9, which npu-smi does not report");
    }

    @Test
    void shouldRefuseArgsAndEnvThatSetWhatTheGatewaySetsForEachEngineNamingTheKeyToUse() {
        // Given a vLLM command line pasted into args, in both spellings, and a device list pasted into env
        String[][] refused = {
            {"gateway.pools.q.args", "--port,9000", "gateway.pools.q.args sets --port", "base-port"},
            {"gateway.pools.q.args", "--max-model-len,8192,--port=9000", "sets --port", "free port"},
            {"gateway.pools.q.args", "--host,0.0.0.0", "sets --host", "use gateway.pools.q.host"},
            {"gateway.pools.q.args", "--model,/models/other", "sets --model", "use gateway.pools.q.model"},
            {"gateway.pools.q.args", "--served-model-name=x", "sets --served-model-name", "served-model-name"},
            {"gateway.pools.q.args", "-tp,4", "sets -tp", "use gateway.pools.q.npus-per-replica"},
            {"gateway.pools.q.args", "--tensor-parallel-size,4", "sets --tensor-parallel-size", "npus-per-replica"},
            {"gateway.pools.q.env.ASCEND_RT_VISIBLE_DEVICES", "0,1", "env sets ASCEND_RT_VISIBLE_DEVICES",
                "use gateway.pools.q.devices"},
            {"gateway.pools.q.env.HCCL_IF_BASE_PORT", "61000", "env sets HCCL_IF_BASE_PORT", "HCCL port"},
        };
        for (String[] c : refused) {
            assertThatThrownBy(() -> PoolPlanner.plan(TestConfig.of("gateway.pools.q.model", "m", c[0], c[1]),
                    Optional.empty())).as(c[1]).isInstanceOf(GatewayConfigException.class)
                    .hasMessageContaining(c[2]).hasMessageContaining(c[3]);
        }
        assertThatThrownBy(() -> PoolPlanner.plan(TestConfig.of("gateway.embedded.args", "--port,9000"),
                Optional.empty())).hasMessageContaining("gateway.embedded.args sets --port");

        // Then the same flags are fine where the gateway does not set them: other flags, and parallelism and
        // devices of a pool without NPUs (a simulator, a CPU build)
        assertThat(PoolPlanner.plan(TestConfig.of("gateway.pools.q.model", "m", "gateway.pools.q.args",
                "--max-model-len,8192,--port-offset,3,--enable-prefix-caching"), Optional.empty())).hasSize(1);
        assertThat(PoolPlanner.plan(TestConfig.of("gateway.pools.q.model", "m", "gateway.pools.q.npus-per-replica",
                "0", "gateway.pools.q.args", "-tp,2", "gateway.pools.q.env.ASCEND_RT_VISIBLE_DEVICES", "0"),
                Optional.empty())).hasSize(1);
    }
}
