package io.ascendgw.gateway.metrics.npu;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What one {@code npu-smi info} call showed.
 *
 * @param driverVersion the driver (HDK) version from the header, e.g. {@code 25.5.1}, {@code 26.0.rc1}; not semver
 * @param layout        which device table was printed
 * @param tableWidth    width of the table in characters (98, 106, 116, ...)
 * @param chips         chips in table order
 * @param processes     process rows in table order
 * @param warnings      text printed outside the table, e.g. the {@code [WARNING]The driver package ...} line
 * @param skippedLines  table lines that could not be parsed
 */
public record NpuSnapshot(
    Optional<String> driverVersion,
    NpuTableLayout layout,
    int tableWidth,
    List<NpuChip> chips,
    List<NpuProcess> processes,
    List<String> warnings,
    List<UnparsedLine> skippedLines) {

    public NpuSnapshot {
        Objects.requireNonNull(driverVersion, "driverVersion");
        Objects.requireNonNull(layout, "layout");
        chips = List.copyOf(chips);
        processes = List.copyOf(processes);
        warnings = List.copyOf(warnings);
        skippedLines = List.copyOf(skippedLines);
    }

    /** The chip with these ids, if listed. */
    public Optional<NpuChip> chip(int npuId, int chipId) {
        return chips.stream().filter(c -> c.npuId() == npuId && c.chipId() == chipId).findFirst();
    }

    /** Process rows on one NPU (all its chips). */
    public List<NpuProcess> processesOn(int npuId) {
        return processes.stream().filter(p -> p.npuId() == npuId).toList();
    }

    /** Whether the table had the driver 26.x {@code Process id in container} column filled for any process. */
    public boolean hasContainerPids() {
        return processes.stream().anyMatch(p -> p.containerPid().isPresent());
    }

    /** This snapshot with chip logic ids taken from {@code npu-smi info -m} where the table did not show them. */
    public NpuSnapshot withLogicIds(List<NpuChipMapping> mapping) {
        List<NpuChip> mapped = new ArrayList<>(chips.size());
        for (NpuChip chip : chips) {
            OptionalInt logicId = mapping.stream()
                .filter(m -> m.npuId() == chip.npuId() && m.chipId() == chip.chipId())
                .map(NpuChipMapping::logicId)
                .filter(OptionalInt::isPresent)
                .findFirst()
                .orElse(OptionalInt.empty());
            mapped.add(chip.logicId().isEmpty() && logicId.isPresent() ? chip.withLogicId(logicId.getAsInt()) : chip);
        }
        return new NpuSnapshot(driverVersion, layout, tableWidth, mapped, processes, warnings, skippedLines);
    }
}
