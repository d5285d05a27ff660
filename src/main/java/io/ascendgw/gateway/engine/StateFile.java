package io.ascendgw.gateway.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Records every running engine process (pid, session, start time) on disk, rewritten atomically on each change, so
 * that a gateway killed with SIGKILL can find and stop what it left behind when it starts again.
 */
public final class StateFile {

    /** One engine process as recorded. */
    public record Entry(String engineId, long pid, long sessionId, long startedAtMillis) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    public StateFile(Path file) {
        this.file = file;
    }

    /** What the previous gateway recorded; empty when there is no readable file. */
    public List<Entry> read() {
        if (!Files.exists(file)) {
            return List.of();
        }
        try {
            return JSON.readValue(file.toFile(), new TypeReference<List<Entry>>() {
            });
        } catch (IOException e) {
            return List.of();
        }
    }

    public synchronized void put(Entry entry) {
        entries.put(entry.engineId(), entry);
        write();
    }

    public synchronized void remove(String engineId) {
        if (entries.remove(engineId) != null) {
            write();
        }
    }

    public synchronized void clear() {
        entries.clear();
        write();
    }

    private void write() {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path temp = file.resolveSibling(file.getFileName() + ".tmp");
            JSON.writeValue(temp.toFile(), new ArrayList<>(entries.values()));
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot write engine state file " + file + ": " + e.getMessage(), e);
        }
    }
}
