package io.ascendgw.gateway.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class EngineCommandTest {

    @Test
    void shouldPassVllmFlagsPlacementAndDisjointHcclWindows() {
        // Given two TP=2 engines on one host
        EngineCommand first = EngineCommand.of(spec(0, List.of(2, 3)));
        EngineCommand second = EngineCommand.of(spec(1, List.of(0, 1)));
        // Then each sees its own NPUs, port and HCCL window, and config flags come last
        assertThat(first.argv()).containsExactly("python", "-m", "vllm.entrypoints.openai.api_server",
                "--model", "/models/Qwen2.5-7B", "--served-model-name", "qwen", "qwen-alias", "--host", "127.0.0.1",
                "--port", "18000", "--tensor-parallel-size", "2", "--max-model-len", "8192");
        assertThat(first.environment()).containsEntry("ASCEND_RT_VISIBLE_DEVICES", "2,3")
                .containsEntry("HCCL_IF_BASE_PORT", "60000").containsEntry("VLLM_USE_MODELSCOPE", "true");
        assertThat(second.environment()).containsEntry("ASCEND_RT_VISIBLE_DEVICES", "0,1")
                .containsEntry("HCCL_IF_BASE_PORT", "60064");
    }

    private static EngineSpec spec(int slot, List<Integer> devices) {
        return new EngineSpec("p-" + slot, "p", slot, slot, PoolPlanner.VLLM_COMMAND, "/models/Qwen2.5-7B",
                List.of("qwen", "qwen-alias"), "127.0.0.1", 18000 + slot, devices, 2, List.of("--max-model-len",
                        "8192"), Map.of("VLLM_USE_MODELSCOPE", "true"), Duration.ofMinutes(10));
    }
}
