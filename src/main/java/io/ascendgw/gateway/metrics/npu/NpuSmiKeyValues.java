package io.ascendgw.gateway.metrics.npu;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A parsed key-value output of {@code npu-smi info -t <type> -i <n> [-c <c>]}, {@code info -l} and similar.
 *
 * @param blocks the blank-line separated blocks in order
 */
public record NpuSmiKeyValues(List<KeyValueBlock> blocks) {

    public static final String NPU_ID = "NPU ID";
    public static final String CHIP_ID = "Chip ID";
    public static final String CHIP_NAME = "Chip Name";
    public static final String CHIP_COUNT = "Chip Count";

    public NpuSmiKeyValues {
        blocks = List.copyOf(blocks);
    }

    /** The card-level block (the one with {@code NPU ID}). */
    public Optional<KeyValueBlock> card() {
        return blocks.stream().filter(b -> b.has(NPU_ID)).findFirst();
    }

    /**
     * The block of chip {@code chipId} (the one whose {@code Chip ID} matches). For {@code -c} outputs, which print
     * no {@code Chip ID}, use {@link #first()}.
     */
    public Optional<KeyValueBlock> chip(int chipId) {
        return blocks.stream()
            .filter(b -> b.integer(CHIP_ID).equals(OptionalLong.of(chipId)))
            .findFirst();
    }

    /** The MCU block ({@code Chip Name : mcu} or {@code MCU}). */
    public Optional<KeyValueBlock> mcu() {
        return blocks.stream()
            .filter(b -> b.get(CHIP_NAME).map(name -> name.equalsIgnoreCase("mcu")).orElse(false))
            .findFirst();
    }

    /** The first block, e.g. the only one of a {@code -c} output. */
    public Optional<KeyValueBlock> first() {
        return blocks.isEmpty() ? Optional.empty() : Optional.of(blocks.get(0));
    }

    /** The first value of {@code key} in any block. */
    public Optional<String> firstValue(String key) {
        return blocks.stream().map(b -> b.get(key)).flatMap(Optional::stream).findFirst();
    }
}
