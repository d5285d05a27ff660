package io.ascendgw.gateway.lora;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.ascendgw.gateway.testing.AdminClient;
import io.ascendgw.gateway.testing.GatewayProcess;
import io.ascendgw.gateway.testing.Http;
import io.ascendgw.gateway.testing.SimProcess;
import io.vertx.core.json.JsonObject;

/**
 * LoRA adapters through the gateway: static ones (--lora-modules) are served by name, runtime ones are loaded on and
 * unloaded from every engine of the model at once, loaded again on an engine that restarts, and adapters loaded on
 * one engine behind the gateway's back are found and routed to that engine only.
 */
class LoraAdaptersIT {

    private static final String MODEL = "qwen";

    @TempDir
    static Path dir;

    static GatewayProcess gateway;

    @BeforeAll
    static void start() {
        gateway = GatewayProcess.builder(dir.resolve("gw"))
                .simPool("p", "Qwen/Qwen2.5-3B", "--enable-lora", "--lora-modules", "static=org/static-lora",
                        "--sim-zero-delay")
                .property("gateway.pools.p.served-model-name", MODEL).property("gateway.pools.p.replicas", "2")
                .property("gateway.pools.p.env.VLLM_ALLOW_RUNTIME_LORA_UPDATING", "True")
                .property("gateway.supervision.health-interval", "200ms")
                .start().awaitReady(Duration.ofSeconds(60));
        gateway.awaitLog("engine p-0 ready", Duration.ofSeconds(60));
        gateway.awaitLog("engine p-1 ready", Duration.ofSeconds(60));
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    private static HttpResponse<String> chat(String model) {
        return Http.postJson(gateway.baseUrl() + "/v1/chat/completions", "{\"model\":\"" + model + "\","
                + "\"messages\":[{\"role\":\"user\",\"content\":\"Write a query\"}],\"max_tokens\":4}");
    }

    private static List<String> models(String baseUrl) {
        List<String> ids = new ArrayList<>();
        new JsonObject(Http.get(baseUrl + "/v1/models").body()).getJsonArray("data")
                .forEach(card -> ids.add(((JsonObject) card).getString("id")));
        return ids;
    }

    private static String engineUrl(String id) {
        return new AdminClient(gateway).url(id);
    }

    @Test
    void shouldServeAStaticAdapterByItsNameWithItsParentInTheModelList() {
        // When the models are listed and the adapter is asked
        JsonObject list = new JsonObject(Http.get(gateway.baseUrl() + "/v1/models").body());
        HttpResponse<String> answer = chat("static");

        // Then the adapter is listed once with the model as its parent, and answers in its own name
        List<JsonObject> cards = new ArrayList<>();
        list.getJsonArray("data").forEach(c -> cards.add((JsonObject) c));
        assertThat(cards).filteredOn(c -> c.getString("id").equals("static")).singleElement()
                .satisfies(c -> assertThat(c.getString("parent")).isEqualTo(MODEL));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(new JsonObject(answer.body()).getString("model")).isEqualTo("static");
    }

    @Test
    void shouldLoadOnEveryEngineServeAtOnceRestoreAfterARestartAndUnloadEverywhere() {
        // When an adapter is loaded through the gateway
        HttpResponse<String> loaded = Http.postJson(gateway.baseUrl() + "/v1/load_lora_adapter",
                "{\"lora_name\":\"tuned\",\"lora_path\":\"org/tuned-lora\"}");

        // Then vLLM's answer, both engines have it, and requests for it are served at once
        assertThat(loaded.statusCode()).as(loaded.body()).isEqualTo(200);
        assertThat(loaded.body()).isEqualTo("Success: LoRA adapter 'tuned' added successfully.");
        assertThat(models(engineUrl("p-0"))).contains("tuned");
        assertThat(models(engineUrl("p-1"))).contains("tuned");
        for (int i = 0; i < 6; i++) {
            HttpResponse<String> answer = chat("tuned");
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        }
        // and loading it again is vLLM's refusal
        HttpResponse<String> again = Http.postJson(gateway.baseUrl() + "/v1/load_lora_adapter",
                "{\"lora_name\":\"tuned\",\"lora_path\":\"org/tuned-lora\"}");
        assertThat(again.statusCode()).isEqualTo(400);
        assertThat(Http.error(again).getString("message")).startsWith("The lora adapter 'tuned' has already been loaded.");

        // When an engine restarts (it forgets runtime adapters, as vLLM does)
        long before = new AdminClient(gateway).pid("p-1");
        assertThat(Http.postJson(gateway.baseUrl() + "/admin/engines/p-1/restart", "").statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(60)).until(() -> new AdminClient(gateway).pid("p-1") != before
                && new AdminClient(gateway).state("p-1").equals("ready"));

        // Then the gateway loads the adapter on it again
        gateway.awaitLog("engine p-1: LoRA adapters \\[tuned\\] loaded again", Duration.ofSeconds(30));
        assertThat(models(engineUrl("p-1"))).contains("tuned");

        // When it is unloaded through the gateway
        HttpResponse<String> unloaded = Http.postJson(gateway.baseUrl() + "/v1/unload_lora_adapter",
                "{\"lora_name\":\"tuned\"}");

        // Then no engine has it and the gateway no longer knows the model
        assertThat(unloaded.statusCode()).as(unloaded.body()).isEqualTo(200);
        assertThat(unloaded.body()).isEqualTo("Success: LoRA adapter 'tuned' removed successfully.");
        assertThat(models(engineUrl("p-0"))).doesNotContain("tuned");
        assertThat(models(engineUrl("p-1"))).doesNotContain("tuned");
        HttpResponse<String> gone = chat("tuned");
        assertThat(gone.statusCode()).isEqualTo(404);
        assertThat(Http.error(gone).getString("code")).isEqualTo("model_not_found");
        HttpResponse<String> twice = Http.postJson(gateway.baseUrl() + "/v1/unload_lora_adapter",
                "{\"lora_name\":\"tuned\"}");
        assertThat(twice.statusCode()).isEqualTo(404);
    }

    @Test
    void shouldRouteAnAdapterLoadedOnOneEngineBehindTheGatewaysBackToThatEngineOnly() {
        // Given an adapter loaded on engine p-0 directly
        assertThat(Http.postJson(engineUrl("p-0") + "/v1/load_lora_adapter",
                "{\"lora_name\":\"solo\",\"lora_path\":\"org/solo-lora\"}").statusCode()).isEqualTo(200);

        // When the gateway's next health round has read the engine's models
        await().atMost(Duration.ofSeconds(10)).until(() -> models(gateway.baseUrl()).contains("solo"));

        // Then every request for it is served (none reaches p-1, which would answer 404)
        for (int i = 0; i < 8; i++) {
            HttpResponse<String> answer = chat("solo");
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        }
        assertThat(gateway.output()).contains("engine p-0 now serves");
        Http.postJson(engineUrl("p-0") + "/v1/unload_lora_adapter", "{\"lora_name\":\"solo\"}");
    }

    @Test
    void shouldRefuseBadRequestsAndAPathNoEngineHasWithoutLoadingAnything() {
        // A missing field, and a local path that does not exist on the engines
        HttpResponse<String> noPath = Http.postJson(gateway.baseUrl() + "/v1/load_lora_adapter",
                "{\"lora_name\":\"x\"}");
        assertThat(noPath.statusCode()).isEqualTo(400);
        assertThat(Http.error(noPath).getString("param")).isEqualTo("lora_path");
        HttpResponse<String> missing = Http.postJson(gateway.baseUrl() + "/v1/load_lora_adapter",
                "{\"lora_name\":\"x\",\"lora_path\":\"/nonexistent/adapter\"}");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(Http.error(missing).getString("message"))
                .startsWith("Loading lora x failed: No adapter found for /nonexistent/adapter (engine p-");
        assertThat(models(gateway.baseUrl())).doesNotContain("x");
        HttpResponse<String> unknownBase = Http.postJson(gateway.baseUrl() + "/v1/load_lora_adapter",
                "{\"lora_name\":\"x\",\"lora_path\":\"org/x\",\"base_model_name\":\"llama\"}");
        assertThat(unknownBase.statusCode()).isEqualTo(404);
        assertThat(Http.error(unknownBase).getString("param")).isEqualTo("base_model_name");
        HttpResponse<String> wrongMethod = Http.get(gateway.baseUrl() + "/v1/load_lora_adapter");
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
        assertThat(wrongMethod.headers().firstValue("Allow")).contains("POST");
        assertThat(Http.error(wrongMethod).getString("code")).isEqualTo("method_not_allowed");
    }

    @Test
    void shouldUndoTheLoadOnEveryEngineWhenOneEngineRefusesItAndSayWhenAnUnloadCannotHappen() {
        // Given a gateway whose managed engine allows runtime adapters and whose upstream (same model) does not
        try (SimProcess upstream = SimProcess.start(dir.resolve("up"), "Qwen/Qwen2.5-3B", "--served-model-name", MODEL,
                "--enable-lora", "--lora-modules", "fixed=org/fixed-lora", "--sim-zero-delay");
                GatewayProcess gw = GatewayProcess.builder(dir.resolve("gw2"))
                        .simPool("p", "Qwen/Qwen2.5-3B", "--enable-lora", "--sim-zero-delay")
                        .property("gateway.pools.p.served-model-name", MODEL)
                        .property("gateway.pools.p.replicas", "1")
                        .property("gateway.pools.p.env.VLLM_ALLOW_RUNTIME_LORA_UPDATING", "True")
                        .property("gateway.upstreams", upstream.baseUrl())
                        .start().awaitReady(Duration.ofSeconds(60))) {
            gw.awaitLog("engine p-0 ready", Duration.ofSeconds(60));
            gw.awaitLog("upstream upstream-0 .* ready", Duration.ofSeconds(60));

            // When an adapter is loaded through it
            HttpResponse<String> refused = Http.postJson(gw.baseUrl() + "/v1/load_lora_adapter",
                    "{\"lora_name\":\"half\",\"lora_path\":\"org/half\"}");

            // Then the refusal says how to allow it, and the engine that had loaded it no longer has it
            assertThat(refused.statusCode()).isEqualTo(404);
            assertThat(Http.error(refused).getString("code")).isEqualTo("lora_updates_disabled");
            assertThat(Http.error(refused).getString("message")).contains("upstream-0")
                    .contains("VLLM_ALLOW_RUNTIME_LORA_UPDATING");
            assertThat(models(new AdminClient(gw).url("p-0"))).doesNotContain("half");
            assertThat(models(gw.baseUrl())).doesNotContain("half");

            // and unloading an adapter from an engine that cannot unload it says so rather than claim success
            HttpResponse<String> stuck = Http.postJson(gw.baseUrl() + "/v1/unload_lora_adapter",
                    "{\"lora_name\":\"fixed\"}");
            assertThat(stuck.statusCode()).isEqualTo(404);
            assertThat(Http.error(stuck).getString("code")).isEqualTo("lora_updates_disabled");
            assertThat(models(gw.baseUrl())).contains("fixed");
        }
    }
}
