package io.ascendgw.gateway.metrics.npu;

import java.util.List;

/**
 * Metric and label names of Huawei's npu-exporter (MindCluster; ascend-npu.md §3), in one place, so NPU metrics the
 * gateway derives from npu-smi keep existing dashboards working. Values use npu-exporter's units: %, °C, W, MB, MHz.
 *
 * <p>Mapping from npu-smi: table Power → {@link #POWER}, Temp → {@link #TEMPERATURE}, AICore(%) →
 * {@link #UTILIZATION}, HBM used/total → {@link #HBM_USED_MEMORY}/{@link #HBM_TOTAL_MEMORY}, Health →
 * {@link #HEALTH_STATUS} via {@link #healthStatus(String)}, process rows → {@link #PROCESS_INFO} with
 * {@link #LABEL_PROCESS_ID}; {@code -t common} {@code Aicore curFreq(MHZ)} → {@link #AICORE_CURRENT_FREQ};
 * {@code -t usages} {@code HBM Bandwidth Usage Rate(%)} → {@link #HBM_BANDWIDTH_UTILIZATION}; {@code -t memory}
 * {@code HBM Temperature(C)} → {@link #HBM_TEMPERATURE}. Label {@code id} is the NPU id (chip 0 on 910B),
 * {@code model_name} comes from {@code -t board -c 0} ({@link #modelName}), {@code pcie_bus_info} from Bus-Id.
 */
public final class NpuExporterNames {

    public static final String MACHINE_NPU_NUMS = "machine_npu_nums";
    public static final String MACHINE_CARD_NUMS = "machine_card_nums";
    public static final String CHIP_INFO_NAME = "npu_chip_info_name";
    /** 1 = healthy (npu-smi {@code OK}), 0 = anything else, including {@code Warning}. */
    public static final String HEALTH_STATUS = "npu_chip_info_health_status";
    public static final String ERROR_CODE = "npu_chip_info_error_code";
    /** AI Core utilization, %. */
    public static final String UTILIZATION = "npu_chip_info_utilization";
    public static final String OVERALL_UTILIZATION = "npu_chip_info_overall_utilization";
    public static final String VECTOR_UTILIZATION = "npu_chip_info_vector_utilization";
    public static final String CUBE_UTILIZATION = "npu_chip_info_cube_utilization";
    /** Chip temperature, °C. */
    public static final String TEMPERATURE = "npu_chip_info_temperature";
    /** Chip power, W (310P: card power). */
    public static final String POWER = "npu_chip_info_power";
    public static final String VOLTAGE = "npu_chip_info_voltage";
    /** AI Core current frequency, MHz. */
    public static final String AICORE_CURRENT_FREQ = "npu_chip_info_aicore_current_freq";
    /** HBM used, MB. */
    public static final String HBM_USED_MEMORY = "npu_chip_info_hbm_used_memory";
    /** HBM capacity, MB. */
    public static final String HBM_TOTAL_MEMORY = "npu_chip_info_hbm_total_memory";
    public static final String HBM_UTILIZATION = "npu_chip_info_hbm_utilization";
    public static final String HBM_TEMPERATURE = "npu_chip_info_hbm_temperature";
    public static final String HBM_BANDWIDTH_UTILIZATION = "npu_chip_info_hbm_bandwidth_utilization";
    /** DDR used / total, MB (not reported on A2). */
    public static final String USED_MEMORY = "npu_chip_info_used_memory";
    public static final String TOTAL_MEMORY = "npu_chip_info_total_memory";
    /** One series per process; value = process memory, MB; extra labels {@code process_id}, {@code container_id}. */
    public static final String PROCESS_INFO = "npu_chip_info_process_info";
    public static final String PROCESS_INFO_NUM = "npu_chip_info_process_info_num";
    public static final String EXPORTER_VERSION_INFO = "npu_exporter_version_info";

    /** Device (chip) id. */
    public static final String LABEL_ID = "id";
    /** {@code <Chip Name>-<Chip Type>-<Chip Version>}, e.g. {@code 910B3-Ascend-V1}. */
    public static final String LABEL_MODEL_NAME = "model_name";
    /** VDie ID with {@code -} between the five 8-hex groups. */
    public static final String LABEL_VDIE_ID = "vdie_id";
    /** PCI bus id, e.g. {@code 0000:C1:00.0}. */
    public static final String LABEL_PCIE_BUS_INFO = "pcie_bus_info";
    public static final String LABEL_NAMESPACE = "namespace";
    public static final String LABEL_POD_NAME = "pod_name";
    public static final String LABEL_CONTAINER_NAME = "container_name";
    public static final String LABEL_PROCESS_ID = "process_id";
    public static final String LABEL_CONTAINER_ID = "container_id";
    /** Label of {@link #CHIP_INFO_NAME} carrying the model name. */
    public static final String LABEL_NAME = "name";
    /** Label of {@link #EXPORTER_VERSION_INFO}. */
    public static final String LABEL_EXPORTER_VERSION = "exporterVersion";

    /** Per-chip labels of npu-exporter v5. */
    public static final List<String> CHIP_LABELS_V5 = List.of(LABEL_ID, LABEL_MODEL_NAME, LABEL_VDIE_ID,
        LABEL_PCIE_BUS_INFO);
    /** Per-chip labels of npu-exporter v6+ (empty strings when the chip is not in a pod). */
    public static final List<String> CHIP_LABELS_V6 = List.of(LABEL_ID, LABEL_MODEL_NAME, LABEL_VDIE_ID,
        LABEL_PCIE_BUS_INFO, LABEL_NAMESPACE, LABEL_POD_NAME, LABEL_CONTAINER_NAME);

    private NpuExporterNames() {
    }

    /** npu-exporter's health value: 1 for {@code OK}, 0 for {@code Warning}, {@code Alarm}, ... and unknown text. */
    public static double healthStatus(String health) {
        return NpuChip.HEALTH_OK.equals(health.strip()) ? 1.0 : 0.0;
    }

    /** The {@code model_name} label from {@code -t board -c 0}: {@code 910B3}, {@code Ascend}, {@code V1} → {@code 910B3-Ascend-V1}. */
    public static String modelName(String chipName, String chipType, String chipVersion) {
        return chipName + "-" + chipType + "-" + chipVersion;
    }
}
