package io.ascendgw.gateway.bench.dataset;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A dataset file read for replay: the requests it yielded in file order, and why the others were left out.
 *
 * @param name the file's name (without its directory), for reports
 * @param format {@code sharegpt} or {@code jsonl}
 * @param records how many records the file holds
 * @param requests the usable records, in file order
 * @param skipped records left out, by reason, in the order the reasons were first met
 */
public record Dataset(String name, String format, int records, List<DatasetRequest> requests,
        Map<String, Integer> skipped) {

    public Dataset {
        requests = List.copyOf(requests);
        skipped = Collections.unmodifiableMap(new LinkedHashMap<>(skipped));
    }

    /** E.g. {@code sharegpt.json (sharegpt): 62318 of 94145 records (31827 outside 4-1024 prompt tokens, …)}. */
    public String describe() {
        String base = name + " (" + format + "): " + requests.size() + " of " + records + " records";
        if (skipped.isEmpty()) {
            return base;
        }
        return base + skipped.entrySet().stream().map(e -> e.getValue() + " " + e.getKey())
                .collect(Collectors.joining(", ", " (skipped: ", ")"));
    }
}
