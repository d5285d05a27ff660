package io.ascendgw.gateway.metrics.npu;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Parses the {@code npu-smi info} table (ascend-npu.md §1.4): 910B on drivers 23.x-25.x (98 columns) and 26.x
 * (116 columns, extra {@code Process id in container} column), A3 dual-die tables ({@code Chip  Phy-ID}), and
 * 310/310P ({@code Chip    Device}). Rows are split on {@code |}, never by column offset. A row that does not parse is
 * recorded in {@link NpuSnapshot#skippedLines()} and the rest is kept; output without a device table (an error text,
 * or the Atlas 350/950 v2 layout) is {@link NpuInfoParse.Rejected}.
 *
 * <p>Stateless and thread-safe; pure CPU work (the table is a few KB).
 */
public final class NpuSmiInfoParser {

    /** Parses the whole output of {@code npu-smi info}. Never throws for malformed content. */
    public NpuInfoParse parse(String output) {
        return new Run().parse(output);
    }

    private enum Section { PREAMBLE, DEVICES, PROCESSES }

    private enum Header { NONE, CONSUMED, REFUSED }

    /** Mutable state of one parse. */
    private static final class Run {
        private final List<NpuChip> chips = new ArrayList<>();
        private final List<NpuProcess> processes = new ArrayList<>();
        private final List<String> warnings = new ArrayList<>();
        private final List<UnparsedLine> skipped = new ArrayList<>();
        private Section section = Section.PREAMBLE;
        private NpuTableLayout layout;
        private Optional<String> driverVersion = Optional.empty();
        private int tableWidth;
        private boolean sawDeviceHeader;
        private List<String> pendingRowA;
        private int pendingLineNumber;
        private String pendingLine;

        NpuInfoParse parse(String output) {
            List<String> lines = output.lines().toList();
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i).stripTrailing();
                if (line.isBlank()) {
                    continue;
                }
                if (line.startsWith("+")) {
                    tableWidth = tableWidth == 0 ? line.length() : tableWidth;
                } else if (!line.startsWith("|")) {
                    warnings.add(line.strip());
                } else {
                    Header header = header(line, NpuSmiCells.split(line));
                    if (header == Header.REFUSED) {
                        return new NpuInfoParse.Rejected(
                            "unsupported npu-smi table layout (Atlas 350/950 v2 table): " + line.strip());
                    }
                    if (header == Header.NONE) {
                        row(i + 1, line);
                    }
                }
            }
            dropPendingRow();
            if (!sawDeviceHeader || layout == null) {
                String printed = NpuSmiCells.summary(output, 3);
                return new NpuInfoParse.Rejected(printed.isEmpty()
                    ? "npu-smi printed nothing"
                    : "npu-smi printed no device table: " + printed);
            }
            return new NpuInfoParse.Parsed(new NpuSnapshot(driverVersion, layout, tableWidth, chips, processes,
                warnings, skipped));
        }

        /** Consumes version and header lines. */
        private Header header(String line, List<String> cells) {
            String first = cells.isEmpty() ? "" : cells.get(0);
            if (cells.size() == 1 && first.startsWith("npu-smi ") && first.contains("Version:")) {
                List<String> words = NpuSmiCells.words(first.substring(first.indexOf("Version:") + 8));
                driverVersion = words.isEmpty() ? Optional.empty() : Optional.of(words.get(0));
                return Header.CONSUMED;
            }
            if (first.equals("NPU ID")) {
                return Header.REFUSED;
            }
            if (line.contains("Process id") && line.contains("Process name")) {
                dropPendingRow();
                section = Section.PROCESSES;
                return Header.CONSUMED;
            }
            if (first.startsWith("NPU") && first.contains("Name") && cells.size() >= 3) {
                sawDeviceHeader = true;
                section = Section.DEVICES;
                return Header.CONSUMED;
            }
            if (first.startsWith("Chip") && cells.size() >= 3 && cells.get(1).equals("Bus-Id")) {
                layout = first.contains("Phy-ID") ? NpuTableLayout.A3
                    : first.contains("Device") || !line.contains("HBM-Usage") ? NpuTableLayout.DEVICE
                    : NpuTableLayout.HBM;
                return Header.CONSUMED;
            }
            return Header.NONE;
        }

        private void row(int lineNumber, String line) {
            List<String> cells = NpuSmiCells.split(line);
            switch (section) {
                case PREAMBLE -> skip(lineNumber, line, "table row before the table header");
                case DEVICES -> deviceRow(lineNumber, line, cells);
                case PROCESSES -> processRow(lineNumber, line, cells);
            }
        }

        private void deviceRow(int lineNumber, String line, List<String> cells) {
            if (pendingRowA != null) {
                if (NpuTableRows.isRowB(cells)) {
                    try {
                        chips.add(NpuTableRows.chip(layout, pendingRowA, cells));
                    } catch (IllegalArgumentException e) {
                        skip(pendingLineNumber, pendingLine, e.getMessage());
                        skip(lineNumber, line, e.getMessage());
                    }
                    pendingRowA = null;
                    return;
                }
                dropPendingRow();
            }
            if (NpuTableRows.isRowA(cells)) {
                pendingRowA = cells;
                pendingLineNumber = lineNumber;
                pendingLine = line;
            } else {
                skip(lineNumber, line, "not a device row");
            }
        }

        private void processRow(int lineNumber, String line, List<String> cells) {
            if (cells.size() == 1 && cells.get(0).startsWith("No running processes found")) {
                return;
            }
            try {
                processes.add(NpuTableRows.process(cells));
            } catch (IllegalArgumentException e) {
                skip(lineNumber, line, e.getMessage());
            }
        }

        private void dropPendingRow() {
            if (pendingRowA != null) {
                skip(pendingLineNumber, pendingLine, "device row without its second line");
                pendingRowA = null;
            }
        }

        private void skip(int lineNumber, String line, String reason) {
            skipped.add(new UnparsedLine(lineNumber, line, reason));
        }
    }
}
