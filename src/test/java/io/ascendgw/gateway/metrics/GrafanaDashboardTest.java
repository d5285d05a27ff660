package io.ascendgw.gateway.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collection;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

/** The dashboard's shape: a datasource variable, every panel on it, and the panels the issue asks for. */
class GrafanaDashboardTest {

    private final GrafanaDashboard dashboard = GrafanaDashboard.load();

    @Test
    void shouldUseTheDatasourceVariableWhenAPanelOrQueryNamesADatasource() {
        // Then
        assertThat(dashboard.root().path("templating").path("list")).anySatisfy(v -> {
            assertThat(v.path("name").asText()).isEqualTo("DS_PROMETHEUS");
            assertThat(v.path("type").asText()).isEqualTo("datasource");
        });
        assertThat(dashboard.panels()).isNotEmpty().allSatisfy(panel -> {
            assertThat(panel.path("datasource").path("uid").asText()).isEqualTo("${DS_PROMETHEUS}");
            assertThat(panel.path("targets")).isNotEmpty()
                .allSatisfy(t -> assertThat(t.path("datasource").path("uid").asText()).isEqualTo("${DS_PROMETHEUS}"));
        });
        assertThat(dashboard.panels()).extracting(p -> p.path("id").asInt()).doesNotHaveDuplicates();
    }

    @Test
    void shouldCoverTrafficLatencyTokensEnginesAndNpusWhenItsQueriesAreRead() {
        // When
        Set<String> names = dashboard.metricNames().values().stream().flatMap(Collection::stream)
            .collect(Collectors.toSet());

        // Then
        assertThat(names).contains("gateway_requests_total", "gateway_time_to_first_token_seconds_bucket",
            "gateway_inter_token_latency_seconds_bucket", "gateway_request_duration_seconds_bucket",
            "gateway_completion_tokens_total", "gateway_prompt_tokens_total", "vllm:kv_cache_usage_perc",
            "vllm:gpu_cache_usage_perc", "vllm:num_requests_waiting", "vllm:num_requests_running",
            "npu_chip_info_utilization", "npu_chip_info_hbm_used_memory", "npu_chip_info_hbm_total_memory",
            "npu_chip_info_temperature", "npu_chip_info_power");
        assertThat(dashboard.panels()).extracting(p -> p.path("gridPos"))
            .allSatisfy(pos -> assertThat(pos.path("x").asInt() + pos.path("w").asInt()).isLessThanOrEqualTo(24));
        assertThat(dashboard.root().path("schemaVersion").asInt()).isGreaterThanOrEqualTo(38);
    }
}
