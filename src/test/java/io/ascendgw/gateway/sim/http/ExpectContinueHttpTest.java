package io.ascendgw.gateway.sim.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import io.ascendgw.gateway.sim.TestSim;

/** The simulator answers {@code Expect: 100-continue} as uvicorn does, so curl sends a large body at once. */
class ExpectContinueHttpTest {

    @Test
    void shouldSend100ContinueBeforeTheBodyWhenTheClientExpectsIt() throws IOException {
        // Given a 2 MiB chat body, announced as curl announces bodies over 1 MiB
        byte[] body = ("{\"messages\":[{\"role\":\"user\",\"content\":\"" + "x".repeat(2 << 20) + "\"}]}")
                .getBytes(StandardCharsets.UTF_8);
        try (TestSim sim = TestSim.start("--model", "Qwen/Qwen2.5-VL-3B-Instruct", "--sim-zero-delay");
                RawHttp http = new RawHttp(sim.sim.port())) {
            // When only the head is sent
            http.write(("POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Expect: 100-continue\r\nContent-Length: " + body.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            String interim = http.readUntil("\r\n\r\n", 5000);

            // Then the server asks for the body, and answers once it has it
            assertThat(interim).isEqualTo("HTTP/1.1 100 Continue\r\n\r\n");
            http.write(body);
            String all = http.readUntil("maximum context length", 10_000);
            assertThat(all.substring(interim.length())).startsWith("HTTP/1.1 400 Bad Request\r\n")
                    .contains("maximum context length");
        }
    }
}
