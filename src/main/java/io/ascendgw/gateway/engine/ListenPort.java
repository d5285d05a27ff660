package io.ascendgw.gateway.engine;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

import io.ascendgw.gateway.config.GatewayConfigException;

/**
 * The gateway's own HTTP port must be free before engines take NPUs. Quarkus binds it only after startup observers
 * ran: a gateway started where another (or a vLLM server) already listens would launch its engines, fail to bind,
 * stop them again and print a stack trace. Checked once, so a race with another binder is still possible, and then
 * Quarkus's own failure stands.
 */
final class ListenPort {

    private ListenPort() {
    }

    /** Refuses to start, naming the key, when {@code host:port} cannot be bound. Port 0 (any) is always free. */
    static void requireFree(String host, int port) {
        if (port <= 0) {
            return;
        }
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(host, port));
        } catch (BindException inUse) {
            throw new GatewayConfigException("Port " + port + " on " + host + " is already in use (another gateway, "
                    + "or a vLLM server?): stop it, or give this gateway another quarkus.http.port.");
        } catch (IOException other) {
            // Not a conflict this check knows (say, an address not on this host): let Quarkus's bind report it.
        }
    }
}
