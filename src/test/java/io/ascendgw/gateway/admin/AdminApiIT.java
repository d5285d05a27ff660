package io.ascendgw.gateway.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.ascendgw.gateway.testing.AdminClient;
import io.ascendgw.gateway.testing.FreePorts;
import io.ascendgw.gateway.testing.GatewayProcess;
import io.ascendgw.gateway.testing.Http;
import io.ascendgw.gateway.testing.Sse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** The admin API against a packaged gateway running simulated engines. */
class AdminApiIT {

    private static final Duration READY = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    private static GatewayProcess.Builder simPool(GatewayProcess.Builder builder, int replicas, String devices,
            int npus, String args) {
        builder.property("gateway.pools.p.launcher", "sim").property("gateway.pools.p.model", "m")
                .property("gateway.pools.p.replicas", Integer.toString(replicas))
                .property("gateway.pools.p.npus-per-replica", Integer.toString(npus))
                .property("gateway.pools.p.args", args)
                .property("gateway.supervision.health-interval", "200ms")
                .property("gateway.supervision.stop-grace", "3s");
        if (!devices.isEmpty()) {
            builder.property("gateway.pools.p.devices", devices);
        }
        return builder;
    }

    private static void allReady(AdminClient admin, int count) {
        await().atMost(READY).until(() -> admin.engines().size() == count
                && admin.engines().stream().allMatch(e -> e.getString("state").equals("ready")));
    }

    @Test
    void shouldListEnginesShowLogsAndRestartOne() {
        try (GatewayProcess gw = simPool(GatewayProcess.builder(dir), 2, "0,1", 1, "--sim-zero-delay").start()
                .awaitReady(READY)) {
            AdminClient admin = new AdminClient(gw);
            allReady(admin, 2);
            JsonObject engine = admin.require("p-0");
            assertThat(engine.getString("pool")).isEqualTo("p");
            assertThat(engine.getJsonArray("devices")).containsExactly(0);
            assertThat(engine.getLong("pid")).isPositive();
            assertThat(engine.getLong("uptimeSeconds")).isNotNegative();
            assertThat(engine.getInteger("restarts")).isZero();
            assertThat(engine.getInteger("inFlight")).isZero();
            assertThat(engine.getJsonArray("models")).containsExactly("m");
            assertThat(engine.getString("version")).isEqualTo("0.11.0");
            gw.awaitLog("engine p-0 ready in", Duration.ofSeconds(5));
            assertThat(gw.output()).containsPattern("engine p-0 ready in [0-9.]+s: pid=\\d+ port=\\d+ models=\\[m\\] "
                    + "version=0.11.0");

            JsonObject logs = new JsonObject(Http.get(gw.baseUrl() + "/admin/engines/p-0/logs?lines=500").body());
            assertThat(logs.getJsonArray("lines").stream().map(String::valueOf))
                    .anyMatch(l -> l.contains("Starting vLLM API server"));

            long pid = engine.getLong("pid");
            assertThat(Http.postJson(gw.baseUrl() + "/admin/engines/p-0/restart", "").statusCode()).isEqualTo(202);
            await().atMost(READY).until(() -> admin.state("p-0").equals("ready") && admin.pid("p-0") != pid);
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();

            HttpResponse<String> missing = Http.postJson(gw.baseUrl() + "/admin/engines/nope/restart", "");
            assertThat(missing.statusCode()).isEqualTo(404);
            Http.error(missing);
        }
    }

    @Test
    void shouldDrainAnEngineLettingItsStreamFinishAndRouteNothingMoreToIt() throws Exception {
        // Given a slow stream in flight on one of two engines
        try (GatewayProcess gw = simPool(GatewayProcess.builder(dir), 2, "", 0, "--sim-decode-base-ms,40").start()
                .awaitReady(READY)) {
            AdminClient admin = new AdminClient(gw);
            allReady(admin, 2);
            CompletableFuture<HttpResponse<String>> stream = CompletableFuture.supplyAsync(() -> Http.postJson(
                    gw.baseUrl() + "/v1/completions", "{\"model\":\"m\",\"prompt\":\"x\",\"max_tokens\":60,"
                            + "\"ignore_eos\":true,\"stream\":true}"));
            await().atMost(READY).until(() -> admin.engines().stream().anyMatch(e -> e.getInteger("inFlight") > 0));
            String busy = admin.engines().stream().filter(e -> e.getInteger("inFlight") > 0).findFirst().orElseThrow()
                    .getString("id");
            String other = busy.equals("p-0") ? "p-1" : "p-0";
            // When it is drained
            assertThat(Http.postJson(gw.baseUrl() + "/admin/engines/" + busy + "/drain", "").statusCode())
                    .isEqualTo(202);
            assertThat(admin.state(busy)).isIn("draining", "stopped");
            // Then new requests go to the other engine, the stream completes, and the drained engine stops
            for (int i = 0; i < 5; i++) {
                HttpResponse<String> r = Http.postJson(gw.baseUrl() + "/v1/completions",
                        "{\"model\":\"m\",\"prompt\":\"y\",\"max_tokens\":2}");
                assertThat(r.statusCode()).isEqualTo(200);
            }
            HttpResponse<String> finished = stream.get(60, TimeUnit.SECONDS);
            assertThat(finished.statusCode()).isEqualTo(200);
            assertThat(Sse.payloads(finished.body())).last().isEqualTo("[DONE]");
            await().atMost(READY).until(() -> admin.state(busy).equals("stopped"));
            gw.awaitLog("model=m stream=false engine=" + other, Duration.ofSeconds(10));
            assertThat(gw.output()).doesNotContainPattern("model=m stream=false engine=" + busy);
            assertThat(gw.output()).contains("engine=" + other);
        }
    }

    @Test
    void shouldRestartAWholePoolWithoutLosingARequest() throws Exception {
        // Given a pool of two engines under steady load, streaming and not
        try (GatewayProcess gw = simPool(GatewayProcess.builder(dir), 2, "", 0, "--sim-decode-base-ms,10").start()
                .awaitReady(READY)) {
            AdminClient admin = new AdminClient(gw);
            allReady(admin, 2);
            long pid0 = admin.pid("p-0");
            long pid1 = admin.pid("p-1");
            java.util.concurrent.atomic.AtomicBoolean running = new java.util.concurrent.atomic.AtomicBoolean(true);
            List<String> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
            java.util.concurrent.atomic.AtomicInteger done = new java.util.concurrent.atomic.AtomicInteger();
            List<CompletableFuture<Void>> clients = new java.util.ArrayList<>();
            for (int c = 0; c < 4; c++) {
                boolean stream = c % 2 == 0;
                clients.add(CompletableFuture.runAsync(() -> {
                    while (running.get()) {
                        HttpResponse<String> r = Http.postJson(gw.baseUrl() + "/v1/completions", "{\"model\":\"m\","
                                + "\"prompt\":\"x\",\"max_tokens\":20,\"ignore_eos\":true,\"stream\":" + stream + "}");
                        boolean ok = r.statusCode() == 200 && (!stream || r.body().endsWith("data: [DONE]\n\n")
                                && !r.body().contains("{\"error\""));
                        if (!ok) {
                            failures.add(r.statusCode() + " " + r.body());
                        }
                        done.incrementAndGet();
                    }
                }));
            }
            // When the pool is restarted
            assertThat(Http.postJson(gw.baseUrl() + "/admin/pools/p/restart", "").statusCode()).isEqualTo(202);
            // Then both engines are replaced, one after the other, and no request failed meanwhile
            await().atMost(READY).until(() -> admin.pid("p-0") != pid0 && admin.pid("p-1") != pid1
                    && admin.engines().stream().allMatch(e -> e.getString("state").equals("ready")));
            gw.awaitLog("pool p: rolling restart done", Duration.ofSeconds(30));
            running.set(false);
            CompletableFuture.allOf(clients.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
            assertThat(done.get()).isGreaterThan(10);
            assertThat(failures).isEmpty();
            assertThat(Http.postJson(gw.baseUrl() + "/admin/pools/none/restart", "").statusCode()).isEqualTo(404);
        }
    }

    @Test
    void shouldScaleAPoolWithinItsNpus() {
        try (GatewayProcess gw = simPool(GatewayProcess.builder(dir), 1, "0,1,2", 1, "--sim-zero-delay").start()
                .awaitReady(READY)) {
            AdminClient admin = new AdminClient(gw);
            HttpResponse<String> up = Http.postJson(gw.baseUrl() + "/admin/pools/p/scale", "{\"replicas\":3}");
            assertThat(up.statusCode()).isEqualTo(200);
            assertThat(new JsonObject(up.body()).getInteger("replicas")).isEqualTo(3);
            allReady(admin, 3);
            assertThat(admin.engines()).extracting(e -> e.getJsonArray("devices").getInteger(0))
                    .containsExactlyInAnyOrder(0, 1, 2);

            HttpResponse<String> tooMany = Http.postJson(gw.baseUrl() + "/admin/pools/p/scale?replicas=4", "");
            assertThat(tooMany.statusCode()).isEqualTo(400);
            assertThat(Http.error(tooMany).getString("message")).contains("0 to 3 replicas");

            // as `curl -X POST …/scale?replicas=1` sends it: no body, no content type
            HttpResponse<String> down = Http.send(HttpRequest.newBuilder(URI.create(gw.baseUrl()
                    + "/admin/pools/p/scale?replicas=1")).POST(HttpRequest.BodyPublishers.noBody()).build());
            assertThat(down.statusCode()).as(down.body()).isEqualTo(200);
            await().atMost(READY).until(() -> admin.engines().size() == 1);
            assertThat(admin.engines()).extracting(e -> e.getString("id")).containsExactly("p-0");
            JsonArray pools = new JsonArray(Http.get(gw.baseUrl() + "/admin/pools").body());
            assertThat(pools.getJsonObject(0).getInteger("replicas")).isEqualTo(1);
            assertThat(Http.postJson(gw.baseUrl() + "/admin/pools/none/scale?replicas=1", "").statusCode())
                    .isEqualTo(404);

            // Bad input gets OpenAI-shaped errors naming the parameter, including the REST layer's own refusals
            HttpResponse<String> notANumber = Http.postJson(gw.baseUrl() + "/admin/pools/p/scale?replicas=abc", "");
            assertThat(notANumber.statusCode()).isEqualTo(400);
            assertThat(Http.error(notANumber).getString("param")).isEqualTo("replicas");
            HttpResponse<String> badLines = Http.get(gw.baseUrl() + "/admin/engines/p-0/logs?lines=abc");
            assertThat(badLines.statusCode()).isEqualTo(400);
            assertThat(Http.error(badLines).getString("param")).isEqualTo("lines");
            HttpResponse<String> wrongMethod = Http.get(gw.baseUrl() + "/admin/pools/p/scale");
            assertThat(wrongMethod.statusCode()).isEqualTo(405);
            assertThat(Http.error(wrongMethod).getString("message")).startsWith("Method GET is not allowed");
            assertThat(Http.error(wrongMethod).getString("code")).isEqualTo("method_not_allowed");
        }
    }

    @Test
    void shouldRequireTheAdminKeyWhenOneIsSet() {
        try (GatewayProcess gw = simPool(GatewayProcess.builder(dir), 1, "", 0, "--sim-zero-delay")
                .property("gateway.admin.key", "s3cret").start().awaitReady(READY)) {
            HttpResponse<String> anonymous = Http.get(gw.baseUrl() + "/admin/engines");
            assertThat(anonymous.statusCode()).isEqualTo(401);
            assertThat(Http.error(anonymous).getString("type")).isEqualTo("authentication_error");
            HttpResponse<String> wrong = Http.send(HttpRequest.newBuilder(URI.create(gw.baseUrl() + "/admin/engines"))
                    .header("Authorization", "Bearer s3cre").build());
            assertThat(wrong.statusCode()).isEqualTo(401);
            HttpResponse<String> right = Http.send(HttpRequest.newBuilder(URI.create(gw.baseUrl() + "/admin/engines"))
                    .header("Authorization", "Bearer s3cret").build());
            assertThat(right.statusCode()).isEqualTo(200);
            // the OpenAI endpoints are not behind the admin key
            assertThat(Http.get(gw.baseUrl() + "/v1/models").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void shouldNeverStartAnEngineOnATakenPort() throws Exception {
        // Given another process listening on the configured base port
        int base = FreePorts.next();
        try (ServerSocket squatter = new ServerSocket(base, 50, InetAddress.getLoopbackAddress());
                GatewayProcess gw = simPool(GatewayProcess.builder(dir), 1, "", 0, "--sim-zero-delay")
                        .property("gateway.pools.p.base-port", Integer.toString(base)).start().awaitReady(READY)) {
            AdminClient admin = new AdminClient(gw);
            String url = admin.require("p-0").getString("url");
            assertThat(url).doesNotEndWith(":" + base);
            assertThat(Http.postJson(gw.baseUrl() + "/v1/completions", "{\"model\":\"m\",\"prompt\":\"x\","
                    + "\"max_tokens\":2}").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void shouldReportReadinessPerPool() {
        try (GatewayProcess gw = simPool(GatewayProcess.builder(dir), 1, "", 0, "--sim-zero-delay")
                .simPool("slow", "s", "--sim-startup-delay", "600").start().awaitReady(READY)) {
            // The gateway can serve (p is ready), but is not ready as a whole while pool slow has no engine
            assertThat(Http.get(gw.baseUrl() + "/health").statusCode()).isEqualTo(200);
            HttpResponse<String> ready = Http.get(gw.baseUrl() + "/q/health/ready");
            assertThat(ready.statusCode()).isEqualTo(503);
            assertThat(ready.body()).contains("\"slow\"").contains("0/1 ready");
            assertThat(Http.get(gw.baseUrl() + "/q/health/live").statusCode()).isEqualTo(200);
        }
    }
}
