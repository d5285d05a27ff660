package io.ascendgw.gateway.sim.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
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
                Socket socket = new Socket("127.0.0.1", sim.sim.port())) {
            socket.setSoTimeout(100);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();

            // When only the head is sent
            out.write(("POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Expect: 100-continue\r\nContent-Length: " + body.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String interim = readUntil(in, "\r\n\r\n", 5000);

            // Then the server asks for the body, and answers once it has it
            assertThat(interim).startsWith("HTTP/1.1 100 Continue\r\n");
            out.write(body);
            out.flush();
            String answer = readUntil(in, "maximum context length", 10_000);
            assertThat(answer).startsWith("HTTP/1.1 400 Bad Request\r\n").contains("maximum context length");
        }
    }

    private static String readUntil(InputStream in, String marker, long timeoutMillis) throws IOException {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        long deadline = System.currentTimeMillis() + timeoutMillis;
        byte[] buf = new byte[8192];
        while (System.currentTimeMillis() < deadline
                && !received.toString(StandardCharsets.UTF_8).contains(marker)) {
            try {
                int n = in.read(buf);
                if (n < 0) {
                    break;
                }
                received.write(buf, 0, n);
            } catch (SocketTimeoutException e) {
                // poll again
            }
        }
        return received.toString(StandardCharsets.UTF_8);
    }
}
