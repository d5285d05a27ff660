package io.ascendgw.gateway.engine;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;

/**
 * Chooses engine ports. vLLM binds with SO_REUSEPORT, so a second engine started on a taken port comes up silently
 * and shares the traffic: the gateway must never rely on a failed bind and checks every port itself before launch.
 */
public final class PortAllocator {

    private final Set<Integer> handedOut = new HashSet<>();

    /**
     * Whether nothing listens on {@code host:port}: a bind without SO_REUSEPORT succeeds. With SO_REUSEADDR, so the
     * connections of an engine just killed, left in TIME_WAIT on its port, do not make that port look taken and
     * move the restarted engine elsewhere; Linux still refuses the bind while anything listens there.
     */
    public static boolean isFree(String host, int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(host), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * A free port: {@code preferred} or the next free one above it, or any free port when {@code preferred} is
     * 0. Ports already handed out by this allocator and not released are skipped. Blocking (binds sockets).
     */
    public synchronized int allocate(String host, int preferred) {
        if (preferred > 0) {
            for (int port = preferred; port < 65536; port++) {
                if (!handedOut.contains(port) && isFree(host, port)) {
                    handedOut.add(port);
                    return port;
                }
            }
            throw new IllegalStateException("No free port at or above " + preferred + " on " + host);
        }
        for (int tries = 0; tries < 100; tries++) {
            int port;
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(host))) {
                port = socket.getLocalPort();
            } catch (IOException e) {
                throw new IllegalStateException("Cannot find a free port on " + host + ": " + e.getMessage(), e);
            }
            if (handedOut.add(port)) {
                return port;
            }
        }
        throw new IllegalStateException("Cannot find a free port on " + host);
    }

    public synchronized void release(int port) {
        handedOut.remove(port);
    }
}
