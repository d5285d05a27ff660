package io.ascendgw.gateway.sim.metrics;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Counts finished HTTP requests by handler, method and status class, like prometheus-fastapi-instrumentator. */
public final class HttpStats {

    /** One counter child with its creation time. */
    record Child(String handler, String method, String status, LongAdder count, double created) {
    }

    private final Map<String, Child> children = new ConcurrentHashMap<>();

    /** Records a finished request; any thread. Health, metrics and similar probes are excluded as in vLLM. */
    public void record(String handler, String method, int status) {
        switch (handler) {
            case "/metrics", "/health", "/load", "/ping", "/version" -> {
                return;
            }
            default -> {
            }
        }
        String statusClass = (status / 100) + "xx";
        String key = handler + ' ' + method + ' ' + statusClass;
        children.computeIfAbsent(key, k -> new Child(handler, method, statusClass, new LongAdder(),
                System.currentTimeMillis() / 1000.0)).count().increment();
    }

    Iterable<Child> children() {
        return children.values();
    }
}
