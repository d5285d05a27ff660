package io.ascendgw.gateway.testing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PromQlNamesTest {

    @Test
    void shouldFindMetricNamesWhenAnExpressionNestsFunctionsAndGroupings() {
        // Given
        String expression = "histogram_quantile(0.99, sum by (le, phase) (rate(gateway_overhead_seconds_bucket"
            + "{phase=\"to_client\",model=~\"$model\"}[$__rate_interval]))) / ignoring(phase) group_left"
            + " sum(vllm:num_requests_running{engine=~\"a|b\"} offset 5m) or max by (engine)"
            + " (vllm:gpu_cache_usage_perc >= 0) * 1e3";

        // When / Then
        assertThat(PromQlNames.of(expression)).containsExactly("gateway_overhead_seconds_bucket",
            "vllm:num_requests_running", "vllm:gpu_cache_usage_perc");
    }

    @Test
    void shouldFindNothingWhenTheExpressionIsOnlyANumber() {
        assertThat(PromQlNames.of("vector(1) + 2.5e-3")).isEmpty();
    }

    @Test
    void shouldReadTheMetricWhenAVariableUsesLabelValues() {
        assertThat(PromQlNames.ofLabelValues("label_values(npu_chip_info_hbm_used_memory, id)"))
            .isEqualTo("npu_chip_info_hbm_used_memory");
    }
}
