package io.ascendgw.gateway.metrics.npu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.type;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.ascendgw.gateway.metrics.TestFixtures;

/** The probe running the fake npu-smi (src/test/resources/npu-smi/fake-npu-smi) as a real process. */
class NpuSmiCommandProbeTest {

    private static Path fakeNpuSmi;

    @TempDir
    Path tempDir;

    private NpuSmiCommandProbe probe;

    @BeforeAll
    static void makeFakeExecutable() {
        // Maven copies test resources without the executable bit that git keeps
        fakeNpuSmi = TestFixtures.path("npu-smi/fake-npu-smi");
        assertThat(fakeNpuSmi.toFile().setExecutable(true)).isTrue();
    }

    @AfterEach
    void closeProbe() {
        if (probe != null) {
            probe.close();
        }
    }

    @Test
    void shouldReturnTheSnapshotWhenNpuSmiPrintsATable() throws Exception {
        // Given
        probe = probeWith(Map.of(), Duration.ofSeconds(10));

        // When
        NpuProbeResult result = resultOf(probe.probe());

        // Then
        assertThat(result).asInstanceOf(type(NpuProbeResult.Available.class)).satisfies(available -> {
            assertThat(available.snapshot().chips()).hasSize(8);
            assertThat(available.snapshot().processesOn(2)).extracting(NpuProcess::pid).containsExactly(2817345L);
            assertThat(available.elapsed()).isPositive();
        });
    }

    @Test
    void shouldFollowTheScenarioWhenTheFakeIsToldToPrintAnotherTable() throws Exception {
        // Given
        probe = probeWith(Map.of("FAKE_NPU_SMI_INFO", "info-910b-26x-container.txt"), Duration.ofSeconds(10));

        // When
        NpuProbeResult result = resultOf(probe.probe());

        // Then
        assertThat(result).asInstanceOf(type(NpuProbeResult.Available.class))
            .satisfies(available -> assertThat(available.snapshot().hasContainerPids()).isTrue());
    }

    @Test
    void shouldReportAbsentWhenNpuSmiDoesNotExist() throws Exception {
        // Given a path that does not exist, and a bare name that is not on PATH
        Path missing = tempDir.resolve("npu-smi");
        NpuSmiCommandProbe byPath = new NpuSmiCommandProbe(
            new NpuSmiCommandProbe.Settings(missing.toString(), Duration.ofSeconds(5), Map.of()));
        NpuSmiCommandProbe byName = new NpuSmiCommandProbe(
            new NpuSmiCommandProbe.Settings("npu-smi", Duration.ofSeconds(5), Map.of("PATH", tempDir.toString())));

        try {
            // When
            NpuProbeResult pathResult = resultOf(byPath.probe());
            NpuProbeResult nameResult = resultOf(byName.probe());

            // Then
            assertThat(pathResult).isInstanceOf(NpuProbeResult.Absent.class);
            assertThat(nameResult).isEqualTo(new NpuProbeResult.Absent("npu-smi", "npu-smi not found on PATH"));
        } finally {
            byPath.close();
            byName.close();
        }
    }

    @Test
    void shouldReportTheErrorTextWhenNpuSmiExitsNonZero() throws Exception {
        // Given npu-smi failing as in a non-privileged container whose NPU is held elsewhere (§7.4)
        probe = probeWith(Map.of("FAKE_NPU_SMI_INFO", "info-error-8020.txt", "FAKE_NPU_SMI_EXIT", "1",
            "FAKE_NPU_SMI_STDERR", "1"), Duration.ofSeconds(10));

        // When
        NpuProbeResult result = resultOf(probe.probe());

        // Then
        assertThat(result).asInstanceOf(type(NpuProbeResult.Failed.class)).satisfies(failed -> {
            assertThat(failed.exitCode()).isEqualTo(OptionalInt.of(1));
            assertThat(failed.message()).contains("status 1").contains("ret is -8020");
        });
    }

    @Test
    void shouldReportFailureWhenNpuSmiSucceedsWithoutATable() throws Exception {
        // Given
        probe = probeWith(Map.of("FAKE_NPU_SMI_INFO", "info-error-8005.txt"), Duration.ofSeconds(10));

        // When
        NpuProbeResult result = resultOf(probe.probe());

        // Then
        assertThat(result).asInstanceOf(type(NpuProbeResult.Failed.class)).satisfies(failed -> {
            assertThat(failed.exitCode()).isEqualTo(OptionalInt.of(0));
            assertThat(failed.message()).contains("no device table").contains("-8005");
        });
    }

    @Test
    void shouldKillTheWholeProcessTreeWhenNpuSmiHangs() throws Exception {
        // Given a fake that waits 60 s in a child `sleep`
        Path pidFile = tempDir.resolve("pids");
        probe = probeWith(Map.of("FAKE_NPU_SMI_DELAY", "60", "FAKE_NPU_SMI_PIDFILE", pidFile.toString()),
            Duration.ofMillis(1500));

        // When
        NpuProbeResult result = resultOf(probe.probe());

        // Then
        assertThat(result).isEqualTo(new NpuProbeResult.TimedOut(Duration.ofMillis(1500)));
        List<Long> pids = readPids(pidFile);
        assertThat(pids).hasSize(2);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(pids)
            .allSatisfy(pid -> assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse()));
    }

    @Test
    void shouldShareOneRunWhenProbedWhileARunIsInFlight() throws Exception {
        // Given a fake that takes a second, logging each invocation
        Path callLog = tempDir.resolve("calls");
        probe = probeWith(Map.of("FAKE_NPU_SMI_DELAY", "1", "FAKE_NPU_SMI_CALLLOG", callLog.toString()),
            Duration.ofSeconds(10));

        // When
        CompletionStage<NpuProbeResult> first = probe.probe();
        boolean firstDoneOnReturn = first.toCompletableFuture().isDone();
        CompletionStage<NpuProbeResult> second = probe.probe();
        NpuProbeResult firstResult = resultOf(first);
        NpuProbeResult secondResult = resultOf(second);

        // Then the caller was not blocked, and both callers got the one run's result
        assertThat(firstDoneOnReturn).isFalse();
        assertThat(secondResult).isSameAs(firstResult).isInstanceOf(NpuProbeResult.Available.class);
        assertThat(Files.readAllLines(callLog)).containsExactly("info");

        // and a probe after completion runs npu-smi again
        assertThat(resultOf(probe.probe())).isInstanceOf(NpuProbeResult.Available.class);
        assertThat(Files.readAllLines(callLog)).hasSize(2);
    }

    @Test
    void shouldKillTheRunningProcessAndRefuseNewProbesWhenClosed() throws Exception {
        // Given a probe in the middle of a slow run
        Path pidFile = tempDir.resolve("pids");
        probe = probeWith(Map.of("FAKE_NPU_SMI_DELAY", "60", "FAKE_NPU_SMI_PIDFILE", pidFile.toString()),
            Duration.ofSeconds(30));
        CompletionStage<NpuProbeResult> running = probe.probe();
        await().atMost(Duration.ofSeconds(5)).until(() -> Files.exists(pidFile) && readPids(pidFile).size() == 2);

        // When
        probe.close();

        // Then
        assertThat(resultOf(running)).isInstanceOf(NpuProbeResult.Failed.class);
        assertThat(resultOf(probe.probe())).isEqualTo(
            new NpuProbeResult.Failed("npu-smi probe is closed", OptionalInt.empty()));
        List<Long> pids = readPids(pidFile);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(pids)
            .allSatisfy(pid -> assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse()));
    }

    private static NpuSmiCommandProbe probeWith(Map<String, String> fakeEnvironment, Duration timeout) {
        Map<String, String> environment = new HashMap<>(fakeEnvironment);
        environment.put("LC_ALL", "C");
        return new NpuSmiCommandProbe(new NpuSmiCommandProbe.Settings(fakeNpuSmi.toString(), timeout, environment));
    }

    private static NpuProbeResult resultOf(CompletionStage<NpuProbeResult> stage) throws Exception {
        return stage.toCompletableFuture().get(20, TimeUnit.SECONDS);
    }

    private static List<Long> readPids(Path pidFile) throws IOException {
        String content = Files.readString(pidFile).strip();
        return content.isEmpty() ? List.of()
            : java.util.Arrays.stream(content.split("\\s+")).map(Long::parseLong).toList();
    }
}
