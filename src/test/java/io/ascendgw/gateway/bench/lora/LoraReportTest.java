package io.ascendgw.gateway.bench.lora;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class LoraReportTest {

    private static final EngineCounters QUEUE = new EngineCounters(100, 50, 60, 0);

    private static LoraRow row(String config, double rate, double ttftP50, double ttftP99, double e2eP99,
            double tokens) {
        return new LoraRow(config, rate, 100, 0, 9.5, tokens, ttftP50, ttftP99, 1500, e2eP99, QUEUE);
    }

    @Test
    void shouldCompareEachConfigurationWithLoraBlindAtTheSameRateWhenReporting() throws Exception {
        // Given two rates; at the second, lora-aware halves the TTFT p50 and quarters its p99
        List<LoraRow> rows = List.of(row("lora-blind", 5, 50, 900, 3000, 400), row("lora-aware", 5, 50, 90, 2000, 400),
                row("lora-blind", 10, 400, 8000, 9000, 800), row("lora-aware", 10, 200, 2000, 4500, 880),
                row("least-request", 20, 30, 40, 50, 60));

        // When
        String table = LoraReport.table(rows);
        JsonNode json = new ObjectMapper().readTree(LoraReport.json(rows, new ObjectMapper().createObjectNode()
                .put("engines", 4)));

        // Then the ratios are against lora-blind at the same rate, and absent without one
        JsonNode aware10 = json.path("runs").get(3);
        assertThat(aware10.path("config").asText()).isEqualTo("lora-aware");
        assertThat(aware10.path("p50_ttft_vs_lora_blind").asDouble()).isCloseTo(0.5, within(1e-9));
        assertThat(aware10.path("p99_ttft_vs_lora_blind").asDouble()).isCloseTo(0.25, within(1e-9));
        assertThat(aware10.path("p99_e2el_vs_lora_blind").asDouble()).isCloseTo(0.5, within(1e-9));
        assertThat(aware10.path("output_throughput_vs_lora_blind").asDouble()).isCloseTo(1.1, within(1e-9));
        assertThat(json.path("runs").get(1).path("p99_ttft_vs_lora_blind").asDouble()).isCloseTo(0.1, within(1e-9));
        assertThat(json.path("runs").get(0).path("p50_ttft_vs_lora_blind").isNull()).isTrue();
        assertThat(json.path("runs").get(4).path("p50_ttft_vs_lora_blind").isNull()).isTrue();
        // And the engines' queue counters and the settings are carried
        assertThat(aware10.path("mean_queue_time_ms").asDouble()).isCloseTo(500, within(1e-9));
        assertThat(aware10.path("waited_share").asDouble()).isCloseTo(0.4, within(1e-9));
        assertThat(json.path("settings").path("engines").asInt()).isEqualTo(4);
        // And the table shows the same ratios on the lora-aware line and none on lora-blind's
        String awareLine = table.lines().filter(l -> l.contains("lora-aware") && l.contains("10.0")).findFirst()
                .orElseThrow();
        assertThat(awareLine).contains("| " + "  0.50   0.25   0.50   1.10").contains("40.0%");
        String blindLine = table.lines().filter(l -> l.contains("lora-blind") && l.contains("10.0")).findFirst()
                .orElseThrow();
        assertThat(blindLine).endsWith("|      -      -      -      -");
    }

    @Test
    void shouldWriteNullWhenAValueIsNotANumber() throws Exception {
        // Given a run without any completed request: no latencies, no queue counters
        LoraRow empty = new LoraRow("lora-aware", 5, 0, 10, 0, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                EngineCounters.NONE);

        // When
        JsonNode run = new ObjectMapper().readTree(LoraReport.json(List.of(empty),
                new ObjectMapper().createObjectNode())).path("runs").get(0);

        // Then
        assertThat(run.path("failed").asLong()).isEqualTo(10);
        assertThat(run.path("p99_ttft_ms").isNull()).isTrue();
        assertThat(run.path("mean_queue_time_ms").isNull()).isTrue();
    }
}
