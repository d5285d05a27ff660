package io.ascendgw.gateway.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.StandardSocketOptions;

import org.junit.jupiter.api.Test;

class PortAllocatorTest {

    private static final String HOST = "127.0.0.1";

    @Test
    void shouldSeeAPortAsTakenWhileAnythingListensOnItEvenWithReusePort() throws IOException {
        // Given a listener as vLLM binds it (SO_REUSEADDR and SO_REUSEPORT)
        try (ServerSocket listener = new ServerSocket()) {
            listener.setReuseAddress(true);
            listener.setOption(StandardSocketOptions.SO_REUSEPORT, true);
            listener.bind(new InetSocketAddress(InetAddress.getByName(HOST), 0));
            int port = listener.getLocalPort();

            // Then the port is not free, and the allocator hands out the next one
            assertThat(PortAllocator.isFree(HOST, port)).isFalse();
            assertThat(new PortAllocator().allocate(HOST, port)).isGreaterThan(port);
        }
    }

    @Test
    void shouldSeeThePortOfAKilledServerAsFreeWhileItsConnectionsAreInTimeWait() throws IOException {
        // Given a server that closed its side of a connection first (as the kernel does for a killed engine), so the
        // connection waits in TIME_WAIT on the server's port, and then stopped listening
        int port;
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getByName(HOST));
                Socket client = new Socket(HOST, listener.getLocalPort())) {
            port = listener.getLocalPort();
            try (Socket accepted = listener.accept()) {
                accepted.getOutputStream().write(1);
            }
            InputStream in = client.getInputStream();
            assertThat(in.read()).isEqualTo(1);
            assertThat(in.read()).isEqualTo(-1);
        }

        // Then the port is free for the engine's restart, which keeps its port
        assertThat(PortAllocator.isFree(HOST, port)).isTrue();
        assertThat(new PortAllocator().allocate(HOST, port)).isEqualTo(port);
    }
}
