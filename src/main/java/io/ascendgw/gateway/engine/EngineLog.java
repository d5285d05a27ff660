package io.ascendgw.gateway.engine;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.List;

/**
 * One engine's output: copied line by line to a size-rotated file ({@code <id>.log}, {@code <id>.log.1}, …) and kept
 * in memory as the last lines, which the admin API shows. One daemon thread per engine reads the pipe; the engine
 * never blocks on a full pipe.
 */
final class EngineLog {

    static final int TAIL_LINES = 200;

    private final Path file;
    private final long maxBytes;
    private final int keepFiles;
    private final ArrayDeque<String> tail = new ArrayDeque<>(TAIL_LINES);
    private OutputStream out;
    private long written;

    EngineLog(Path file, long maxBytes, int keepFiles) throws IOException {
        this.file = file;
        this.maxBytes = maxBytes;
        this.keepFiles = Math.max(1, keepFiles);
        Files.createDirectories(file.toAbsolutePath().getParent());
        this.written = Files.exists(file) ? Files.size(file) : 0;
        this.out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /** Starts the thread that drains {@code stream} until the process closes it. */
    void pump(InputStream stream, String engineId) {
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    append(line);
                }
            } catch (IOException e) {
                append("[gateway] engine output closed: " + e.getMessage());
            } finally {
                closeFile();
            }
        }, "engine-log-" + engineId);
        reader.setDaemon(true);
        reader.start();
    }

    synchronized void append(String line) {
        if (tail.size() == TAIL_LINES) {
            tail.removeFirst();
        }
        tail.addLast(line);
        try {
            byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
            if (written + bytes.length > maxBytes) {
                rotate();
            }
            out.write(bytes);
            out.flush();
            written += bytes.length;
        } catch (IOException e) {
            // The file is a convenience; the in-memory tail still works.
        }
    }

    synchronized List<String> recent() {
        return List.copyOf(tail);
    }

    private void rotate() throws IOException {
        out.close();
        for (int i = keepFiles - 1; i >= 1; i--) {
            Path older = file.resolveSibling(file.getFileName() + "." + i);
            if (Files.exists(older)) {
                Files.move(older, file.resolveSibling(file.getFileName() + "." + (i + 1)),
                        StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Files.move(file, file.resolveSibling(file.getFileName() + ".1"), StandardCopyOption.REPLACE_EXISTING);
        Files.deleteIfExists(file.resolveSibling(file.getFileName() + "." + (keepFiles + 1)));
        out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING);
        written = 0;
    }

    private synchronized void closeFile() {
        try {
            out.close();
        } catch (IOException e) {
            // nothing left to do
        }
    }
}
