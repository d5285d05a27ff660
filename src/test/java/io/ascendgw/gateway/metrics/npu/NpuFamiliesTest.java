package io.ascendgw.gateway.metrics.npu;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.ascendgw.gateway.metrics.TestFixtures;
import io.ascendgw.gateway.metrics.prom.Labels;
import io.ascendgw.gateway.metrics.prom.MetricFamily;
import io.ascendgw.gateway.metrics.prom.PrometheusTextWriter;
import io.ascendgw.gateway.testing.Scrape;

/** npu-smi tables of several products and drivers rendered under npu-exporter's names, then parsed back. */
class NpuFamiliesTest {

    private static final NpuOwnership NO_ENGINES = new NpuOwnership(Map.of(), pid -> -1);

    @Test
    void shouldExportNpuExporterNamesWhenAn8Npu910bTableIsRead() {
        // Given NPUs 0 and 1 assigned to engines, NPU 2's worker (pid 2817345) belonging to engine e-2
        NpuOwnership ownership = new NpuOwnership(Map.of(2817345L, "e-2"), pid -> -1);

        // When
        Scrape scrape = render("info-910b-8.txt", Map.of(0, "e-0", 1, "e-1", 2, "e-2"), ownership);

        // Then the fixture's values, under npu-exporter's names and units
        assertThat(scrape.sum("machine_npu_nums")).isEqualTo(8);
        assertThat(scrape.sum("npu_chip_info_hbm_used_memory", "id", "2")).isEqualTo(58952);
        assertThat(scrape.sum("npu_chip_info_hbm_total_memory", "id", "2")).isEqualTo(65536);
        assertThat(scrape.sum("npu_chip_info_utilization", "id", "2")).isEqualTo(41);
        assertThat(scrape.sum("npu_chip_info_temperature", "id", "5")).isEqualTo(49);
        assertThat(scrape.sum("npu_chip_info_power", "id", "2")).isEqualTo(236.4);
        assertThat(scrape.sum("npu_chip_info_health_status")).isEqualTo(8);
        assertThat(scrape.samples("npu_chip_info_hbm_used_memory", "id", "2").get(0).labels().asMap())
            .containsEntry("model_name", "910B2").containsEntry("pcie_bus_info", "0000:C2:00.0")
            .containsEntry("engine", "e-2");
        // and which engine holds each NPU, none for unassigned ones
        assertThat(scrape.samples("npu_chip_info_power", "engine", "e-0")).hasSize(1);
        assertThat(scrape.samples("npu_chip_info_power", "id", "7").get(0).labels().contains("engine")).isFalse();
        // and the processes: NPU 2's belongs to its engine, NPU 5's to nobody
        assertThat(scrape.sum("npu_chip_info_process_info", "id", "2", "process_id", "2817345")).isEqualTo(55492);
        assertThat(scrape.sum("npu_chip_info_process_info_num", "id", "5")).isEqualTo(1);
        assertThat(scrape.sum("npu_chip_info_process_info_num", "id", "0")).isZero();
        assertThat(scrape.sum("gateway_npu_foreign_processes", "id", "2")).isZero();
        assertThat(scrape.sum("gateway_npu_foreign_processes", "id", "5")).isEqualTo(1);
    }

    @Test
    void shouldLeaveOutWhatNpuSmiPrintedAsNaWhenAChipWarns() {
        // When
        Scrape scrape = render("info-910b-4-warning.txt", Map.of(), NO_ENGINES);

        // Then NPU 1 is unhealthy and has no power (NA), never a 0
        assertThat(scrape.sum("npu_chip_info_health_status", "id", "1")).isZero();
        assertThat(scrape.sum("npu_chip_info_health_status", "id", "0")).isEqualTo(1);
        assertThat(scrape.has("npu_chip_info_power", "id", "1")).isFalse();
        assertThat(scrape.has("npu_chip_info_power", "id", "0")).isTrue();
        // the pid on two NPUs is listed under both
        assertThat(scrape.samples("npu_chip_info_process_info", "process_id", "3112001")).hasSize(2);
        assertThat(scrape.sum("gateway_npu_foreign_processes", "id", "2")).isEqualTo(3);
    }

    @Test
    void shouldUseDeviceIdsAndDdrMemoryWhenA310pTableIsRead() {
        // When
        Scrape scrape = render("info-310p.txt", Map.of(8, "duo"), NO_ENGINES);

        // Then ids are the device (logic) ids 0, 1, 2; memory is the on-card DDR; no HBM, no power (NA)
        assertThat(scrape.samples("npu_chip_info_temperature")).extracting(s -> s.labels().getOrDefault("id", ""))
            .containsExactly("0", "1", "2");
        assertThat(scrape.sum("npu_chip_info_used_memory", "id", "1")).isEqualTo(9532);
        assertThat(scrape.sum("npu_chip_info_total_memory", "id", "1")).isEqualTo(21525);
        assertThat(scrape.has("npu_chip_info_hbm_used_memory")).isFalse();
        assertThat(scrape.has("npu_chip_info_power")).isFalse();
        // both chips of the Duo card belong to the engine on NPU 8
        assertThat(scrape.samples("npu_chip_info_utilization", "engine", "duo")).hasSize(2);
        assertThat(scrape.sum("npu_chip_info_process_info", "process_id", "30211")).isEqualTo(7680 + 6890);
    }

    @Test
    void shouldKeepTheDiesApartWhenAnA3TableIsRead() {
        // When
        Scrape scrape = render("info-a3.txt", Map.of(0, "a3-0"), NO_ENGINES);

        // Then each die is its own series (physical ids), and the second die prints no power
        assertThat(scrape.samples("npu_chip_info_hbm_used_memory")).hasSize(4);
        assertThat(scrape.sum("npu_chip_info_hbm_used_memory", "id", "1")).isEqualTo(61625);
        assertThat(scrape.samples("npu_chip_info_power")).hasSize(2);
        assertThat(scrape.samples("npu_chip_info_hbm_used_memory", "engine", "a3-0")).hasSize(2);
    }

    @Test
    void shouldMatchProcessesByContainerPidWhenDriver26PrintsIt() {
        // Given the engine's main process is 400 in our pid namespace and its worker 412 a child of it
        NpuOwnership ownership = new NpuOwnership(Map.of(400L, "e-3"), pid -> pid == 412 ? 400 : -1);

        // When
        Scrape scrape = render("info-910b-26x-container.txt", Map.of(3, "e-3"), ownership);

        // Then the worker is ours, the python process (container pid NA, host pid unknown here) is not
        assertThat(scrape.sum("npu_chip_info_process_info_num", "id", "3")).isEqualTo(2);
        assertThat(scrape.sum("gateway_npu_foreign_processes", "id", "3")).isEqualTo(1);
        assertThat(scrape.sum("npu_chip_info_hbm_total_memory", "id", "4")).isEqualTo(32768);
    }

    private static Scrape render(String fixture, Map<Integer, String> engineByNpu, NpuOwnership ownership) {
        NpuInfoParse parse = new NpuSmiInfoParser().parse(TestFixtures.read("fixtures/npu-smi/" + fixture));
        assertThat(parse).isInstanceOf(NpuInfoParse.Parsed.class);
        List<MetricFamily> families = NpuFamilies.of(((NpuInfoParse.Parsed) parse).snapshot(), engineByNpu,
            ownership);
        String text = new PrometheusTextWriter().write(List.of(new PrometheusTextWriter.Source(Labels.empty(),
            families)));
        Scrape scrape = Scrape.of(text);
        assertThat(scrape.parsed().skippedLines()).isEmpty();
        assertThat(scrape.families()).allSatisfy(f -> assertThat(f.help()).isNotBlank());
        return scrape;
    }
}
