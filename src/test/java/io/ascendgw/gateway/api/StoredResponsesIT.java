package io.ascendgw.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.ascendgw.gateway.contract.OpenApiSchemas;
import io.ascendgw.gateway.testing.AdminClient;
import io.ascendgw.gateway.testing.GatewayProcess;
import io.ascendgw.gateway.testing.Http;
import io.vertx.core.json.JsonObject;

/**
 * Responses API state behind the gateway: two engines with vLLM's response store on
 * ({@code VLLM_ENABLE_RESPONSES_API_STORE=1}) each keep the responses they made, so continuing one
 * ({@code previous_response_id}), reading it back or cancelling it must reach the engine that made it, whichever
 * engine the load would have picked.
 */
class StoredResponsesIT {

    private static final String MODEL = "qwen";

    @TempDir
    static Path dir;

    static GatewayProcess gateway;

    @BeforeAll
    static void start() {
        gateway = GatewayProcess.builder(dir)
                .simPool("p", "Qwen/Qwen2.5-3B", "--sim-zero-delay")
                .property("gateway.pools.p.served-model-name", MODEL).property("gateway.pools.p.replicas", "2")
                .property("gateway.pools.p.env.VLLM_ENABLE_RESPONSES_API_STORE", "1")
                .start().awaitReady(Duration.ofSeconds(60));
        // both engines, so that the load could send a continuation to either
        gateway.awaitLog("engine p-0 ready", Duration.ofSeconds(60));
        gateway.awaitLog("engine p-1 ready", Duration.ofSeconds(60));
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    private static HttpResponse<String> create(String fields) {
        return Http.postJson(gateway.baseUrl() + "/v1/responses", "{\"model\":\"" + MODEL + "\"," + fields + "}");
    }

    private static HttpResponse<String> cancel(String id) {
        return Http.send(HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/v1/responses/" + id + "/cancel"))
                .POST(HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(10)).build());
    }

    @Test
    void shouldSendEveryContinuationAndReadToTheEngineThatMadeTheResponse() {
        // Given a stored response, and one made as a stream
        JsonObject first = new JsonObject(create("\"input\":\"Name a port\",\"max_output_tokens\":4").body());
        String id = first.getString("id");
        String streamed = create("\"input\":\"Name a sea\",\"max_output_tokens\":3,\"stream\":true").body();
        String streamedId = new JsonObject(streamed.substring(streamed.lastIndexOf("data: ") + 6).trim())
                .getJsonObject("response").getString("id");

        // When each is continued and read back several times, with two engines to choose from
        Set<String> statuses = new HashSet<>();
        for (int i = 0; i < 6; i++) {
            HttpResponse<String> next = create("\"input\":\"And another\",\"max_output_tokens\":3,"
                    + "\"previous_response_id\":\"" + (i % 2 == 0 ? id : streamedId) + "\"");
            statuses.add(next.statusCode() + " " + (next.statusCode() == 200 ? "" : next.body()));
            HttpResponse<String> read = Http.get(gateway.baseUrl() + "/v1/responses/" + id);
            statuses.add(read.statusCode() + " " + (read.body().equals(Http.get(gateway.baseUrl() + "/v1/responses/"
                    + id).body()) ? "" : "changed"));
        }

        // Then every one reached the engine holding the response
        assertThat(statuses).containsExactly("200 ");
        HttpResponse<String> again = Http.get(gateway.baseUrl() + "/v1/responses/" + id);
        assertThat(new JsonObject(again.body())).isEqualTo(first);
        OpenApiSchemas.load().requireValidResponse("/v1/responses/" + id, "GET", 200, again.body());
        HttpResponse<String> refused = cancel(id);
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(Http.error(refused).getString("message")).isEqualTo("Cannot cancel a synchronous response.");
    }

    @Test
    void shouldFindAResponseThisGatewayDidNotRelayOnWhicheverEngineHoldsIt() {
        // Given responses made on engine p-1 directly, which the gateway never saw (another replica, or a restart)
        String engineUrl = new AdminClient(gateway).url("p-1");
        Set<String> statuses = new HashSet<>();
        for (int i = 0; i < 4; i++) {
            String id = new JsonObject(Http.postJson(engineUrl + "/v1/responses", "{\"model\":\"" + MODEL + "\","
                    + "\"input\":\"Name a port\",\"max_output_tokens\":3}").body()).getString("id");

            // When each is continued and read back through the gateway
            HttpResponse<String> next = create("\"input\":\"And another\",\"max_output_tokens\":3,"
                    + "\"previous_response_id\":\"" + id + "\"");
            HttpResponse<String> read = Http.get(gateway.baseUrl() + "/v1/responses/" + id);
            statuses.add(next.statusCode() + "/" + read.statusCode());
        }

        // Then the engine holding each was found, asked in turn after the other said it does not hold it
        assertThat(statuses).containsExactly("200/200");
    }

    @Test
    void shouldAnswerTheEnginesNotFoundForAResponseNoEngineHolds() {
        // Given a response the client asked not to store
        String unstored = new JsonObject(create("\"input\":\"x\",\"store\":false,\"max_output_tokens\":2").body())
                .getString("id");

        // When it is read, cancelled or continued, Then every engine's 404 comes back in OpenAI's shape
        for (HttpResponse<String> r : new HttpResponse[] {Http.get(gateway.baseUrl() + "/v1/responses/" + unstored),
                cancel(unstored), create("\"input\":\"y\",\"previous_response_id\":\"" + unstored + "\"")}) {
            assertThat(r.statusCode()).as(r.body()).isEqualTo(404);
            assertThat(Http.error(r).getString("message")).isEqualTo("Response with id '" + unstored + "' not found.");
            assertThat(r.headers().firstValue("X-Request-Id")).isPresent();
            assertThat(OpenApiSchemas.load().validateResponse(r.request().uri().getPath(), r.request().method(), 404,
                    r.body())).isEmpty();
        }
        // And the hunt left nothing counted on the engines (its last decision, for an engine already asked, is unsent)
        assertThat(new AdminClient(gateway).engines()).extracting(e -> e.getInteger("inFlight")).containsOnly(0);
    }
}
