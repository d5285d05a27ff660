package io.ascendgw.gateway.sim.http;

import static io.ascendgw.gateway.sim.TestSim.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.ascendgw.gateway.sim.SimStartupException;
import io.ascendgw.gateway.sim.TestSim;

/**
 * LoRA adapters as vLLM serves them: --enable-lora with --lora-modules (both forms), model cards, requests by the
 * adapter's name (its own answers and prefix cache), vllm:lora_requests_info, and the runtime load/unload endpoints
 * behind VLLM_ALLOW_RUNTIME_LORA_UPDATING.
 */
class LoraHttpTest {

    private static final String LONG_PROMPT = "Translate the following question into SQL for the orders table. "
            .repeat(40);

    private static Path adapterDir;
    private static TestSim lora;
    private static TestSim runtime;

    @BeforeAll
    static void start() throws IOException {
        adapterDir = Files.createTempDirectory("sql-lora");
        lora = TestSim.start("--model", "Qwen/Qwen2.5-3B-Instruct", "--served-model-name", "qwen", "--enable-lora",
                "--lora-modules", "sql=" + adapterDir,
                "{\"name\":\"chat\",\"path\":\"org/chat-lora\",\"base_model_name\":\"qwen\"}", "--max-loras", "2",
                "--enable-prompt-tokens-details", "--sim-zero-delay");
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("VLLM_ALLOW_RUNTIME_LORA_UPDATING", "True");
        runtime = TestSim.startWithEnvironment(env, "--model", "qwen", "--enable-lora", "--sim-zero-delay");
    }

    @AfterAll
    static void stop() throws IOException {
        lora.close();
        runtime.close();
        Files.deleteIfExists(adapterDir);
    }

    private static JsonNode chat(TestSim sim, String model, String content) {
        HttpResponse<String> r = sim.post("/v1/chat/completions", "{\"model\":\"" + model + "\",\"messages\":[{\"role\":"
                + "\"user\",\"content\":\"" + content + "\"}],\"seed\":7}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return json(r.body());
    }

    private static List<String> modelIds(TestSim sim) {
        List<String> ids = new ArrayList<>();
        json(sim.get("/v1/models").body()).get("data").forEach(card -> ids.add(card.get("id").asText()));
        return ids;
    }

    @Test
    void shouldListEachAdapterAsACardWithItsPathAndParentWhenStartedWithLoraModules() {
        // When the models are listed
        JsonNode data = json(lora.get("/v1/models").body()).get("data");

        // Then the model comes first, then one card per adapter: root its path, parent the model, no length
        assertThat(data).hasSize(3);
        assertThat(data.get(0).get("id").asText()).isEqualTo("qwen");
        assertThat(data.get(0).get("parent").isNull()).isTrue();
        JsonNode sql = data.get(1);
        assertThat(sql.get("id").asText()).isEqualTo("sql");
        assertThat(sql.get("root").asText()).isEqualTo(adapterDir.toString());
        assertThat(sql.get("parent").asText()).isEqualTo("qwen");
        assertThat(sql.get("max_model_len").isNull()).isTrue();
        assertThat(sql.at("/permission/0/object").asText()).isEqualTo("model_permission");
        assertThat(data.get(2).get("id").asText()).isEqualTo("chat");
        assertThat(data.get(2).get("root").asText()).isEqualTo("org/chat-lora");
    }

    @Test
    void shouldAnswerInTheAdaptersNameWithItsOwnTextAndPrefixCacheWhenAskedForAnAdapter() {
        // When the model and the adapter are asked the same long question, the adapter twice
        JsonNode base = chat(lora, "qwen", LONG_PROMPT);
        JsonNode first = chat(lora, "sql", LONG_PROMPT);
        JsonNode second = chat(lora, "sql", LONG_PROMPT);

        // Then the adapter answers in its name, differently from the model, and the same way each time
        assertThat(first.get("model").asText()).isEqualTo("sql");
        assertThat(base.get("model").asText()).isEqualTo("qwen");
        String text = first.at("/choices/0/message/content").asText();
        assertThat(text).isNotEqualTo(base.at("/choices/0/message/content").asText())
                .isEqualTo(second.at("/choices/0/message/content").asText());
        // and the model's cached prefix is not the adapter's (vLLM's block hashes carry the adapter), its own is
        assertThat(first.at("/usage/prompt_tokens").asInt()).isEqualTo(base.at("/usage/prompt_tokens").asInt());
        assertThat(first.at("/usage/prompt_tokens_details").isMissingNode()
                || first.at("/usage/prompt_tokens_details/cached_tokens").asInt() == 0).isTrue();
        assertThat(second.at("/usage/prompt_tokens_details/cached_tokens").asInt()).isGreaterThan(0);
        // and the tokenizer knows the adapter too
        HttpResponse<String> tokens = lora.post("/tokenize", "{\"model\":\"sql\",\"prompt\":\"SELECT 1\"}");
        assertThat(tokens.statusCode()).isEqualTo(200);
    }

    @Test
    void shouldReportTheMaxAndTheLatestAdaptersInLoraRequestsInfoWhenLoraIsOn() {
        // Given a request to an adapter has run
        chat(lora, "chat", "hello");

        // When the metrics are read
        Map<String, Double> series = lora.metrics().samples.entrySet().stream()
                .filter(e -> e.getKey().startsWith("vllm:lora_requests_info{"))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));

        // Then every series carries max_lora 2, one had the adapter running, and the latest has nothing running
        assertThat(series).isNotEmpty();
        assertThat(series.keySet()).allMatch(k -> k.contains("max_lora=\"2\""));
        assertThat(series.keySet()).anyMatch(k -> k.contains("running_lora_adapters=\"chat\""));
        String latest = series.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        assertThat(latest).contains("running_lora_adapters=\"\"").contains("waiting_lora_adapters=\"\"");
        assertThat(series.values()).allMatch(v -> Math.abs(v - System.currentTimeMillis() / 1000.0) < 600);
    }

    @Test
    void shouldLoadServeAndUnloadAnAdapterAtRunTimeWhenRuntimeUpdatingIsAllowed() {
        // When an adapter is loaded at run time
        HttpResponse<String> loaded = runtime.post("/v1/load_lora_adapter",
                "{\"lora_name\":\"tuned\",\"lora_path\":\"org/tuned-lora\"}");

        // Then vLLM's plain success line, a model card, and requests by its name
        assertThat(loaded.statusCode()).isEqualTo(200);
        assertThat(loaded.body()).isEqualTo("Success: LoRA adapter 'tuned' added successfully.");
        assertThat(modelIds(runtime)).contains("tuned");
        assertThat(chat(runtime, "tuned", "hi").get("model").asText()).isEqualTo("tuned");
        // and loading it again is refused
        HttpResponse<String> again = runtime.post("/v1/load_lora_adapter",
                "{\"lora_name\":\"tuned\",\"lora_path\":\"org/tuned-lora\"}");
        assertThat(again.statusCode()).isEqualTo(400);
        assertThat(json(again.body()).at("/error/message").asText())
                .isEqualTo("The lora adapter 'tuned' has already been loaded.");

        // When it is unloaded
        HttpResponse<String> unloaded = runtime.post("/v1/unload_lora_adapter", "{\"lora_name\":\"tuned\"}");

        // Then it is gone: no card, requests by its name are unknown, a second unload finds nothing
        assertThat(unloaded.statusCode()).isEqualTo(200);
        assertThat(unloaded.body()).isEqualTo("Success: LoRA adapter 'tuned' removed successfully.");
        assertThat(modelIds(runtime)).containsExactly("qwen");
        HttpResponse<String> unknown = runtime.post("/v1/chat/completions",
                "{\"model\":\"tuned\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertThat(unknown.statusCode()).isEqualTo(404);
        HttpResponse<String> twice = runtime.post("/v1/unload_lora_adapter", "{\"lora_name\":\"tuned\"}");
        assertThat(twice.statusCode()).isEqualTo(404);
        assertThat(json(twice.body()).at("/error/message").asText())
                .isEqualTo("The lora adapter 'tuned' cannot be found.");
    }

    @Test
    void shouldRefuseBadLoadsAndHideTheEndpointsWhenRuntimeUpdatingIsNotAllowed() {
        // A local path that does not exist, a missing field
        HttpResponse<String> missingDir = runtime.post("/v1/load_lora_adapter",
                "{\"lora_name\":\"x\",\"lora_path\":\"/nonexistent/adapter\"}");
        assertThat(missingDir.statusCode()).isEqualTo(404);
        assertThat(json(missingDir.body()).at("/error/message").asText())
                .isEqualTo("Loading lora x failed: No adapter found for /nonexistent/adapter");
        HttpResponse<String> noPath = runtime.post("/v1/load_lora_adapter", "{\"lora_name\":\"x\"}");
        assertThat(noPath.statusCode()).isEqualTo(400);
        assertThat(json(noPath.body()).at("/error/message").asText()).contains("lora_path").contains("Field required");
        // Without VLLM_ALLOW_RUNTIME_LORA_UPDATING the endpoints do not exist
        HttpResponse<String> hidden = lora.post("/v1/load_lora_adapter",
                "{\"lora_name\":\"x\",\"lora_path\":\"org/x\"}");
        assertThat(hidden.statusCode()).isEqualTo(404);
        assertThat(hidden.body()).isEqualTo("{\"detail\":\"Not Found\"}");
    }

    @Test
    void shouldRefuseToStartWhenAStaticAdapterCannotLoad() {
        // A path that does not exist, and adapters without --enable-lora, stop the server as they stop vLLM
        assertThatThrownBy(() -> TestSim.start("--enable-lora", "--lora-modules", "x=/nonexistent/adapter"))
                .isInstanceOf(SimStartupException.class)
                .hasMessage("Loading lora x failed: No adapter found for /nonexistent/adapter");
        assertThatThrownBy(() -> TestSim.start("--lora-modules", "x=org/x"))
                .isInstanceOf(SimStartupException.class).hasMessageContaining("LoRA is not enabled");
    }
}
