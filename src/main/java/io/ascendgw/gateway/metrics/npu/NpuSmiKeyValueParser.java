package io.ascendgw.gateway.metrics.npu;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * Parses npu-smi's key-value outputs (ascend-npu.md §2): lines {@code \t<key padded to 30> : <value>} (pasted copies
 * use spaces instead of the TAB), blocks separated by empty lines, continuation lines with a blank key. Covers
 * {@code info -t board|usages|power|temp|memory|health|common|proc-mem -i N [-c C]} and {@code info -l}.
 *
 * <p>Stateless and thread-safe; never throws for malformed content (unrecognised lines land in
 * {@link KeyValueBlock#otherLines()}).
 */
public final class NpuSmiKeyValueParser {

    private static final String SEPARATOR = " : ";

    /** Splits an output into blocks of key-value entries. */
    public NpuSmiKeyValues parse(String output) {
        List<KeyValueBlock> blocks = new ArrayList<>();
        List<KeyValueBlock.Entry> entries = new ArrayList<>();
        List<String> others = new ArrayList<>();
        boolean blankSeen = false;
        for (String raw : output.lines().toList()) {
            String line = raw.stripTrailing();
            if (line.isBlank()) {
                blankSeen = true;
                continue;
            }
            int separator = line.indexOf(SEPARATOR);
            if (separator < 0 && line.endsWith(" :")) {
                separator = line.length() - 2;
            }
            String key = separator < 0 ? null : line.substring(0, separator).strip();
            if (key != null && key.isEmpty() && !entries.isEmpty()) {
                // continuation of the previous value (e.g. a second Error Information entry)
                KeyValueBlock.Entry last = entries.remove(entries.size() - 1);
                entries.add(new KeyValueBlock.Entry(last.key(), last.value() + "\n" + valueAfter(line, separator)));
                blankSeen = false;
                continue;
            }
            if (blankSeen && (!entries.isEmpty() || !others.isEmpty())) {
                blocks.add(new KeyValueBlock(entries, others));
                entries = new ArrayList<>();
                others = new ArrayList<>();
            }
            blankSeen = false;
            if (key == null) {
                others.add(line.strip());
            } else {
                entries.add(new KeyValueBlock.Entry(key, valueAfter(line, separator)));
            }
        }
        if (!entries.isEmpty() || !others.isEmpty()) {
            blocks.add(new KeyValueBlock(entries, others));
        }
        return new NpuSmiKeyValues(blocks);
    }

    /** Parses {@code npu-smi info -l}: one card per {@code NPU ID} block. */
    public List<NpuCard> parseCardList(String output) {
        List<NpuCard> cards = new ArrayList<>();
        for (KeyValueBlock block : parse(output).blocks()) {
            OptionalLong npuId = block.integer(NpuSmiKeyValues.NPU_ID);
            if (npuId.isPresent()) {
                cards.add(new NpuCard((int) npuId.getAsLong(),
                    (int) block.integer(NpuSmiKeyValues.CHIP_COUNT).orElse(1),
                    block.get("Product Name")));
            }
        }
        return cards;
    }

    /**
     * Parses {@code npu-smi info -t proc-mem -i <npuId> [-c <chip>]}: rows
     * {@code Process id:<pid>  Process name:<name>  Process memory(MB):<mb>}, split on the literal labels because the
     * spacing between them varies. {@code No process in device.} gives an empty list.
     */
    public List<NpuProcess> parseProcMem(String output, int npuId) {
        List<NpuProcess> processes = new ArrayList<>();
        for (KeyValueBlock block : parse(output).blocks()) {
            int chipId = (int) block.integer(NpuSmiKeyValues.CHIP_ID).orElse(0);
            for (String line : block.otherLines()) {
                int pid = line.indexOf("Process id:");
                int name = line.indexOf("Process name:");
                int memory = line.indexOf("Process memory(MB):");
                if (pid < 0 || name < pid || memory < name) {
                    continue;
                }
                try {
                    processes.add(new NpuProcess(npuId, chipId,
                        Long.parseLong(line.substring(pid + "Process id:".length(), name).strip()),
                        line.substring(name + "Process name:".length(), memory).strip(),
                        Long.parseLong(line.substring(memory + "Process memory(MB):".length()).strip()),
                        OptionalLong.empty()));
                } catch (NumberFormatException garbled) {
                    // a damaged row is left out; the table from `npu-smi info` is the primary source
                }
            }
        }
        return processes;
    }

    private static String valueAfter(String line, int separator) {
        int start = Math.min(line.length(), separator + SEPARATOR.length());
        return line.substring(start).strip();
    }
}
