package io.ascendgw.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.vertx.core.MultiMap;

class HopByHopHeadersTest {

    @Test
    void shouldForwardEndToEndHeadersOnly() {
        // Given a client request with hop-by-hop, h2c-upgrade and connection-listed headers
        MultiMap in = MultiMap.caseInsensitiveMultiMap()
                .add("Connection", "Upgrade, HTTP2-Settings, X-Private")
                .add("Upgrade", "h2c").add("HTTP2-Settings", "AAMAAABkAAQAoAAAAAIAAAAA")
                .add("Keep-Alive", "timeout=5").add("TE", "trailers").add("Transfer-Encoding", "chunked")
                .add("Proxy-Authorization", "Basic x").add("X-Private", "secret")
                .add("Host", "gateway:8000").add("Content-Length", "42").add("Accept-Encoding", "gzip")
                .add("Authorization", "Bearer k").add("X-Session-Id", "s1").add("OpenAI-Organization", "org");
        MultiMap out = MultiMap.caseInsensitiveMultiMap();
        // When copied towards the engine
        HopByHopHeaders.copyRequestHeaders(in, out);
        // Then only end-to-end headers remain
        assertThat(out.names()).containsExactlyInAnyOrder("Authorization", "X-Session-Id", "OpenAI-Organization");
    }

    @Test
    void shouldGiveEnginesTheClientsKeyOnlyWhenItIsNotTheGatewaysAndTheEngineKeyWhenThereIsOne() {
        MultiMap client = MultiMap.caseInsensitiveMultiMap().add("Authorization", "Bearer sk-client")
                .add("X-Session-Id", "s1");
        // without gateway keys an engine key the client sent (vLLM's --api-key) passes on
        assertThat(HopByHopHeaders.forEngine(client, false, null, "r1").get("Authorization"))
                .isEqualTo("Bearer sk-client");
        // a gateway key never reaches an engine
        assertThat(HopByHopHeaders.forEngine(client, true, null, "r1").contains("Authorization")).isFalse();
        // with an engine key configured, engines get that, whoever the client is
        MultiMap withEngineKey = HopByHopHeaders.forEngine(client, true, "Bearer sk-engine", "r1");
        assertThat(withEngineKey.getAll("Authorization")).containsExactly("Bearer sk-engine");
        assertThat(withEngineKey.get("X-Request-Id")).isEqualTo("r1");
        assertThat(HopByHopHeaders.forEngine(MultiMap.caseInsensitiveMultiMap(), false, "Bearer sk-engine", "r2")
                .get("Authorization")).isEqualTo("Bearer sk-engine");
    }
}
