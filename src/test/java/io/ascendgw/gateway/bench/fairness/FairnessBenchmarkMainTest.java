package io.ascendgw.gateway.bench.fairness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.ascendgw.gateway.bench.LoadMode;
import io.ascendgw.gateway.bench.LoadSpec;
import io.ascendgw.gateway.bench.OutputLengths;
import io.ascendgw.gateway.bench.RunLength;
import io.ascendgw.gateway.bench.UsageException;
import io.ascendgw.gateway.bench.Workload;
import io.ascendgw.gateway.bench.fairness.FairnessPlan.Slot;

class FairnessBenchmarkMainTest {

    /** {@code printf %s sk-fairness-bench-batch | sha256sum}, and the same for the interactive key. */
    private static final String BATCH_SHA = "0d718953bc75318e10abda2cb188b8b3fb62f958a34bf3c12deede1332cf0b6e";
    private static final String INTERACTIVE_SHA = "ab0adbea5b35f31c79508385b6574741d73b6acc8c31a8630d432f94837ff7e0";
    /** The same for the tokens scenario's keys. */
    private static final String LONG_SHA = "3c928dd424b2d2ab4ca3a11dd0ed2833a21b06dc7d929feac0e9f2c54176c358";
    private static final String SHORT_SHA = "b74dab525258fdbf4ef8e222cd43428bc926321f87db3b89131b4530b8799771";

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
        assertThat(fifo).doesNotContainKeys("gateway.security.keys.long.sha256", "gateway.security.keys.short.sha256");
        assertThat(plan.order()).hasSize(6).startsWith(new Slot("fifo", 1)).endsWith(new Slot("per-key", 3));
        assertThat(plan.jar()).contains(Path.of("app.jar"));
    }

    @Test
    void shouldHashEachKeyAsTheGatewayExpects() {
        assertThat(Tenant.BATCH.sha256()).isEqualTo(BATCH_SHA);
        assertThat(Tenant.INTERACTIVE.sha256()).isEqualTo(INTERACTIVE_SHA);
        assertThat(Tenant.LONG.sha256()).isEqualTo(LONG_SHA);
        assertThat(Tenant.SHORT.sha256()).isEqualTo(SHORT_SHA);
    }

    @Test
    void shouldRunTheInteractiveScenarioWhenNoneIsGiven() throws UsageException {
        // When
        FairnessPlan plan = FairnessPlan.parse(new String[] {"--work-dir", dir.toString()});

        // Then
        assertThat(plan.scenario()).isEqualTo(FairnessScenario.INTERACTIVE);
        assertThat(plan.concurrency()).isEqualTo(200);
        assertThat(plan.outputTokens()).containsOnly(entry(Tenant.BATCH, 256), entry(Tenant.INTERACTIVE, 64));
        // And its warm-up stays short: 128-token prompts, 16 tokens out
        LoadSpec warmup = plan.warmupSpec("http://127.0.0.1:9", Tenant.BATCH);
        assertThat(warmup.workload()).isEqualTo(new Workload.RandomPrompts(128));
        assertThat(warmup.outputLengths()).isEqualTo(new OutputLengths.Fixed(16));
    }

    @Test
    void shouldAlternatePerKeyRequestsAndPerKeyWithTwoHalfFloodsWhenTheScenarioIsTokens() throws UsageException {
        // When
        FairnessPlan plan = FairnessPlan.parse(new String[] {"--scenario", "tokens", "--work-dir", dir.toString()});

        // Then per-key-requests is the baseline, and each policy goes first once
        assertThat(plan.scenario()).isEqualTo(FairnessScenario.TOKENS);
        assertThat(plan.order()).containsExactly(new Slot("per-key-requests", 1), new Slot("per-key", 1),
                new Slot("per-key", 2), new Slot("per-key-requests", 2));
        assertThat(plan.seconds()).isEqualTo(60);
        assertThat(plan.leadSeconds()).isZero();
        // And both tenants keep half of 200 in flight for 60 s with the same prompts, 512 and 64 tokens out on average
        LoadSpec longFlood = plan.tokensSpec(Tenant.LONG, "http://127.0.0.1:9", "l", 1);
        LoadSpec shortFlood = plan.tokensSpec(Tenant.SHORT, "http://127.0.0.1:9", "s", 2);
        for (LoadSpec flood : List.of(longFlood, shortFlood)) {
            assertThat(flood.loadMode()).isEqualTo(new LoadMode.Concurrency(100));
            assertThat(flood.runLength()).isEqualTo(new RunLength.TimeBudget(Duration.ofSeconds(60)));
            assertThat(flood.workload()).isEqualTo(new Workload.RandomPrompts(512));
            assertThat(flood.stream()).isTrue();
        }
        assertThat(longFlood.outputLengths()).isEqualTo(new OutputLengths.Uniform(256, 768));
        assertThat(shortFlood.outputLengths()).isEqualTo(new OutputLengths.Uniform(32, 96));
        assertThat(longFlood.headers()).containsEntry("Authorization", "Bearer sk-fairness-bench-long");
        assertThat(shortFlood.headers()).containsEntry("Authorization", "Bearer sk-fairness-bench-short");
        // And each warm-up sends the tenant's own request shape, so per-key knows each key's mean from the start
        LoadSpec warmup = plan.warmupSpec("http://127.0.0.1:9", Tenant.LONG);
        assertThat(warmup.workload()).isEqualTo(new Workload.RandomPrompts(512));
        assertThat(warmup.outputLengths()).isEqualTo(new OutputLengths.Fixed(512));
        assertThat(warmup.headers()).containsEntry("Authorization", "Bearer sk-fairness-bench-long");
    }

    @Test
    void shouldRunOneShortRoundPerPolicyAndTakeTheTenantsLengthsWhenTokensIsQuick() throws UsageException {
        // When
        FairnessPlan plan = FairnessPlan.parse(new String[] {"--scenario", "tokens", "--quick", "--concurrency", "80",
            "--long-output-len", "1000", "--short-output-len", "10", "--work-dir", dir.toString()});

        // Then
        assertThat(plan.order()).containsExactly(new Slot("per-key-requests", 1), new Slot("per-key", 1));
        LoadSpec longFlood = plan.tokensSpec(Tenant.LONG, "http://127.0.0.1:9", "l", 1);
        assertThat(longFlood.runLength()).isEqualTo(new RunLength.TimeBudget(Duration.ofSeconds(20)));
        assertThat(longFlood.loadMode()).isEqualTo(new LoadMode.Concurrency(40));
        assertThat(longFlood.outputLengths()).isEqualTo(new OutputLengths.Uniform(500, 1500));
        assertThat(plan.tokensSpec(Tenant.SHORT, "http://127.0.0.1:9", "s", 1).outputLengths())
                .isEqualTo(new OutputLengths.Uniform(5, 15));
        assertThat(plan.settingsJson().path("short").path("output_tokens").asText()).isEqualTo("uniform:5-15");
        assertThat(plan.settingsJson().path("long").path("concurrency").asInt()).isEqualTo(40);
    }

    @Test
    void shouldGiveEachTokensGatewayItsPolicyAndOnlyTheLongAndShortKeysWhenConfiguring() throws UsageException {
        // Given
        FairnessPlan plan = FairnessPlan.parse(new String[] {"--scenario", "tokens", "--work-dir", dir.toString()});

        // When
        var baseline = plan.gatewayProperties("per-key-requests");
        var perKey = plan.gatewayProperties("per-key");

        // Then
        assertThat(baseline).containsEntry("gateway.routing.queue.fairness", "per-key-requests")
                .containsEntry("gateway.routing.saturation.max-in-flight-per-engine", "16")
                .containsEntry("gateway.pools.bench.replicas", "2")
                .containsEntry("gateway.security.keys.long.sha256", LONG_SHA)
                .containsEntry("gateway.security.keys.short.sha256", SHORT_SHA)
                .doesNotContainKeys("gateway.security.keys.batch.sha256",
                        "gateway.security.keys.interactive.sha256");
        assertThat(perKey).containsEntry("gateway.routing.queue.fairness", "per-key").hasSameSizeAs(baseline);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--fast                        | unknown flag --fast",
        "--rounds 0                    | --rounds must be an integer >= 1, got '0'",
        "--seconds -5                  | --seconds must be a number > 0, got '-5'",
        "--interactive-rate inf        | --interactive-rate must be a number > 0, got 'inf'",
        "--engines                     | --engines needs a value",
        "--batch-concurrency 32        | --batch-concurrency must be above --engines x --max-num-seqs (32)",
        "--engines 4 --max-num-seqs 64 | --batch-concurrency must be above --engines x --max-num-seqs (256)",
        "--scenario batch              | --scenario must be interactive or tokens, got 'batch'",
        "--scenario tokens --interactive-rate 2 | --interactive-rate does not apply to --scenario tokens,"
            + " only to --scenario interactive",
        "--scenario tokens --lead-seconds 5 | --lead-seconds does not apply to --scenario tokens",
        "--scenario tokens --batch-concurrency 300 | --batch-concurrency does not apply to --scenario tokens",
        "--scenario tokens --batch-output-len 9 | --batch-output-len does not apply to --scenario tokens",
        "--concurrency 300             | --concurrency does not apply to --scenario interactive,"
            + " only to --scenario tokens",
        "--short-output-len 9          | --short-output-len does not apply to --scenario interactive",
        "--scenario tokens --concurrency 201 | --concurrency must be even, half for each tenant; got 201",
        "--scenario tokens --concurrency 32 | --concurrency must be above --engines x --max-num-seqs (32)",
        "--scenario tokens --long-output-len 0 | --long-output-len must be an integer >= 1, got '0'"})
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
                .contains("--batch-concurrency", "--interactive-rate", "--max-num-seqs",
                        "--scenario interactive|tokens", "--concurrency", "--long-output-len", "--short-output-len");
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
