package io.ascendgw.gateway.bench.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.ascendgw.gateway.bench.BenchResult;
import io.ascendgw.gateway.bench.LatencySummary;
import io.ascendgw.gateway.bench.LoadSpec;
import io.ascendgw.gateway.bench.scenario.ProxyOverheadBenchmark.Measured;

class OverheadReportTest {

    @Test
    void shouldCallTheOpenLoopPhaseOverloadWhenTheGeneratorFellBehindEvenAgainstTheEngineAlone() {
        // Given an open-loop phase where sends ran up to 120 ms late against the engine itself
        Map<String, List<Measured>> paced = phase(120, 3);
        // When the report is rendered
        String report = OverheadReport.render(phase(1, 2), phase(1, 2), paced, 10_000, settings());
        // Then it says so, and the added-p99 line is not presented as a latency below saturation
        assertThat(OverheadReport.machineSaturated(paced)).isTrue();
        assertThat(report).contains("this rate saturates the machine")
                .contains("not below saturation on this machine");
    }

    @Test
    void shouldReportThePhaseAsIsWhenTheGeneratorKeptItsSchedule() {
        Map<String, List<Measured>> paced = phase(4, 3);
        String report = OverheadReport.render(phase(1, 2), phase(1, 2), paced, 2_000, settings());
        assertThat(OverheadReport.machineSaturated(paced)).isFalse();
        assertThat(report).doesNotContain("saturates the machine").contains("[< 1 ms]");
    }

    /** Direct, gateway and nginx, three rounds each; {@code directLagMs}: the generator's worst lag against direct. */
    private static Map<String, List<Measured>> phase(double directLagMs, double p99Ms) {
        Map<String, List<Measured>> phase = new LinkedHashMap<>();
        for (String target : List.of("direct", "gateway", "nginx")) {
            double lag = target.equals("direct") ? directLagMs : 1;
            phase.put(target, List.of(measured(lag, p99Ms), measured(lag, p99Ms), measured(lag, p99Ms)));
        }
        return phase;
    }

    private static Measured measured(double maxSendLagMs, double p99Ms) {
        LatencySummary e2e = new LatencySummary(100, 1, 0.1, 0.5, p99Ms, Map.of(50.0, 1.0, 90.0, 1.5, 99.0, p99Ms));
        LatencySummary none = new LatencySummary(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Map.of());
        BenchResult result = new BenchResult(LoadSpec.builder().model("m").build(), "m", Instant.EPOCH, 10, 100, 0,
                Map.of(), Map.of(), 1000, 1600, 100, 0, none, none, none, e2e, maxSendLagMs / 2, maxSendLagMs, 0);
        return new Measured(result, 40, 25);
    }

    private static ProxyOverheadBenchmark.Settings settings() {
        return new ProxyOverheadBenchmark.Settings(10, 3, 30, 32, 128, Optional.empty(), Path.of("unused"));
    }
}
