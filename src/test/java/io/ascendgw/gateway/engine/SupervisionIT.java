package io.ascendgw.gateway.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.ascendgw.gateway.testing.AdminClient;
import io.ascendgw.gateway.testing.GatewayProcess;
import io.ascendgw.gateway.testing.Http;
import io.vertx.core.json.JsonObject;

/**
 * The supervisor for real: the packaged gateway launching engines through the {@code vllm} launcher with a
 * {@code command} that records its arguments and environment and then runs the simulator, plus simulator pools with
 * injected faults.
 */
class SupervisionIT {

    private static final Duration READY = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    /** A gateway with quick supervision timings, so faults are noticed within seconds. */
    private GatewayProcess.Builder gateway(String name) {
        return GatewayProcess.builder(dir.resolve(name))
                .property("gateway.supervision.health-interval", "200ms")
                .property("gateway.supervision.unhealthy-after", "2s")
                .property("gateway.supervision.stall-after", "3s")
                .property("gateway.supervision.restart-backoff", "200ms")
                .property("gateway.supervision.restart-backoff-max", "1s")
                .property("gateway.supervision.stop-grace", "3s");
    }

    private static GatewayProcess.Builder simPool(GatewayProcess.Builder builder, String pool, String model,
            int replicas, String args) {
        builder.property("gateway.pools." + pool + ".launcher", "sim")
                .property("gateway.pools." + pool + ".model", model)
                .property("gateway.pools." + pool + ".replicas", Integer.toString(replicas))
                .property("gateway.pools." + pool + ".npus-per-replica", "0");
        if (!args.isEmpty()) {
            builder.property("gateway.pools." + pool + ".args", args);
        }
        return builder;
    }

    private static HttpResponse<String> complete(GatewayProcess gateway, String model) {
        return Http.postJson(gateway.baseUrl() + "/v1/completions",
                "{\"model\":\"" + model + "\",\"prompt\":\"hello\",\"max_tokens\":3}");
    }

    @Test
    void shouldLaunchEachReplicaWithItsFlagsNpuGroupPortAndHcclWindow() throws IOException {
        // Given a vllm pool of 2 replicas x 2 NPUs on NPUs 2-5, started through a recording stand-in
        Path records = dir.resolve("records");
        Path script = Path.of("target/test-classes/engine/fake-vllm").toAbsolutePath();
        try (GatewayProcess gw = gateway("launch")
                .property("gateway.pools.qwen.command", "sh," + script + "," + GatewayProcess.appJar())
                .property("gateway.pools.qwen.model", "/models/Qwen2.5-7B")
                .property("gateway.pools.qwen.served-model-name", "qwen")
                .property("gateway.pools.qwen.replicas", "2").property("gateway.pools.qwen.npus-per-replica", "2")
                .property("gateway.pools.qwen.devices", "2,3,4,5")
                .property("gateway.pools.qwen.args", "--max-model-len,4096")
                .property("gateway.pools.qwen.env.FAKE_VLLM_RECORD_DIR", records.toString())
                .property("gateway.pools.qwen.env.JAVA_HOME", System.getProperty("java.home"))
                .property("gateway.pools.qwen.env.POOL_MARKER", "from-config")
                .start().awaitReady(READY)) {
            AdminClient admin = new AdminClient(gw);
            await().atMost(READY).until(() -> admin.engines().stream().allMatch(e -> "ready".equals(e.getString("state"))));
            // Then each engine got vLLM's flags, its own NPU group, port and HCCL window
            List<List<String>> launched;
            try (Stream<Path> files = Files.list(records)) {
                launched = files.map(SupervisionIT::lines).toList();
            }
            assertThat(launched).hasSize(2);
            Set<String> devices = new HashSet<>();
            Set<String> hccl = new HashSet<>();
            for (List<String> record : launched) {
                assertThat(record).containsSubsequence("arg=--model", "arg=/models/Qwen2.5-7B",
                        "arg=--served-model-name", "arg=qwen", "arg=--host", "arg=127.0.0.1", "arg=--port");
                assertThat(record).containsSubsequence("arg=--tensor-parallel-size", "arg=2", "arg=--max-model-len",
                        "arg=4096");
                assertThat(record).contains("POOL_MARKER=from-config");
                devices.add(value(record, "ASCEND_RT_VISIBLE_DEVICES"));
                hccl.add(value(record, "HCCL_IF_BASE_PORT"));
            }
            assertThat(devices).containsExactlyInAnyOrder("2,3", "4,5");
            assertThat(hccl).hasSize(2);
            assertThat(admin.engines()).extracting(e -> e.getJsonArray("devices").toString())
                    .containsExactlyInAnyOrder("[2,3]", "[4,5]");
            assertThat(admin.engines()).extracting(e -> e.getString("url")).doesNotHaveDuplicates();
            assertThat(complete(gw, "qwen").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void shouldRefuseAConfigurationAskingForMoreNpusThanExist() throws Exception {
        try (GatewayProcess gw = gateway("refuse").property("gateway.pools.big.model", "m")
                .property("gateway.pools.big.replicas", "3").property("gateway.pools.big.npus-per-replica", "4")
                .start()) {
            assertThat(gw.process().waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            assertThat(gw.process().exitValue()).isNotZero();
            assertThat(gw.output()).contains("gateway.pools.big asks for 12 NPUs");
        }
    }

    @Test
    void shouldKeepAStartingEngineOutOfRotationUntilItIsReady() {
        // Given two pools serving the same name, one of which takes 5 s to load
        GatewayProcess.Builder builder = gateway("slow");
        simPool(builder, "fast", "m", 1, "--sim-zero-delay");
        simPool(builder, "slow", "m", 1, "--sim-zero-delay,--sim-startup-delay,5");
        try (GatewayProcess gw = builder.start().awaitReady(READY)) {
            AdminClient admin = new AdminClient(gw);
            assertThat(admin.state("slow-0")).isEqualTo("starting");
            // When requests arrive while it loads
            for (int i = 0; i < 10; i++) {
                assertThat(complete(gw, "m").statusCode()).isEqualTo(200);
            }
            // Then none was tried on the loading engine, and it becomes ready after its delay
            gw.awaitLog("(?s)(engine=fast-0 status=200 outcome=ok attempts=1.*){10}", Duration.ofSeconds(10));
            assertThat(gw.output()).doesNotContain("attempts=2").doesNotContain("engine=slow-0");
            await().atMost(READY).until(() -> admin.state("slow-0").equals("ready"));
            assertThat(gw.output()).containsPattern("engine slow-0 ready in ([5-9]|\\d\\d)\\.\\ds");
        }
    }

    @Test
    void shouldRestartACrashedEngineWithBackoff() {
        GatewayProcess.Builder builder = gateway("crash");
        simPool(builder, "p", "m", 1, "--sim-zero-delay,--sim-crash-after-requests,2,--sim-crash-exit-code,3");
        try (GatewayProcess gw = builder.start().awaitReady(READY)) {
            AdminClient admin = new AdminClient(gw);
            long firstPid = admin.pid("p-0");
            String firstUrl = admin.url("p-0");
            // When the third request makes it crash
            for (int i = 0; i < 3; i++) {
                complete(gw, "m");
            }
            // Then it is restarted: new pid on the same port, one restart, exit code kept, ready again
            await().atMost(READY).until(() -> admin.state("p-0").equals("ready") && admin.pid("p-0") != firstPid);
            JsonObject engine = admin.require("p-0");
            assertThat(engine.getInteger("restarts")).isEqualTo(1);
            assertThat(engine.getInteger("lastExitCode")).isEqualTo(3);
            assertThat(admin.url("p-0")).isEqualTo(firstUrl);
            assertThat(gw.output()).contains("engine p-0 died: pid=" + firstPid + " exit code 3")
                    .containsPattern("engine p-0 restarting in \\d+\\.\\ds \\(restart 1\\)");
            assertThat(complete(gw, "m").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void shouldRestartAnEngineWhoseHttpHangs() {
        GatewayProcess.Builder builder = gateway("hang-http");
        simPool(builder, "p", "m", 1, "--sim-zero-delay");
        try (GatewayProcess gw = builder.start().awaitReady(READY)) {
            AdminClient admin = new AdminClient(gw);
            long firstPid = admin.pid("p-0");
            // When the engine stops answering while its process stays alive
            assertThat(Http.postJson(admin.url("p-0") + "/sim/faults", "{\"hangHttp\":true}").statusCode())
                    .isEqualTo(200);
            // Then it is found unhealthy, killed and replaced
            await().atMost(READY).until(() -> admin.state("p-0").equals("ready") && admin.pid("p-0") != firstPid);
            assertThat(gw.output()).containsPattern("engine p-0 unhealthy for \\d+s");
            assertThat(ProcessHandle.of(firstPid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        }
    }

    @Test
    void shouldRestartAStalledEngineAndRetryItsRequestElsewhere() throws Exception {
        // Given two engines, one of whose engine loop hangs while /health stays 200 (as vLLM's does)
        GatewayProcess.Builder builder = gateway("stall");
        simPool(builder, "p", "m", 2, "--sim-decode-base-ms,5");
        try (GatewayProcess gw = builder.start().awaitReady(READY)) {
            AdminClient admin = new AdminClient(gw);
            await().atMost(READY).until(() -> admin.engines().stream().allMatch(e -> e.getString("state").equals("ready")));
            long hungPid = admin.pid("p-0");
            Http.postJson(admin.url("p-0") + "/sim/faults", "{\"hang\":true}");
            // When requests keep arriving, some land on the hung engine
            List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                responses.add(CompletableFuture.supplyAsync(() -> complete(gw, "m")));
            }
            // Then every request succeeds (the stalled ones retried on the healthy engine once the hung one is killed)
            for (CompletableFuture<HttpResponse<String>> response : responses) {
                assertThat(response.get(90, java.util.concurrent.TimeUnit.SECONDS).statusCode()).isEqualTo(200);
            }
            await().atMost(READY).until(() -> admin.state("p-0").equals("ready") && admin.pid("p-0") != hungPid);
            assertThat(gw.output()).contains("engine p-0 stalled:");
        }
    }

    @Test
    void shouldLeaveACrashLoopingEngineFailedWhileThePoolKeepsServing() {
        GatewayProcess.Builder builder = gateway("loop").property("gateway.supervision.crash-loop-restarts", "2");
        simPool(builder, "ok", "m", 1, "--sim-zero-delay");
        simPool(builder, "bad", "m", 1, "--sim-zero-delay,--sim-crash-after-seconds,0.3");
        try (GatewayProcess gw = builder.start().awaitReady(READY)) {
            AdminClient admin = new AdminClient(gw);
            await().atMost(READY).until(() -> admin.state("bad-0").equals("failed"));
            assertThat(admin.require("bad-0").getString("reason")).startsWith("crash loop: 3 failures");
            assertThat(gw.output()).contains("ENGINE bad-0 FAILED and will not be restarted");
            for (int i = 0; i < 5; i++) {
                assertThat(complete(gw, "m").statusCode()).isEqualTo(200);
            }
            // An operator restart brings it back (it will crash again; the point is it is started)
            Http.postJson(gw.baseUrl() + "/admin/engines/bad-0/restart", "{}");
            await().atMost(READY).until(() -> !admin.state("bad-0").equals("failed"));
        }
    }

    @Test
    void shouldLeaveNoProcessBehindOnSigterm() {
        GatewayProcess.Builder builder = gateway("sigterm");
        simPool(builder, "p", "m", 2, "--sim-zero-delay,--sim-workers,2");
        try (GatewayProcess gw = builder.start().awaitReady(READY)) {
            AdminClient admin = new AdminClient(gw);
            await().atMost(READY).until(() -> admin.engines().stream().allMatch(e -> e.getString("state").equals("ready")));
            Set<ProcessHandle> tree = gw.descendants();
            // two engines, each with two workers (a shell and its sleep)
            assertThat(tree.size()).isGreaterThanOrEqualTo(6);
            gw.terminate(Duration.ofSeconds(60));
            assertThat(gw.isAlive()).isFalse();
            assertThat(tree).noneMatch(ProcessHandle::isAlive);
            assertThat(gw.output()).contains("All engines stopped");
        }
    }

    @Test
    void shouldReapEnginesLeftBehindByAGatewayKilledWithSigkill() {
        // Given a gateway killed with SIGKILL: its engines and their workers live on
        Path work = dir.resolve("sigkill");
        GatewayProcess.Builder first = GatewayProcess.builder(work);
        simPool(first, "p", "m", 2, "--sim-zero-delay,--sim-workers,1");
        GatewayProcess killed = first.start();
        Set<ProcessHandle> orphans;
        try {
            killed.awaitReady(READY);
            AdminClient admin = new AdminClient(killed);
            await().atMost(READY).until(() -> admin.engines().stream().allMatch(e -> e.getString("state").equals("ready")));
            orphans = killed.descendants();
            killed.kill9();
            assertThat(orphans).hasSizeGreaterThanOrEqualTo(4).allMatch(ProcessHandle::isAlive);
        } catch (RuntimeException | AssertionError e) {
            killed.close();
            throw e;
        }
        // When a new gateway starts in the same directory
        GatewayProcess.Builder second = GatewayProcess.builder(work);
        simPool(second, "p", "m", 2, "--sim-zero-delay");
        try (GatewayProcess gw = second.start().awaitReady(READY)) {
            // Then the old engines are gone and the log says so
            assertThat(orphans).noneMatch(ProcessHandle::isAlive);
            assertThat(gw.output()).contains("Reaping orphan engine p-0").contains("Reaping orphan engine p-1");
            assertThat(complete(gw, "m").statusCode()).isEqualTo(200);
        } finally {
            orphans.forEach(ProcessHandle::destroyForcibly);
        }
    }

    @Test
    void shouldRefuseToStartInTheRunDirectoryOfAGatewayThatIsRunningAndLeaveItsEnginesAlone() throws Exception {
        // Given a running gateway with two engines
        Path work = dir.resolve("twice");
        GatewayProcess.Builder first = GatewayProcess.builder(work);
        simPool(first, "p", "m", 2, "--sim-zero-delay");
        try (GatewayProcess running = first.start().awaitReady(READY)) {
            AdminClient admin = new AdminClient(running);
            await().atMost(READY).until(() -> admin.engines().stream().allMatch(e -> e.getString("state").equals("ready")));
            Set<ProcessHandle> engines = running.descendants();

            // When the start command runs again in the same directory (on another port)
            GatewayProcess.Builder again = GatewayProcess.builder(work);
            simPool(again, "p", "m", 2, "--sim-zero-delay");
            try (GatewayProcess second = again.start()) {
                // Then the second refuses, naming the running one and the key to change
                assertThat(second.process().waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
                assertThat(second.process().exitValue()).isNotZero();
                assertThat(second.output()).contains("Another gateway (pid " + running.pid() + ")")
                        .contains("gateway.supervision.run-dir").doesNotContain("Reaping");
            }
            // And the first one's engines were not taken for orphans: the same processes serve on
            assertThat(engines).isNotEmpty().allMatch(ProcessHandle::isAlive);
            assertThat(admin.engines()).allMatch(e -> e.getInteger("restarts", 0) == 0);
            assertThat(complete(running, "m").statusCode()).isEqualTo(200);
        }
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String value(List<String> record, String key) {
        return record.stream().filter(l -> l.startsWith(key + "=")).map(l -> l.substring(key.length() + 1))
                .findFirst().orElseThrow();
    }
}
