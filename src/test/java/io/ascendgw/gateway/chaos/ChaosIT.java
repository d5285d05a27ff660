package io.ascendgw.gateway.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.ascendgw.gateway.bench.scenario.ChaosScenario;
import io.ascendgw.gateway.testing.GatewayProcess;

/**
 * The chaos scenario, shortened, as a test: under steady mixed load, an engine killed with SIGKILL, a hung engine
 * loop, an engine answering 500s, an engine whose HTTP hangs, and a rolling restart of the pool lose no
 * non-streaming request, never cut a stream silently, bring the pool back, and leak nothing.
 */
class ChaosIT {

    @TempDir
    Path dir;

    @Test
    void shouldLoseNoRequestAndLeakNothingThroughEngineFaults() {
        System.setProperty(io.ascendgw.gateway.bench.scenario.ScenarioGateway.JAR_PROPERTY, GatewayProcess.appJar().toString());
        ChaosScenario.Outcome outcome = ChaosScenario.run(new ChaosScenario.Settings(4, Duration.ofSeconds(12), 4,
                dir), new PrintStream(System.out, true));
        assertThat(outcome.phases()).hasSize(5).allSatisfy(phase -> {
            assertThat(phase.nonStreaming().completed()).as(phase.fault()).isPositive();
            assertThat(phase.failedNonStreaming()).as(phase.fault() + ": " + phase.nonStreaming().errorSamples())
                    .isZero();
            assertThat(phase.streamsCutSilently()).as(phase.fault()).isZero();
            assertThat(phase.streamsFailedOtherwise()).as(phase.fault() + ": " + phase.streaming().errorSamples())
                    .isZero();
        });
        // the faults that take an engine down do bring the pool back
        assertThat(outcome.phases().get(0).poolWholeAfter()).isPositive();
        ChaosScenario.Leaks leaks = outcome.leaks();
        assertThat(leaks.processesAfter()).isEqualTo(leaks.processesBefore());
        assertThat(leaks.fdsAfter()).isLessThanOrEqualTo(leaks.fdsBefore() + 16);
        assertThat(leaks.threadsAfter()).isLessThanOrEqualTo(leaks.threadsBefore() + 4);
    }
}
