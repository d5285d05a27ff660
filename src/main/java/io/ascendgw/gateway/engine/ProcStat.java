package io.ascendgw.gateway.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.stream.Stream;

/**
 * Reads session ids from Linux's {@code /proc}: processes a crashed engine left behind have been re-parented to init,
 * so only their session (each engine is started in its own) still ties them to it.
 */
final class ProcStat {

    private static final Path PROC = Path.of("/proc");

    private ProcStat() {
    }

    static boolean available() {
        return Files.isDirectory(PROC.resolve("self"));
    }

    /** The session id of {@code pid}, if it exists and {@code /proc} is readable. */
    static OptionalInt sessionOf(long pid) {
        try {
            String stat = Files.readString(PROC.resolve(Long.toString(pid)).resolve("stat"));
            // "pid (comm) state ppid pgrp session ..."; comm may contain spaces and parentheses.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return OptionalInt.of(Integer.parseInt(fields[3]));
        } catch (IOException | RuntimeException e) {
            return OptionalInt.empty();
        }
    }

    /** Every live process in session {@code sid}. */
    static List<Long> membersOfSession(long sid) {
        List<Long> members = new ArrayList<>();
        if (!available()) {
            return members;
        }
        try (Stream<Path> entries = Files.list(PROC)) {
            entries.map(p -> p.getFileName().toString())
                    .filter(name -> !name.isEmpty() && name.chars().allMatch(Character::isDigit))
                    .mapToLong(Long::parseLong)
                    .filter(pid -> sessionOf(pid).orElse(-1) == sid)
                    .forEach(members::add);
        } catch (IOException e) {
            return members;
        }
        return members;
    }
}
