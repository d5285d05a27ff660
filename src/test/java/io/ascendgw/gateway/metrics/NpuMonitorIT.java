package io.ascendgw.gateway.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.ascendgw.gateway.testing.FakeNpuSmi;
import io.ascendgw.gateway.testing.GatewayHttp;
import io.ascendgw.gateway.testing.GatewayProcess;
import io.ascendgw.gateway.testing.Scrape;

/** What the gateway says and exports when npu-smi is missing or prints something odd, polled every 200 ms. */
class NpuMonitorIT {

    @TempDir
    Path workDir;

    @Test
    void shouldSayOnceThatNpuSmiIsMissingAndCarryOnWhenItIsAbsent() {
        // Given
        try (GatewayProcess gateway = GatewayProcess.builder(workDir.resolve("absent"))
                .property("gateway.npu.smi-path", workDir.resolve("no-such-dir/npu-smi").toString())
                .property("gateway.npu.interval", "200ms")
                .property("gateway.embedded.replicas", "1")
                .start().awaitReady(Duration.ofSeconds(90))) {
            GatewayHttp http = new GatewayHttp(gateway.baseUrl());

            // When a dozen polls have come and gone
            sleep(Duration.ofMillis(2500));

            // Then it said so exactly once, serves requests, and exports no NPU numbers
            assertThat(count(gateway.output(), "npu-smi not found")).isEqualTo(1);
            assertThat(gateway.output()).contains("NPU metrics off");
            assertThat(http.post("/v1/completions", "{\"model\":\"qwen2.5-3b-instruct\",\"prompt\":\"hi\","
                    + "\"max_tokens\":2}").statusCode()).isEqualTo(200);
            Scrape scrape = http.metrics();
            assertThat(scrape.sampleNames()).noneMatch(name -> name.startsWith("npu_") || name.startsWith("machine_"));
            assertThat(scrape.sum("gateway_npu_smi_up")).isZero();
        }
    }

    @Test
    void shouldLogOddLinesAndForeignProcessesOnceWhenTheTableHasThem() {
        // Given a table with a corrupted line, an unhealthy NPU, a driver warning, and three processes on NPU 2,
        // which the third embedded engine is placed on
        try (GatewayProcess gateway = GatewayProcess.builder(workDir.resolve("warning"))
                .property("gateway.npu.smi-path", FakeNpuSmi.path())
                .property("gateway.npu.interval", "200ms")
                .property("gateway.embedded.replicas", "3")
                .env("FAKE_NPU_SMI_INFO", "info-910b-4-warning.txt")
                .start().awaitReady(Duration.ofSeconds(90))) {
            GatewayHttp http = new GatewayHttp(gateway.baseUrl());

            // When a dozen polls have come and gone
            await().atMost(Duration.ofSeconds(60)).until(() -> http.engines().findValues("state").stream()
                    .allMatch(state -> state.asText().equals("ready")));
            sleep(Duration.ofMillis(2500));

            // Then each was said once
            String output = gateway.output();
            assertThat(count(output, "cannot read")).isEqualTo(1);
            assertThat(count(output, "The driver package may not be completely installed")).isEqualTo(1);
            assertThat(count(output, "NPU 2 IS IN USE")).isEqualTo(3);
            assertThat(output).contains("pid 3111990 (VLLMWorker_TP) holds 52245 MB");
            // and the numbers are exported, the unhealthy NPU as 0
            Scrape scrape = http.metrics();
            assertThat(scrape.sum("npu_chip_info_health_status", "id", "1")).isZero();
            assertThat(scrape.sum("npu_chip_info_health_status", "id", "0")).isEqualTo(1);
            assertThat(scrape.sum("gateway_npu_foreign_processes", "id", "2", "engine", "embedded-2")).isEqualTo(3);
        }
    }

    private static int count(String text, String needle) {
        int count = 0;
        for (int at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
            count++;
        }
        return count;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
