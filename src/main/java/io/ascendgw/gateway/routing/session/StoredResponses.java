package io.ascendgw.gateway.routing.session;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which engine holds each Responses API response the gateway relayed. vLLM keeps responses in the memory of the
 * engine that answered them (with {@code VLLM_ENABLE_RESPONSES_API_STORE=1}), so a request continuing one
 * ({@code previous_response_id}) or reading it back must reach that engine; any other answers 404. Bounded: the
 * oldest entries go first. Thread-safe; only Responses API requests touch it.
 */
public final class StoredResponses {

    /** Entries kept: about 10 MB at most. */
    public static final int CAPACITY = 100_000;

    private final Map<String, String> engineByResponse;

    public StoredResponses(int capacity) {
        this.engineByResponse = new LinkedHashMap<>(256, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
                return size() > capacity;
            }
        };
    }

    /** Notes that engine {@code engineId} answered (and may have stored) response {@code responseId}. */
    public synchronized void stored(String responseId, String engineId) {
        engineByResponse.put(responseId, engineId);
    }

    /** The id of the engine that answered {@code responseId}, or null when this gateway did not relay it. */
    public synchronized String engineOf(String responseId) {
        return engineByResponse.get(responseId);
    }
}
