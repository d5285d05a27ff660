package io.ascendgw.gateway.testing;

import java.util.List;
import java.util.Optional;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** Reads the gateway's admin API. */
public final class AdminClient {

    private final String baseUrl;

    public AdminClient(GatewayProcess gateway) {
        this.baseUrl = gateway.baseUrl();
    }

    public List<JsonObject> engines() {
        JsonArray engines = new JsonArray(Http.get(baseUrl + "/admin/engines").body());
        return engines.stream().map(JsonObject.class::cast).toList();
    }

    public Optional<JsonObject> engine(String id) {
        return engines().stream().filter(e -> e.getString("id").equals(id)).findFirst();
    }

    public JsonObject require(String id) {
        return engine(id).orElseThrow(() -> new AssertionError("no engine " + id + " in " + engines()));
    }

    public String state(String id) {
        return engine(id).map(e -> e.getString("state")).orElse("absent");
    }

    public long pid(String id) {
        Long pid = require(id).getLong("pid");
        return pid == null ? -1 : pid;
    }

    /** The engine's own base URL, for talking to the simulator directly (its {@code /sim/*} control API). */
    public String url(String id) {
        return require(id).getString("url");
    }
}
