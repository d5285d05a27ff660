package io.ascendgw.gateway.bench.scenario;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * CPU time a process and its children have used, from Linux's {@code /proc/<pid>/stat}. Per-request CPU is a
 * steadier measure of a proxy's cost than throughput on a shared, noisy machine.
 */
final class ProcessCpu {

    /** Clock ticks per second of {@code /proc} times ({@code getconf CLK_TCK}, 100 on Linux). */
    private static final double TICKS_PER_SECOND = 100.0;

    private ProcessCpu() {
    }

    /** CPU seconds (user + system) of {@code pid} and its live descendants, or NaN where /proc is missing. */
    static double seconds(long pid) {
        return ProcessHandle.of(pid).map(handle -> Stream.concat(Stream.of(handle), handle.descendants())
                .mapToDouble(p -> ticks(p.pid())).sum() / TICKS_PER_SECOND).orElse(Double.NaN);
    }

    private static double ticks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // fields[11] and fields[12] are utime and stime (fields 14 and 15 of the full line)
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }
}
