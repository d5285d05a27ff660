package io.ascendgw.gateway.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessTreeTest {

    @TempDir
    Path runDir;

    private EngineProcess engine;

    @AfterEach
    void killLeftovers() {
        if (engine != null) {
            ProcessTree.stop(engine.pid(), engine.pid(), Duration.ZERO);
        }
    }

    @Test
    void shouldStopChildrenAndReparentedGrandchildrenOfAnEngine() throws Exception {
        // Given an "engine" that forks a worker and a detached grandchild (re-parented to init), like vLLM's core
        engine = launch("(sleep 300 &) ; sleep 301 & exec sleep 302");
        await().atMost(Duration.ofSeconds(5)).until(() -> ProcessTree.members(engine.pid(), engine.pid()).size() >= 3);
        Set<ProcessHandle> members = ProcessTree.members(engine.pid(), engine.pid());
        // When the tree is stopped
        engine.stop(Duration.ofSeconds(5));
        // Then every member is gone, including the one no longer a descendant
        assertThat(members).noneMatch(ProcessHandle::isAlive);
        assertThat(engine.onExit().get()).isNotNull();
    }

    @Test
    void shouldKillWhatIgnoresSigtermAfterTheGrace() {
        // Given an engine that ignores SIGTERM
        engine = launch("trap '' TERM; sleep 300 & wait; sleep 300");
        await().atMost(Duration.ofSeconds(5)).until(() -> ProcessTree.members(engine.pid(), engine.pid()).size() >= 2);
        Set<ProcessHandle> members = ProcessTree.members(engine.pid(), engine.pid());
        // When stopped with a short grace
        long start = System.nanoTime();
        engine.stop(Duration.ofMillis(500));
        // Then SIGKILL finished the job
        assertThat(members).noneMatch(ProcessHandle::isAlive);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(500));
    }

    @Test
    void shouldReapOrphansRecordedByADeadGatewayEvenWhenTheMainProcessIsGone() throws Exception {
        // Given two engines recorded in a state file; one's main process was SIGKILLed, leaving its worker behind
        StateFile state = new StateFile(runDir.resolve("engines.json"));
        EngineProcess intact = launch("sleep 310 & exec sleep 311");
        EngineProcess headless = launch("sleep 312 & exec sleep 313");
        for (EngineProcess p : List.of(intact, headless)) {
            state.put(new StateFile.Entry("e" + p.pid(), p.pid(), p.pid(), p.startedAt().toEpochMilli()));
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> ProcessTree.members(headless.pid(), headless.pid()).size() >= 2);
        Set<ProcessHandle> all = ProcessTree.members(intact.pid(), intact.pid());
        all.addAll(ProcessTree.members(headless.pid(), headless.pid()));
        ProcessHandle.of(headless.pid()).orElseThrow().destroyForcibly();
        headless.onExit().get();
        assertThat(all.stream().filter(ProcessHandle::isAlive).count()).isGreaterThanOrEqualTo(3);
        // When a new gateway reads the state file
        int reaped = OrphanReaper.reap(new StateFile(runDir.resolve("engines.json")).read(), Duration.ofSeconds(5));
        // Then both engines' processes are gone
        assertThat(reaped).isEqualTo(2);
        assertThat(all).noneMatch(ProcessHandle::isAlive);
    }

    @Test
    void shouldLeaveAProcessAloneWhosePidWasReused() {
        // Given a state entry whose pid now belongs to a process started at another time
        engine = launch("exec sleep 300");
        StateFile.Entry stale = new StateFile.Entry("old", engine.pid(), engine.pid(),
                engine.startedAt().toEpochMilli() - 3_600_000);
        // When reaped
        int reaped = OrphanReaper.reap(List.of(stale), Duration.ofSeconds(1));
        // Then it is untouched
        assertThat(reaped).isZero();
        assertThat(ProcessHandle.of(engine.pid()).map(ProcessHandle::isAlive)).contains(true);
    }

    private EngineProcess launch(String script) {
        try {
            ProcessLauncher launcher = new ProcessLauncher(runDir.resolve("logs"), 1 << 20, 2);
            return launcher.launch(new EngineSpec("t", "t", 0, 0, List.of("sh", "-c", script + " #"), "m",
                    List.of(), "127.0.0.1", 1, List.of(), 0, List.of(), Map.of(), Duration.ofSeconds(5)));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static String names(Set<ProcessHandle> handles) {
        return handles.stream().map(h -> h.pid() + ":" + h.info().command().orElse("?"))
                .collect(Collectors.joining(","));
    }
}
