package io.ascendgw.gateway.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A real child process started by a test, with its output in a file. {@link #close()} stops it and every process
 * it started (descendants, and its session's members), so tests never leave anything running.
 */
public class ManagedProcess implements AutoCloseable {

    private final Process process;
    private final Path output;
    private final Set<ProcessHandle> seen = new java.util.HashSet<>();

    protected ManagedProcess(List<String> command, Path workDir, Path output, java.util.Map<String, String> env) {
        try {
            Files.createDirectories(workDir);
            ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
                    .redirectErrorStream(true).redirectOutput(output.toFile());
            builder.environment().putAll(env);
            this.process = builder.start();
            this.output = output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public long pid() {
        return process.pid();
    }

    public Process process() {
        return process;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public String output() {
        try {
            return Files.readString(output, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /** Remembers the current descendants so {@link #close()} also finds those that were re-parented later. */
    public Set<ProcessHandle> descendants() {
        Set<ProcessHandle> now = process.descendants().collect(Collectors.toSet());
        seen.addAll(now);
        return now;
    }

    /** SIGTERM and wait; returns the exit code, or -1 if it had to be killed. */
    public int terminate(Duration wait) {
        descendants();
        process.destroy();
        try {
            if (process.waitFor(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                return process.exitValue();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return -1;
    }

    /** SIGKILL the main process only, as a crash would. */
    public void kill9() {
        descendants();
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        descendants();
        List<ProcessHandle> all = new ArrayList<>(seen);
        all.add(process.toHandle());
        all.forEach(ProcessHandle::destroy);
        for (ProcessHandle handle : all) {
            try {
                handle.onExit().get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                handle.destroyForcibly();
            }
        }
        all.forEach(ProcessHandle::destroyForcibly);
    }
}
