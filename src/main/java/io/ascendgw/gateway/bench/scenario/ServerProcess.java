package io.ascendgw.gateway.bench.scenario;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A server a benchmark starts (simulator, gateway, nginx) as a child process with its output in a file; closing it
 * stops it and everything it started.
 */
public final class ServerProcess implements AutoCloseable {

    static final String JAR_PROPERTY = "ascendgw.jar";

    /**
     * The JVM options README's start command gives the gateway, so benchmarks measure it as deployed: the parallel
     * collector, whose young collections of a proxy's short-lived garbage are rarer and shorter than G1's and whose
     * write barrier is cheaper (about a tenth less CPU per proxied request here).
     */
    public static final List<String> GATEWAY_JVM_OPTIONS = List.of("-XX:+UseParallelGC");

    /** Started and not yet closed, newest last: closed on the way out when a benchmark is interrupted (Ctrl-C). */
    private static final Deque<ServerProcess> OPEN = new ArrayDeque<>();
    private static boolean exitHookAdded;

    private final String name;
    private final Process process;
    private final Path log;

    private ServerProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    public static ServerProcess start(String name, List<String> command, Map<String, String> env, Path log) {
        try {
            java.nio.file.Files.createDirectories(log.toAbsolutePath().getParent());
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().putAll(env);
            ServerProcess started = new ServerProcess(name, builder.start(), log);
            closeOnExit(started);
            return started;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + ": " + e.getMessage(), e);
        }
    }

    public long pid() {
        return process.pid();
    }

    /** The command that runs one of this jar's programs ({@code sim}, {@code bench}, or the gateway with none). */
    public static List<String> thisJar(List<String> jvmOptions, String program) {
        // Tests and benchmarks given --jar run outside the packaged jar and name it explicitly.
        String classPath = System.getProperty(JAR_PROPERTY, System.getProperty("java.class.path"));
        if (!classPath.endsWith("quarkus-run.jar") || classPath.contains(java.io.File.pathSeparator)) {
            throw new IllegalStateException("run the benchmark from the packaged jar: java -jar "
                    + "target/quarkus-app/quarkus-run.jar bench ...");
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(classPath);
        if (program != null) {
            command.add(program);
        }
        return command;
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until {@code url} answers {@code status}; fails with the server's log if it exits or times out. */
    public ServerProcess awaitHttp(String url, int status, Duration timeout) {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + log);
            }
            try {
                HttpResponse<Void> response = client.send(HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == status) {
                    return this;
                }
            } catch (IOException e) {
                // not up yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException(name + " did not answer " + status + " on " + url + " within " + timeout
                + "; see " + log);
    }

    /**
     * A benchmark killed by Ctrl-C or SIGTERM runs no finally block, and its servers (a gateway with its engines)
     * would keep running; the JVM's exit closes whatever is still open.
     */
    private static synchronized void closeOnExit(ServerProcess started) {
        OPEN.addLast(started);
        if (!exitHookAdded) {
            exitHookAdded = true;
            Runtime.getRuntime().addShutdownHook(new Thread(ServerProcess::closeAllOpen, "close-servers"));
        }
    }

    private static void closeAllOpen() {
        ServerProcess open;
        while ((open = newestOpen()) != null) {
            open.close();
        }
    }

    private static synchronized ServerProcess newestOpen() {
        return OPEN.peekLast();
    }

    @Override
    public void close() {
        synchronized (ServerProcess.class) {
            OPEN.remove(this);
        }
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        tree.forEach(ProcessHandle::destroyForcibly);
    }
}
