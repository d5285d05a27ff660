package io.ascendgw.gateway.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.ascendgw.gateway.contract.OpenApiSchemas;
import io.ascendgw.gateway.contract.RepoFiles;
import io.ascendgw.gateway.testing.GatewayProcess;

/**
 * The packaged gateway started as the single-server pod starts it: the rendered ConfigMap as config/application.yaml
 * in its working directory and the params ConfigMap as environment. It takes the model and NPU topology from them,
 * and its probe endpoints answer as the StatefulSet expects while engines are still loading.
 */
class GatewayConfigMapIT {

    @TempDir
    Path workDir;

    @Test
    void shouldRunThePoolFromTheConfigMapWhenStartedLikeThePod() throws Exception {
        Kustomize.require();
        // Given the rendered single-server manifests, written where the pod has them
        Manifests rendered = Manifests.parse(Kustomize.render(RepoFiles.resolve("k8s/overlays/single-server")));
        Files.createDirectories(workDir.resolve("config"));
        Files.writeString(workDir.resolve("config/application.yaml"),
                rendered.configData("ascend-gateway-config").get("application.yaml"));
        Map<String, String> params = rendered.configData("ascend-gateway-params");
        GatewayProcess.Builder builder = GatewayProcess.builder(workDir)
                // No vLLM here: each engine is a process that never becomes ready, as while a model loads.
                .property("gateway.pools.main.command", "sh,-c,sleep 300,engine")
                .property("gateway.supervision.run-dir", workDir.resolve("run").toString());
        params.forEach(builder::env);
        // as an overlay restricting picture URLs would set them
        builder.env("MEDIA_URLS", "listed-hosts").env("MEDIA_URL_HOSTS", "images.example.com,*.oss.example");

        // When the gateway starts
        try (GatewayProcess gateway = builder.start().awaitUp(Duration.ofSeconds(60))) {
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            HttpResponse<String> pools = get(client, gateway, "/admin/pools");

            // Then its pool is the params' model on the params' NPUs, as documented
            OpenApiSchemas.load().requireValidResponse("/admin/pools", "GET", pools.statusCode(), pools.body());
            JsonNode pool = new ObjectMapper().readTree(pools.body()).get(0);
            assertThat(pool.path("model").asText()).isEqualTo(params.get("MODEL"));
            assertThat(pool.path("servedModels").get(0).asText()).isEqualTo(params.get("SERVED_MODEL_NAME"));
            assertThat(pool.path("replicas").asInt()).isEqualTo(Integer.parseInt(params.get("ENGINES")));
            assertThat(pool.path("npusPerReplica").asInt()).isEqualTo(Integer.parseInt(params.get("NPUS_PER_ENGINE")));
            assertThat(pool.path("devices")).hasSize(Integer.parseInt(params.get("NPU_COUNT")));

            // and the StatefulSet's probes see: alive, not yet started or ready while engines load
            JsonNode container = Manifests.container(rendered.one("StatefulSet", "ascend-gateway"), "gateway");
            assertThat(get(client, gateway, container.at("/livenessProbe/httpGet/path").asText()).statusCode())
                    .isEqualTo(200);
            assertThat(get(client, gateway, container.at("/startupProbe/httpGet/path").asText()).statusCode())
                    .isEqualTo(503);
            assertThat(get(client, gateway, container.at("/readinessProbe/httpGet/path").asText()).statusCode())
                    .isEqualTo(503);

            // and the media-URL parameters reach the gateway: a listed host passes (to wait for an engine), others not
            assertThat(chatWithPicture(client, gateway, "https://bucket.oss.example/a.png").statusCode()).isEqualTo(503);
            HttpResponse<String> refused = chatWithPicture(client, gateway, "http://169.254.169.254/latest/");
            assertThat(refused.statusCode()).isEqualTo(400);
            assertThat(refused.body()).contains("media_url_not_allowed");
        }
    }

    private static HttpResponse<String> chatWithPicture(HttpClient client, GatewayProcess gateway, String url)
            throws Exception {
        String body = "{\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"image_url\",\"image_url\":{\"url\":\""
                + url + "\"}}]}]}";
        return client.send(HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/v1/chat/completions"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(HttpClient client, GatewayProcess gateway, String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(gateway.baseUrl() + path)).timeout(Duration.ofSeconds(10))
                .build(), HttpResponse.BodyHandlers.ofString());
    }
}
