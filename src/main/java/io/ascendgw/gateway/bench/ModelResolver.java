package io.ascendgw.gateway.bench;

import java.util.Map;

import io.vertx.core.Future;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** Finds the model to request when none was given: the first {@code id} of {@code GET /v1/models}. */
final class ModelResolver {

    private ModelResolver() {
    }

    /** Event loop; the future fails with a message that names the URL and suggests {@code --model}. */
    static Future<String> firstModel(HttpClient client, HttpTarget target, Map<String, String> headers) {
        String uri = target.uri("/v1/models");
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setHost(target.host())
                .setPort(target.port()).setSsl(target.ssl()).setURI(uri).setTimeout(30_000);
        headers.forEach(options::putHeader);
        String where = (target.ssl() ? "https://" : "http://") + target.host() + ":" + target.port() + uri;
        return client.request(options)
                .compose(request -> request.send())
                .compose(response -> response.body().map(body -> {
                    if (response.statusCode() != 200) {
                        throw new IllegalStateException("HTTP " + response.statusCode());
                    }
                    JsonArray data = new JsonObject(body).getJsonArray("data");
                    if (data == null || data.isEmpty()) {
                        throw new IllegalStateException("no models listed");
                    }
                    return data.getJsonObject(0).getString("id");
                }))
                .recover(t -> Future.failedFuture(new IllegalStateException(
                        "cannot list models at " + where + " (" + t.getMessage() + "); pass --model")));
    }
}
