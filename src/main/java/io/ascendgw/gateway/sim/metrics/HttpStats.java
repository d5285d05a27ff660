package io.ascendgw.gateway.sim.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;

/** Counts finished HTTP requests by handler, method and status class, like prometheus-fastapi-instrumentator. */
public final class HttpStats {

    /** One counter child with its creation time. */
    record Child(String handler, String method, String status, LongAdder count, double created) {
    }

    /** handler -> method -> children by status class (index 1..5). */
    private final Map<String, Map<String, AtomicReferenceArray<Child>>> children = new ConcurrentHashMap<>();

    /** Records a finished request; any thread. Health, metrics and similar probes are excluded as in vLLM. */
    public void record(String handler, String method, int status) {
        switch (handler) {
            case "/metrics", "/health", "/load", "/ping", "/version" -> {
                return;
            }
            default -> {
            }
        }
        int statusClass = Math.max(1, Math.min(5, status / 100));
        AtomicReferenceArray<Child> byClass = children.computeIfAbsent(handler, h -> new ConcurrentHashMap<>())
                .computeIfAbsent(method, m -> new AtomicReferenceArray<>(6));
        Child child = byClass.get(statusClass);
        if (child == null) {
            byClass.compareAndSet(statusClass, null, new Child(handler, method, statusClass + "xx", new LongAdder(),
                    System.currentTimeMillis() / 1000.0));
            child = byClass.get(statusClass);
        }
        child.count().increment();
    }

    List<Child> children() {
        List<Child> out = new ArrayList<>();
        for (Map<String, AtomicReferenceArray<Child>> byMethod : children.values()) {
            for (AtomicReferenceArray<Child> byClass : byMethod.values()) {
                for (int i = 0; i < byClass.length(); i++) {
                    if (byClass.get(i) != null) {
                        out.add(byClass.get(i));
                    }
                }
            }
        }
        return out;
    }
}
