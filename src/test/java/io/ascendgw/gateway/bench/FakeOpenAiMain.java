package io.ascendgw.gateway.bench;

import java.time.Duration;

/**
 * Runs {@link FakeOpenAiServer} as its own process, for measuring the load generator's ceiling without sharing a JVM
 * with it: {@code java -cp <test classpath> io.ascendgw.gateway.bench.FakeOpenAiMain [firstChunkMs] [interChunkMs]
 * [eventLoops]}. Prints {@code listening <baseUrl>} and serves until its standard input closes.
 */
public final class FakeOpenAiMain {

    private FakeOpenAiMain() {
    }

    public static void main(String[] args) throws Exception {
        long firstChunkMs = args.length > 0 ? Long.parseLong(args[0]) : 0;
        long interChunkMs = args.length > 1 ? Long.parseLong(args[1]) : 0;
        int eventLoops = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        try (FakeOpenAiServer server = FakeOpenAiServer.startLean(FakeOpenAiServer.Behavior.ok(
                Duration.ofMillis(firstChunkMs), Duration.ofMillis(interChunkMs)), eventLoops)) {
            System.out.println("listening " + server.baseUrl());
            System.out.flush();
            while (System.in.read() >= 0) {
                // serve until stdin closes
            }
        }
    }
}
