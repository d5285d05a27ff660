package io.ascendgw.gateway.metrics.npu;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** npu-exporter's health mapping (ascend-npu.md §0 item 5 and §3): only OK is healthy. */
class NpuExporterNamesTest {

    @ParameterizedTest
    @CsvSource({"OK, 1.0", "' OK ', 1.0", "Warning, 0.0", "Alarm, 0.0", "Critical, 0.0", "UNKNOWN, 0.0", "ok, 0.0"})
    void shouldReportHealthyOnlyWhenNpuSmiSaysOk(String health, double expected) {
        assertThat(NpuExporterNames.healthStatus(health)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"910B3, Ascend, V1, 910B3-Ascend-V1", "910A, Ascend, V1, 910A-Ascend-V1"})
    void shouldComposeTheModelNameLabelWhenGivenBoardChipFields(String name, String type, String version,
                                                                String expected) {
        assertThat(NpuExporterNames.modelName(name, type, version)).isEqualTo(expected);
    }
}
