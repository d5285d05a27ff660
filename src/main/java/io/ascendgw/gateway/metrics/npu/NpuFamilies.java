package io.ascendgw.gateway.metrics.npu;

import static io.ascendgw.gateway.metrics.npu.NpuExporterNames.LABEL_ID;
import static io.ascendgw.gateway.metrics.npu.NpuExporterNames.LABEL_MODEL_NAME;
import static io.ascendgw.gateway.metrics.npu.NpuExporterNames.LABEL_PCIE_BUS_INFO;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.function.Function;

import io.ascendgw.gateway.metrics.GatewayMetrics;
import io.ascendgw.gateway.metrics.prom.Labels;
import io.ascendgw.gateway.metrics.prom.MetricFamily;
import io.ascendgw.gateway.metrics.prom.MetricType;
import io.ascendgw.gateway.metrics.prom.Sample;

/**
 * One {@code npu-smi info} snapshot as Prometheus families under npu-exporter's names and units (utilization %,
 * HBM MB, temperature °C, power W, health 1/0, process memory MB), so Ascend dashboards work unchanged. Per-chip labels:
 * {@code id} (the chip's logic id when the table shows it, else the NPU id), {@code model_name} (the chip name as the
 * table prints it, e.g. {@code 910B2}: npu-exporter's {@code 910B2-Ascend-V1} would cost a {@code -t board} call per
 * chip), {@code pcie_bus_info}, and {@code engine}: the gateway engine the NPU is assigned to, when there is one.
 * Fields npu-smi printed as {@code NA} are left out, never reported as 0. Stateless.
 */
public final class NpuFamilies {

    private NpuFamilies() {
    }

    /**
     * @param engineByNpu NPU id → id of the engine the NPU is assigned to
     * @param ownership   tells which processes belong to no engine (for {@code gateway_npu_foreign_processes})
     */
    public static List<MetricFamily> of(NpuSnapshot snapshot, Map<Integer, String> engineByNpu,
            NpuOwnership ownership) {
        Map<String, Labels> chipLabels = new HashMap<>();
        Map<Integer, Integer> chipsPerNpu = new HashMap<>();
        snapshot.chips().forEach(c -> chipsPerNpu.merge(c.npuId(), 1, Integer::sum));
        for (NpuChip chip : snapshot.chips()) {
            chipLabels.put(key(chip.npuId(), chip.chipId()), labels(chip, chipsPerNpu.get(chip.npuId()) > 1,
                    engineByNpu.get(chip.npuId())));
        }
        Builder out = new Builder();
        out.add(NpuExporterNames.MACHINE_NPU_NUMS, "Number of NPU chips npu-smi lists on this host.", Labels.empty(),
                snapshot.chips().size());
        for (NpuChip chip : snapshot.chips()) {
            Labels labels = chipLabels.get(key(chip.npuId(), chip.chipId()));
            out.add(NpuExporterNames.CHIP_INFO_NAME, "NPU chip name (label name); value 1.",
                    labels.with(NpuExporterNames.LABEL_NAME, chip.name()), 1);
            out.add(NpuExporterNames.HEALTH_STATUS, "NPU chip health: 1 when npu-smi says OK, 0 otherwise.", labels,
                    NpuExporterNames.healthStatus(chip.health()));
            out.add(NpuExporterNames.UTILIZATION, "NPU AI Core utilization (%).", labels, chip.aiCorePercent());
            out.add(NpuExporterNames.TEMPERATURE, "NPU chip temperature (degrees Celsius).", labels,
                    chip.temperatureCelsius());
            out.add(NpuExporterNames.POWER, "NPU chip power (W).", labels, chip.powerWatts());
            out.add(NpuExporterNames.HBM_USED_MEMORY, "NPU HBM used (MB), including the driver's reservation.",
                    labels, asDouble(chip.hbmUsedMb()));
            out.add(NpuExporterNames.HBM_TOTAL_MEMORY, "NPU HBM capacity (MB).", labels, asDouble(chip.hbmTotalMb()));
            if (chip.hbmUsedMb().isPresent() && chip.hbmTotalMb().orElse(0) > 0) {
                out.add(NpuExporterNames.HBM_UTILIZATION, "NPU HBM used as a share of capacity (%).", labels,
                        100.0 * chip.hbmUsedMb().getAsLong() / chip.hbmTotalMb().getAsLong());
            }
            if (chip.memoryTotalMb().orElse(0) > 0) {
                out.add(NpuExporterNames.USED_MEMORY, "NPU DDR memory used (MB).", labels,
                        asDouble(chip.memoryUsedMb()));
                out.add(NpuExporterNames.TOTAL_MEMORY, "NPU DDR memory capacity (MB).", labels,
                        asDouble(chip.memoryTotalMb()));
            }
        }
        Map<String, int[]> counts = new LinkedHashMap<>();
        snapshot.chips().forEach(c -> counts.put(key(c.npuId(), c.chipId()), new int[2]));
        for (NpuProcess process : snapshot.processes()) {
            Labels labels = chipLabels.get(key(process.npuId(), process.chipId()));
            int[] count = counts.get(key(process.npuId(), process.chipId()));
            if (labels == null) {
                continue;
            }
            count[0]++;
            if (ownership.ownerOf(process).isEmpty()) {
                count[1]++;
            }
            out.add(NpuExporterNames.PROCESS_INFO, "NPU memory held by a process (MB); label process_id.",
                    labels.with(NpuExporterNames.LABEL_PROCESS_ID, Long.toString(process.pid())), process.memoryMb());
        }
        counts.forEach((key, count) -> {
            Labels labels = chipLabels.get(key);
            out.add(NpuExporterNames.PROCESS_INFO_NUM, "Number of processes holding NPU memory.", labels, count[0]);
            out.add(GatewayMetrics.NPU_FOREIGN_PROCESSES, "Processes holding NPU memory that belong to none of the"
                    + " gateway's engines (other tenants, orphans of dead engines).", labels, count[1]);
        });
        return out.families();
    }

    private static Labels labels(NpuChip chip, boolean multiChip, String engine) {
        String id = chip.logicId().isPresent() ? Integer.toString(chip.logicId().getAsInt())
                : chip.phyId().isPresent() ? Integer.toString(chip.phyId().getAsInt())
                : multiChip ? chip.npuId() + "-" + chip.chipId() : Integer.toString(chip.npuId());
        List<String> pairs = new ArrayList<>(List.of(LABEL_ID, id, LABEL_MODEL_NAME, chip.name(),
                LABEL_PCIE_BUS_INFO, chip.busId().orElse("")));
        if (engine != null) {
            pairs.add(GatewayMetrics.LABEL_ENGINE);
            pairs.add(engine);
        }
        return Labels.of(pairs.toArray(String[]::new));
    }

    private static String key(int npuId, int chipId) {
        return npuId + "/" + chipId;
    }

    private static OptionalDouble asDouble(OptionalLong value) {
        return value.isPresent() ? OptionalDouble.of(value.getAsLong()) : OptionalDouble.empty();
    }

    /** Collects samples into gauge families, in first-seen order. */
    private static final class Builder {
        private final Map<String, MetricFamily> families = new LinkedHashMap<>();

        void add(String name, String help, Labels labels, OptionalDouble value) {
            if (value.isPresent()) {
                add(name, help, labels, value.getAsDouble());
            }
        }

        void add(String name, String help, Labels labels, double value) {
            Function<String, MetricFamily> create = n -> new MetricFamily(n, MetricType.GAUGE, help,
                    new ArrayList<>());
            families.computeIfAbsent(name, create).samples().add(new Sample(name, labels, value));
        }

        List<MetricFamily> families() {
            return families.values().stream().map(f -> f.withSamples(List.copyOf(f.samples()))).toList();
        }
    }
}
