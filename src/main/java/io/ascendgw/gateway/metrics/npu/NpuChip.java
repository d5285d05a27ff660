package io.ascendgw.gateway.metrics.npu;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * One chip (die) row pair of the {@code npu-smi info} device table. Fields printed as {@code NA} or {@code -} are
 * empty. On 910B/A3 the HBM pair is the device memory and the "memory" (DDR) pair reads {@code 0 / 0}; on 310/310P
 * there is no HBM and the memory pair is the on-card DDR.
 *
 * @param npuId              NPU (card) id as npu-smi numbers it ({@code -i}); physical id, also inside containers
 * @param chipId             chip index within the card ({@code -c}); 0 on 910B, 0/1 for A3 dies and 310P Duo chips
 * @param name               chip name, e.g. {@code 910B2}, {@code Ascend910}, {@code 310P3}
 * @param health             {@code OK}, {@code Warning}, {@code Alarm}, {@code Critical} or {@code UNKNOWN}, as printed
 * @param busId              PCI bus id ({@code 0000:C1:00.0}); empty when printed as {@code NA}
 * @param powerWatts         chip power; empty on 310P ({@code NA}) and for the second A3 die ({@code -})
 * @param temperatureCelsius chip temperature
 * @param aiCorePercent      AI Core utilization
 * @param hbmUsedMb          HBM used (includes the ~3-4 GB driver reservation)
 * @param hbmTotalMb         HBM capacity
 * @param memoryUsedMb       DDR used
 * @param memoryTotalMb      DDR capacity
 * @param hugepagesUsed      huge pages used
 * @param hugepagesTotal     huge pages total
 * @param logicId            device logic id when the table shows it (310P "Device" column) or it was mapped from
 *                           {@code npu-smi info -m}
 * @param phyId              physical chip id when the table shows it (A3 "Phy-ID" column)
 */
public record NpuChip(
    int npuId,
    int chipId,
    String name,
    String health,
    Optional<String> busId,
    OptionalDouble powerWatts,
    OptionalDouble temperatureCelsius,
    OptionalDouble aiCorePercent,
    OptionalLong hbmUsedMb,
    OptionalLong hbmTotalMb,
    OptionalLong memoryUsedMb,
    OptionalLong memoryTotalMb,
    OptionalLong hugepagesUsed,
    OptionalLong hugepagesTotal,
    OptionalInt logicId,
    OptionalInt phyId) {

    /** The health value npu-smi prints for a chip without alarms. */
    public static final String HEALTH_OK = "OK";

    public NpuChip {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(health, "health");
    }

    /** Whether the chip reports {@code OK}; anything else means "do not schedule new work". */
    public boolean healthy() {
        return HEALTH_OK.equals(health);
    }

    /** This chip with its logic id set (from {@code npu-smi info -m}). */
    public NpuChip withLogicId(int id) {
        return new NpuChip(npuId, chipId, name, health, busId, powerWatts, temperatureCelsius, aiCorePercent,
            hbmUsedMb, hbmTotalMb, memoryUsedMb, memoryTotalMb, hugepagesUsed, hugepagesTotal, OptionalInt.of(id),
            phyId);
    }
}
