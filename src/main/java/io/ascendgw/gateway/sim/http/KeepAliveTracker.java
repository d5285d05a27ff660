package io.ascendgw.gateway.sim.http;

import java.util.IdentityHashMap;
import java.util.Map;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;

/**
 * uvicorn's keep-alive timeout: a connection with no request in progress is closed after the timeout. Never applies
 * while a response is pending or streaming (unlike a socket idle timeout). One instance per event loop; all
 * methods run on that event loop. At most one timer per connection is outstanding; it re-arms itself lazily.
 */
final class KeepAliveTracker {

    private static final class State {
        int inFlight;
        long idleSince = System.nanoTime();
        boolean timerArmed;
    }

    private final Vertx vertx;
    private final long timeoutNanos;
    private final Map<HttpConnection, State> connections = new IdentityHashMap<>();

    KeepAliveTracker(Vertx vertx, double timeoutSeconds) {
        this.vertx = vertx;
        this.timeoutNanos = (long) (timeoutSeconds * 1e9);
    }

    void connected(HttpConnection conn) {
        State s = new State();
        connections.put(conn, s);
        conn.closeHandler(v -> connections.remove(conn));
        arm(conn, s, timeoutNanos);
    }

    void requestStarted(HttpConnection conn) {
        State s = connections.get(conn);
        if (s != null) {
            s.inFlight++;
        }
    }

    void requestEnded(HttpConnection conn) {
        State s = connections.get(conn);
        if (s != null && --s.inFlight == 0) {
            s.idleSince = System.nanoTime();
            arm(conn, s, timeoutNanos);
        }
    }

    private void arm(HttpConnection conn, State s, long delayNanos) {
        if (timeoutNanos <= 0 || s.timerArmed) {
            return;
        }
        s.timerArmed = true;
        vertx.setTimer(Math.max(1, delayNanos / 1_000_000), id -> check(conn, s));
    }

    private void check(HttpConnection conn, State s) {
        s.timerArmed = false;
        if (!connections.containsKey(conn) || s.inFlight > 0) {
            return;
        }
        long idle = System.nanoTime() - s.idleSince;
        if (idle >= timeoutNanos - 1_000_000) {
            conn.close();
        } else {
            arm(conn, s, timeoutNanos - idle);
        }
    }
}
