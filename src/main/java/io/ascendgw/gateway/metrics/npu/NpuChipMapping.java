package io.ascendgw.gateway.metrics.npu;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * One row of {@code npu-smi info -m}.
 *
 * @param npuId    NPU id (physical card id)
 * @param chipId   chip index within the card
 * @param logicId  chip logic id, the id space of {@code ASCEND_RT_VISIBLE_DEVICES}; empty for the MCU ({@code -})
 * @param phyId    physical chip id (A3 only)
 * @param chipName chip type and name, e.g. {@code Ascend 910B2}, or {@code Mcu}
 */
public record NpuChipMapping(int npuId, int chipId, OptionalInt logicId, OptionalInt phyId, String chipName) {

    public NpuChipMapping {
        Objects.requireNonNull(chipName, "chipName");
    }

    /** Whether this is the board's management controller rather than a compute chip. */
    public boolean isMcu() {
        return chipName.equalsIgnoreCase("mcu");
    }
}
