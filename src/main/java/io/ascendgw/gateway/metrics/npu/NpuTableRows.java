package io.ascendgw.gateway.metrics.npu;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/** Reads the device row pairs and process rows of the {@code npu-smi info} table from their {@code |} cells. */
final class NpuTableRows {

    private NpuTableRows() {
    }

    /** Row A: {@code <npu> <name>} (the name has a letter), health, then power/temp/hugepages. */
    static boolean isRowA(List<String> cells) {
        List<String> words = cells.isEmpty() ? List.of() : NpuSmiCells.words(cells.get(0));
        return cells.size() >= 3 && words.size() >= 2 && NpuSmiCells.isInteger(words.get(0))
            && words.get(1).chars().anyMatch(Character::isLetter);
    }

    /** Row B: {@code <chip> [<device or phy id>]} (numbers only), bus id, then AICore and memory pairs. */
    static boolean isRowB(List<String> cells) {
        List<String> words = cells.isEmpty() ? List.of() : NpuSmiCells.words(cells.get(0));
        return cells.size() >= 3 && !words.isEmpty() && words.size() <= 2
            && words.stream().allMatch(NpuSmiCells::isInteger);
    }

    /**
     * Builds a chip from its two rows.
     *
     * @throws IllegalArgumentException (or its {@link NumberFormatException} subclass) when a cell has the wrong shape
     */
    static NpuChip chip(NpuTableLayout layout, List<String> rowA, List<String> rowB) {
        List<String> idAndName = NpuSmiCells.words(rowA.get(0));
        List<String> powerTempPages = NpuSmiCells.values(rowA.get(2));
        if (powerTempPages.size() != 3) {
            throw new IllegalArgumentException("expected power, temperature and hugepages");
        }
        List<String> chipIds = NpuSmiCells.words(rowB.get(0));
        List<String> usage = NpuSmiCells.values(rowB.get(2));
        int expectedUsage = layout == NpuTableLayout.DEVICE ? 2 : 3;
        if (usage.size() != expectedUsage) {
            throw new IllegalArgumentException("expected " + expectedUsage + " usage values, got " + usage.size());
        }
        OptionalInt secondId = chipIds.size() > 1 ? NpuSmiCells.smallInteger(chipIds.get(1)) : OptionalInt.empty();
        NpuSmiCells.Pair pages = NpuSmiCells.pair(powerTempPages.get(2));
        NpuSmiCells.Pair memory = NpuSmiCells.pair(usage.get(1));
        NpuSmiCells.Pair hbm = layout == NpuTableLayout.DEVICE
            ? new NpuSmiCells.Pair(OptionalLong.empty(), OptionalLong.empty())
            : NpuSmiCells.pair(usage.get(2));
        String health = rowA.get(1).isEmpty() ? "UNKNOWN" : rowA.get(1);
        String busId = rowB.get(1);
        return new NpuChip(
            Integer.parseInt(idAndName.get(0)),
            Integer.parseInt(chipIds.get(0)),
            String.join(" ", idAndName.subList(1, idAndName.size())),
            health,
            NpuSmiCells.isMissing(busId) ? Optional.empty() : Optional.of(busId),
            NpuSmiCells.decimal(powerTempPages.get(0)),
            NpuSmiCells.decimal(powerTempPages.get(1)),
            NpuSmiCells.decimal(usage.get(0)),
            hbm.used(),
            hbm.total(),
            memory.used(),
            memory.total(),
            pages.used(),
            pages.total(),
            layout == NpuTableLayout.DEVICE ? secondId : OptionalInt.empty(),
            layout == NpuTableLayout.A3 ? secondId : OptionalInt.empty());
    }

    /**
     * Reads {@code [<npu> <chip>] [pid] [name] [memory MB] ([pid in container])}.
     *
     * @throws IllegalArgumentException when the row has another shape
     */
    static NpuProcess process(List<String> cells) {
        if (cells.size() < 4 || cells.size() > 5) {
            throw new IllegalArgumentException("expected 4 or 5 process cells, got " + cells.size());
        }
        List<String> ids = NpuSmiCells.words(cells.get(0));
        if (ids.isEmpty() || ids.size() > 2) {
            throw new IllegalArgumentException("expected NPU and chip ids");
        }
        OptionalLong memory = NpuSmiCells.integer(cells.get(3));
        if (memory.isEmpty()) {
            throw new IllegalArgumentException("process memory not reported");
        }
        return new NpuProcess(
            Integer.parseInt(ids.get(0)),
            ids.size() > 1 ? Integer.parseInt(ids.get(1)) : 0,
            Long.parseLong(cells.get(1)),
            cells.get(2),
            memory.getAsLong(),
            cells.size() == 5 ? NpuSmiCells.integer(cells.get(4)) : OptionalLong.empty());
    }
}
