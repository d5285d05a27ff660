package io.ascendgw.gateway.routing.session;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SessionTableTest {

    @Test
    void shouldRememberTheLastEngineOfASessionUntilItIdlesOut() {
        // Given a table with a 1000 ns idle timeout and session s bound to a at time 0
        SessionTable table = new SessionTable(16, 1000);
        table.bind("s", "a", 0);
        // Then it is found within the idle time and forgotten after it
        assertThat(table.engineOf("s", 999)).isEqualTo("a");
        assertThat(table.engineOf("s", 1001)).isNull();
        // When it is bound again (moved to b), Then the new engine is found
        table.bind("s", "b", 2000);
        assertThat(table.engineOf("s", 2500)).isEqualTo("b");
    }

    @Test
    void shouldStayWithinItsSlotsWhenManySessionsArrive() {
        // Given a table of 100 slots (rounded up to 128)
        SessionTable table = new SessionTable(100, Long.MAX_VALUE);
        // When 10,000 sessions are bound
        for (int i = 0; i < 10_000; i++) {
            table.bind("session-" + i, "e" + (i % 4), 0);
        }
        // Then memory stays bounded, recent sessions are mostly found, and no session gets another's engine
        assertThat(table.capacity()).isEqualTo(128);
        int found = 0;
        for (int i = 9_900; i < 10_000; i++) {
            String engine = table.engineOf("session-" + i, 1);
            if (engine != null) {
                assertThat(engine).isEqualTo("e" + (i % 4));
                found++;
            }
        }
        assertThat(found).isGreaterThan(40);
    }
}
