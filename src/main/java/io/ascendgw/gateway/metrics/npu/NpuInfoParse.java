package io.ascendgw.gateway.metrics.npu;

import java.util.Objects;

/** The outcome of parsing {@code npu-smi info} output. */
public sealed interface NpuInfoParse {

    /** A device table was found. */
    record Parsed(NpuSnapshot snapshot) implements NpuInfoParse {
        public Parsed {
            Objects.requireNonNull(snapshot, "snapshot");
        }
    }

    /**
     * No usable device table: an error text such as {@code dcmi model initialized failed ... ret is -8020}, empty
     * output, or a layout we do not read (the Atlas 350 / 950 v2 table).
     *
     * @param reason what was printed or wrong, for the operator
     */
    record Rejected(String reason) implements NpuInfoParse {
        public Rejected {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
