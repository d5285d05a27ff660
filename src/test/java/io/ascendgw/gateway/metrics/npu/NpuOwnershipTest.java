package io.ascendgw.gateway.metrics.npu;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

class NpuOwnershipTest {

    /** 100 (engine a) → 110 (EngineCore) → 111 (worker); 200 (engine b); 300 → 1 (an orphan, re-parented to init). */
    private static final Map<Long, Long> PARENTS = Map.of(110L, 100L, 111L, 110L, 100L, 50L, 200L, 50L, 300L, 1L);

    private final NpuOwnership ownership = new NpuOwnership(Map.of(100L, "a", 200L, "b"),
        pid -> PARENTS.getOrDefault(pid, -1L));

    @Test
    void shouldFindTheEngineWhenTheProcessDescendsFromIt() {
        assertThat(ownership.ownerOf(process(111))).contains("a");
        assertThat(ownership.ownerOf(process(200))).contains("b");
    }

    @Test
    void shouldCallAProcessForeignWhenNoEngineIsAmongItsAncestors() {
        assertThat(ownership.ownerOf(process(300))).isEmpty();
        assertThat(ownership.ownerOf(process(999))).isEmpty();
    }

    @Test
    void shouldGiveUpWhenParentsLoop() {
        // Given a broken parent table that loops
        NpuOwnership looping = new NpuOwnership(Map.of(1000L, "x"), pid -> pid == 5 ? 6 : 5);

        // Then
        assertThat(looping.ownerOf(process(5))).isEmpty();
    }

    private static NpuProcess process(long pid) {
        return new NpuProcess(0, 0, pid, "python", 100, OptionalLong.empty());
    }
}
