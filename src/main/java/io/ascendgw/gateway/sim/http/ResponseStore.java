package io.ascendgw.gateway.sim.http;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.ascendgw.gateway.sim.text.ChatRenderer;

/**
 * vLLM's in-memory Responses API store ({@code VLLM_ENABLE_RESPONSES_API_STORE=1}): each stored response's
 * conversation, for {@code previous_response_id}, and its final object, for retrieval. vLLM never forgets one; the
 * simulator keeps the most recent {@link #CAPACITY}, so a long test cannot exhaust its heap. Thread-safe.
 */
final class ResponseStore {

    static final int CAPACITY = 10_000;

    /**
     * @param messages the request's conversation as the engine rendered it (instructions, history, input)
     * @param output   the assistant's answer
     * @param json     the final response object
     */
    record Stored(List<ChatRenderer.Message> messages, String output, String json) {
    }

    private final Map<String, Stored> byId = new LinkedHashMap<>(256, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Stored> eldest) {
            return size() > CAPACITY;
        }
    };

    synchronized void put(String id, Stored stored) {
        byId.put(id, stored);
    }

    synchronized Stored get(String id) {
        return byId.get(id);
    }
}
