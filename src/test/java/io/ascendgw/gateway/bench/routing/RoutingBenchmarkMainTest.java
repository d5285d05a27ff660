package io.ascendgw.gateway.bench.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.ascendgw.gateway.bench.UsageException;

class RoutingBenchmarkMainTest {

    @TempDir
    Path dir;

    @Test
    void shouldUseTheQuickPlanAndTheGivenFlagsWhenParsing() throws UsageException {
        // When the quick plan is asked for with a policy subset and a jar
        RoutingBenchmarkMain.BenchPlan plan = RoutingBenchmarkMain.BenchPlan.parse(new String[] {"--quick",
            "--policies", "round-robin,default", "--jar", "app.jar", "--work-dir", dir.toString(), "--gpu-blocks",
            "64"});
        // Then it has two rates per text workload and one for pictures, every workload, and the flags' values
        assertThat(plan.policies()).containsExactly("round-robin", "default");
        assertThat(plan.rates("shared-prefix")).containsExactly(12, 24);
        assertThat(plan.rates("random")).containsExactly(8, 16);
        assertThat(plan.rates("pictures")).containsExactly(6);
        assertThat(plan.workloads().keySet()).containsExactly("shared-prefix", "random", "pictures");
        assertThat(plan.simArgs()).containsSubsequence("--num-gpu-blocks-override", "64")
                .containsSubsequence("--sim-multimodal", "true");
    }

    @Test
    void shouldLeaveThePicturesOutWhenTheirRatesAreNone() throws UsageException {
        // When
        RoutingBenchmarkMain.BenchPlan plan = RoutingBenchmarkMain.BenchPlan.parse(new String[] {"--picture-rates",
            "none", "--jar", "app.jar", "--work-dir", dir.toString()});
        RoutingBenchmarkMain.BenchPlan rates = RoutingBenchmarkMain.BenchPlan.parse(new String[] {"--picture-rates",
            "2,3", "--jar", "app.jar", "--work-dir", dir.toString()});

        // Then
        assertThat(plan.workloads().keySet()).containsExactly("shared-prefix", "random");
        assertThat(rates.rates("pictures")).containsExactly(2, 3);
    }

    @Test
    void shouldExitWith2AndUsageWhenAFlagIsUnknownAnd0ForHelp() {
        // Given captured streams
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        // When run with an unknown flag, and with --help
        int bad = RoutingBenchmarkMain.run(new String[] {"--fast"}, print(out), print(err));
        int help = RoutingBenchmarkMain.run(new String[] {"--help"}, print(out), print(err));
        // Then the unknown flag is named and the usage printed
        assertThat(bad).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown flag --fast").contains("usage: bench routing");
        assertThat(help).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("--quick");
    }

    @Test
    void shouldCompareEachPolicyWithRoundRobinAtTheSameRateWhenReporting() {
        // Given two runs at one rate
        List<BenchRow> rows = List.of(
                new BenchRow("shared-prefix", 6, "round-robin", 10, 0, 200, 300, 4000, 500, 0.5),
                new BenchRow("shared-prefix", 6, "default", 10, 0, 50, 80, 3000, 750, 0.8));
        // When reported
        String table = ComparisonReport.table(rows);
        String json = ComparisonReport.json(rows, "{}");
        // Then the default row carries the ratios against round-robin
        assertThat(table).contains("0.25").contains("1.50");
        assertThat(json).contains("\"mean_ttft_vs_round_robin\":0.2500").contains(
                "\"output_throughput_vs_round_robin\":1.5000");
    }

    private static PrintStream print(ByteArrayOutputStream bytes) {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }
}
