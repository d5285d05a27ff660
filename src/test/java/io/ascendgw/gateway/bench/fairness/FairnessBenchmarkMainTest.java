package io.ascendgw.gateway.bench.fairness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.ascendgw.gateway.bench.LoadMode;
import io.ascendgw.gateway.bench.LoadSpec;
import io.ascendgw.gateway.bench.OutputLengths;
import io.ascendgw.gateway.bench.RunLength;
import io.ascendgw.gateway.bench.UsageException;
import io.ascendgw.gateway.bench.fairness.FairnessPlan.Slot;

class FairnessBenchmarkMainTest {

    /** {@code printf %s sk-fairness-bench-batch | sha256sum}, and the same for the interactive key. */
    private static final String BATCH_SHA = "0d718953bc75318e10abda2cb188b8b3fb62f958a34bf3c12deede1332cf0b6e";
    private static final String INTERACTIVE_SHA = "ab0adbea5b35f31c79508385b6574741d73b6acc8c31a8630d432f94837ff7e0";

    @TempDir
    Path dir;

    @Test
    void shouldRunTwoAlternatingRoundsPerPolicyOnTwoSmallEnginesWhenNoFlagIsGiven() throws UsageException {
        // When
        FairnessPlan plan = FairnessPlan.parse(new String[] {"--work-dir", dir.toString()});

        // Then fifo and per-key take turns at going first, two rounds each
        assertThat(plan.order()).containsExactly(new Slot("fifo", 1), new Slot("per-key", 1),
                new Slot("per-key", 2), new Slot("fifo", 2));
        assertThat(plan.seconds()).isEqualTo(60);
        assertThat(plan.leadSeconds()).isEqualTo(10);
        assertThat(plan.engines()).isEqualTo(2);
        assertThat(plan.maxNumSeqs()).isEqualTo(16);
        assertThat(plan.resultFile()).isEqualTo(Path.of("fairness-bench.json"));
        assertThat(plan.jar()).isEmpty();
        // And the batch tenant floods for the head start plus the window, streaming 256 tokens per request on average
        LoadSpec batch = plan.batchSpec("http://127.0.0.1:9", "b", 1);
        assertThat(batch.loadMode()).isEqualTo(new LoadMode.Concurrency(200));
        assertThat(batch.runLength()).isEqualTo(new RunLength.TimeBudget(Duration.ofSeconds(70)));
        assertThat(batch.outputLengths()).isEqualTo(new OutputLengths.Uniform(128, 384));
        assertThat(batch.stream()).isTrue();
        assertThat(batch.headers()).containsEntry("Authorization", "Bearer sk-fairness-bench-batch");
        // And the interactive tenant asks once a second for the window, 64 tokens per answer, with its own key
        LoadSpec interactive = plan.interactiveSpec("http://127.0.0.1:9", "i", 2);
        assertThat(interactive.loadMode()).isEqualTo(new LoadMode.RequestRate(1));
        assertThat(interactive.runLength()).isEqualTo(new RunLength.TimeBudget(Duration.ofSeconds(60)));
        assertThat(interactive.outputLengths()).isEqualTo(new OutputLengths.Fixed(64));
        assertThat(interactive.stream()).isTrue();
        assertThat(interactive.headers()).containsEntry("Authorization", "Bearer sk-fairness-bench-interactive");
    }

    @Test
    void shouldRunOneShortRoundPerPolicyWhenQuick() throws UsageException {
        // When
        FairnessPlan plan = FairnessPlan.parse(new String[] {"--quick", "--work-dir", dir.toString()});

        // Then
        assertThat(plan.order()).containsExactly(new Slot("fifo", 1), new Slot("per-key", 1));
        assertThat(plan.seconds()).isEqualTo(20);
        assertThat(plan.leadSeconds()).isEqualTo(5);
        assertThat(plan.batchSpec("http://127.0.0.1:9", "b", 1).runLength())
                .isEqualTo(new RunLength.TimeBudget(Duration.ofSeconds(25)));
    }

    @Test
    void shouldGiveEachGatewayItsPolicyBothKeysAndAnInFlightLimitOfTheEnginesBatchWhenConfiguring()
            throws UsageException {
        // Given three engines of 8 sequences
        FairnessPlan plan = FairnessPlan.parse(new String[] {"--engines", "3", "--max-num-seqs", "8",
            "--batch-concurrency", "25", "--rounds", "3", "--jar", "app.jar", "--work-dir", dir.toString()});

        // When
        var fifo = plan.gatewayProperties("fifo");
        var perKey = plan.gatewayProperties("per-key");

        // Then each gateway has its policy and the same pool, limit and keys
        assertThat(fifo).containsEntry("gateway.routing.queue.fairness", "fifo")
                .containsEntry("gateway.pools.bench.launcher", "sim")
                .containsEntry("gateway.pools.bench.replicas", "3")
                .containsEntry("gateway.routing.saturation.max-in-flight-per-engine", "8")
                .containsEntry("gateway.security.keys.batch.sha256", BATCH_SHA)
                .containsEntry("gateway.security.keys.interactive.sha256", INTERACTIVE_SHA);
        assertThat(fifo.get("gateway.pools.bench.args")).startsWith("--max-num-seqs,8,");
        assertThat(perKey).containsEntry("gateway.routing.queue.fairness", "per-key");
        assertThat(perKey).hasSameSizeAs(fifo);
        assertThat(plan.order()).hasSize(6).startsWith(new Slot("fifo", 1)).endsWith(new Slot("per-key", 3));
        assertThat(plan.jar()).contains(Path.of("app.jar"));
    }

    @Test
    void shouldHashEachKeyAsTheGatewayExpects() {
        assertThat(Tenant.BATCH.sha256()).isEqualTo(BATCH_SHA);
        assertThat(Tenant.INTERACTIVE.sha256()).isEqualTo(INTERACTIVE_SHA);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--fast                        | unknown flag --fast",
        "--rounds 0                    | --rounds must be an integer >= 1, got '0'",
        "--seconds -5                  | --seconds must be a number > 0, got '-5'",
        "--interactive-rate inf        | --interactive-rate must be a number > 0, got 'inf'",
        "--engines                     | --engines needs a value",
        "--batch-concurrency 32        | --batch-concurrency must be above --engines x --max-num-seqs (32)",
        "--engines 4 --max-num-seqs 64 | --batch-concurrency must be above --engines x --max-num-seqs (256)"})
    void shouldExitWith2NamingTheProblemAndPrintTheUsageWhenAFlagIsBad(String command, String problem) {
        // Given captured streams
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        // When
        int code = FairnessBenchmarkMain.run(command.trim().split(" +"), print(out), print(err));

        // Then nothing starts: the problem and the usage go to stderr
        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("bench fairness: " + problem)
                .contains("usage: bench fairness");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void shouldPrintTheUsageAndExit0WhenAskedForHelp() {
        // Given captured streams
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        // When
        int code = FairnessBenchmarkMain.run(new String[] {"--help"}, print(out), print(err));

        // Then
        assertThat(code).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("usage: bench fairness [--quick]")
                .contains("--batch-concurrency", "--interactive-rate", "--max-num-seqs");
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void shouldRejectAParsedPlanWithoutAQueueWhenTheFloodFitsInTheEngines() {
        assertThatThrownBy(() -> FairnessPlan.parse(new String[] {"--batch-concurrency", "20", "--max-num-seqs", "10",
            "--work-dir", dir.toString()})).isInstanceOf(UsageException.class)
                .hasMessageContaining("or nothing waits in the queue; got 20");
    }

    private static PrintStream print(ByteArrayOutputStream bytes) {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }
}
