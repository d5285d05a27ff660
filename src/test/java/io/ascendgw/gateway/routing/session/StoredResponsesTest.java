package io.ascendgw.gateway.routing.session;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StoredResponsesTest {

    @Test
    void shouldForgetTheOldestResponsesBeyondItsCapacity() {
        // Given a table of 3 holding 4 responses, the second one answered again by another engine
        StoredResponses stored = new StoredResponses(3);
        stored.stored("resp_1", "a");
        stored.stored("resp_2", "a");
        stored.stored("resp_3", "b");
        stored.stored("resp_2", "c");
        stored.stored("resp_4", "b");

        // Then the oldest is gone and the others name their latest engine
        assertThat(stored.engineOf("resp_1")).isNull();
        assertThat(stored.engineOf("resp_2")).isEqualTo("c");
        assertThat(stored.engineOf("resp_3")).isEqualTo("b");
        assertThat(stored.engineOf("resp_4")).isEqualTo("b");
        assertThat(stored.engineOf("resp_9")).isNull();
    }
}
