package io.ascendgw.gateway.sim.metrics;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The {@code process_*} families of prometheus_client, read from {@code /proc/self} where available. */
final class ProcessStats {

    private static final long PAGE_SIZE = 4096;

    private ProcessStats() {
    }

    static void write(PromWriter w) {
        long[] statm = statm();
        w.header("process_virtual_memory_bytes", "Process virtual memory in bytes.", "gauge");
        w.sample("process_virtual_memory_bytes", "", statm[0] * PAGE_SIZE);
        w.header("process_resident_memory_bytes", "Process resident memory in bytes.", "gauge");
        w.sample("process_resident_memory_bytes", "", statm[1] * PAGE_SIZE);
        w.header("process_start_time_seconds", "Process start time as unix seconds.", "gauge");
        w.sample("process_start_time_seconds", "", ManagementFactory.getRuntimeMXBean().getStartTime() / 1000.0);
        w.header("process_cpu_seconds_total", "User plus system CPU seconds.", "counter");
        w.sample("process_cpu_seconds_total", "", cpuSeconds());
        w.header("process_open_fds", "Open file descriptors.", "gauge");
        w.sample("process_open_fds", "", openFds());
        w.header("process_max_fds", "File descriptor limit.", "gauge");
        w.sample("process_max_fds", "", maxFds());
    }

    private static long[] statm() {
        try {
            String[] parts = Files.readString(Path.of("/proc/self/statm")).trim().split("\\s+");
            return new long[] {Long.parseLong(parts[0]), Long.parseLong(parts[1])};
        } catch (IOException | RuntimeException e) {
            Runtime rt = Runtime.getRuntime();
            return new long[] {rt.totalMemory() / PAGE_SIZE, (rt.totalMemory() - rt.freeMemory()) / PAGE_SIZE};
        }
    }

    private static double cpuSeconds() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime() / 1e9;
        }
        return 0;
    }

    private static double openFds() {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static double maxFds() {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/self/limits"));
            for (String line : lines) {
                if (line.startsWith("Max open files")) {
                    return Double.parseDouble(line.substring(26).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // fall through
        }
        return 1024;
    }
}
