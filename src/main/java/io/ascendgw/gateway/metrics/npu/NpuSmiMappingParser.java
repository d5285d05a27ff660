package io.ascendgw.gateway.metrics.npu;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * Parses {@code npu-smi info -m} (ascend-npu.md §2.2): a header line, then one row per chip including an {@code Mcu}
 * row per card whose logic id is {@code -}. Columns are 30 wide with trailing blanks; A3 adds {@code Chip Phy-ID}
 * before the name. The name contains a blank ({@code Ascend 910B2}), so rows are read as id columns plus the rest.
 *
 * <p>Stateless and thread-safe; rows that do not parse are left out.
 */
public final class NpuSmiMappingParser {

    public List<NpuChipMapping> parse(String output) {
        List<NpuChipMapping> rows = new ArrayList<>();
        int idColumns = 3;
        for (String line : output.lines().toList()) {
            if (line.contains("Chip Logic ID")) {
                idColumns = line.contains("Chip Phy-ID") ? 4 : 3;
                continue;
            }
            List<String> words = NpuSmiCells.words(line);
            if (words.size() <= idColumns) {
                continue;
            }
            try {
                OptionalInt phyId = idColumns == 4 ? NpuSmiCells.smallInteger(words.get(3)) : OptionalInt.empty();
                rows.add(new NpuChipMapping(
                    Integer.parseInt(words.get(0)),
                    Integer.parseInt(words.get(1)),
                    NpuSmiCells.smallInteger(words.get(2)),
                    phyId,
                    String.join(" ", words.subList(idColumns, words.size()))));
            } catch (NumberFormatException notARow) {
                // not a mapping row (noise, warnings)
            }
        }
        return rows;
    }
}
