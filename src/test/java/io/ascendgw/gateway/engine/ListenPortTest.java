package io.ascendgw.gateway.engine;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

import org.junit.jupiter.api.Test;

import io.ascendgw.gateway.config.GatewayConfigException;

class ListenPortTest {

    @Test
    void shouldRefuseAPortSomethingListensOnAndTakeItOnceFree() throws IOException {
        // Given a port something listens on
        int port;
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            port = taken.getLocalPort();

            // When / Then the gateway would refuse it, on that address and on every address
            assertThatThrownBy(() -> ListenPort.requireFree("127.0.0.1", taken.getLocalPort()))
                    .isInstanceOf(GatewayConfigException.class)
                    .hasMessageContaining("Port " + port + " on 127.0.0.1 is already in use")
                    .hasMessageContaining("quarkus.http.port");
            assertThatThrownBy(() -> ListenPort.requireFree("0.0.0.0", taken.getLocalPort()))
                    .isInstanceOf(GatewayConfigException.class);
        }
        // And once it is closed, or for "any port", there is nothing to refuse
        assertThatCode(() -> ListenPort.requireFree("127.0.0.1", port)).doesNotThrowAnyException();
        assertThatCode(() -> ListenPort.requireFree("127.0.0.1", 0)).doesNotThrowAnyException();
    }
}
