package io.ascendgw.gateway.metrics.npu;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * One blank-line separated block of an {@code npu-smi info -t ...} output. Keys repeat across blocks
 * ({@code Temperature(C)} of the chip and of the MCU), so look values up per block.
 *
 * @param entries    {@code key : value} lines in order; a continuation line (blank key) is appended to the previous
 *                   value after a newline
 * @param otherLines lines without {@code " : "}, e.g. {@code No process in device.} or {@code proc-mem} rows
 */
public record KeyValueBlock(List<Entry> entries, List<String> otherLines) {

    /** One {@code key : value} line, both trimmed. */
    public record Entry(String key, String value) {
    }

    public KeyValueBlock {
        entries = List.copyOf(entries);
        otherLines = List.copyOf(otherLines);
    }

    /** The first value of {@code key} in this block. */
    public Optional<String> get(String key) {
        for (Entry entry : entries) {
            if (entry.key().equals(key)) {
                return Optional.of(entry.value());
            }
        }
        return Optional.empty();
    }

    public boolean has(String key) {
        return get(key).isPresent();
    }

    /** A numeric value: decimal, or hex with {@code 0x}; empty when absent, {@code NA}, {@code Failed} or not a number. */
    public OptionalDouble number(String key) {
        Optional<String> value = get(key);
        if (value.isEmpty()) {
            return OptionalDouble.empty();
        }
        String text = value.get();
        try {
            if (text.startsWith("0x") || text.startsWith("0X")) {
                return OptionalDouble.of(Long.parseLong(text.substring(2), 16));
            }
            return NpuSmiCells.decimal(text);
        } catch (NumberFormatException notANumber) {
            return OptionalDouble.empty();
        }
    }

    /** An integer value (decimal or {@code 0x} hex); empty when absent or not an integer. */
    public OptionalLong integer(String key) {
        OptionalDouble number = number(key);
        if (number.isEmpty() || number.getAsDouble() != Math.rint(number.getAsDouble())) {
            return OptionalLong.empty();
        }
        return OptionalLong.of((long) number.getAsDouble());
    }
}
