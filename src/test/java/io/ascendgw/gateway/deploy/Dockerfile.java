package io.ascendgw.gateway.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.ascendgw.gateway.contract.RepoFiles;

/**
 * The instructions of {@code src/main/docker/Dockerfile.vllm-ascend}, parsed as Docker does for what the checks need:
 * comments dropped, backslash continuations joined, instruction keywords case-insensitive. No Docker engine runs here,
 * so the image itself is never built by the tests.
 */
record Dockerfile(List<Instruction> instructions) {

    static final String PATH = "src/main/docker/Dockerfile.vllm-ascend";

    /** One instruction: keyword in upper case and its arguments as written. */
    record Instruction(String keyword, String arguments) {
    }

    static Dockerfile load() {
        return parse(RepoFiles.read(PATH));
    }

    static Dockerfile parse(String text) {
        List<Instruction> instructions = new ArrayList<>();
        StringBuilder pending = new StringBuilder();
        for (String raw : text.split("\n", -1)) {
            String line = raw.strip();
            if (line.startsWith("#") || (line.isEmpty() && pending.isEmpty())) {
                continue;
            }
            if (line.endsWith("\\")) {
                pending.append(line, 0, line.length() - 1).append(' ');
                continue;
            }
            pending.append(line);
            String whole = pending.toString().strip();
            pending.setLength(0);
            if (whole.isEmpty()) {
                continue;
            }
            int space = whole.indexOf(' ');
            instructions.add(new Instruction(whole.substring(0, space < 0 ? whole.length() : space)
                    .toUpperCase(Locale.ROOT), space < 0 ? "" : whole.substring(space + 1).strip()));
        }
        return new Dockerfile(List.copyOf(instructions));
    }

    List<Instruction> all(String keyword) {
        return instructions.stream().filter(i -> i.keyword().equals(keyword)).toList();
    }

    Optional<Instruction> first(String keyword) {
        return all(keyword).stream().findFirst();
    }

    /** ARG defaults declared before the first FROM (the ones FROM may use). */
    Map<String, String> globalArgs() {
        Map<String, String> args = new java.util.LinkedHashMap<>();
        for (Instruction instruction : instructions) {
            if (instruction.keyword().equals("FROM")) {
                break;
            }
            if (instruction.keyword().equals("ARG")) {
                String[] kv = instruction.arguments().split("=", 2);
                args.put(kv[0], kv.length > 1 ? kv[1] : null);
            }
        }
        return args;
    }

    /** COPY sources and destination, in order: {@code [src..., dest]}. */
    static List<String> copyOperands(Instruction copy) {
        return List.of(copy.arguments().split("\\s+"));
    }
}
