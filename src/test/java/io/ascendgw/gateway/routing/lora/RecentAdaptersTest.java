package io.ascendgw.gateway.routing.lora;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import org.junit.jupiter.api.Test;

import io.ascendgw.gateway.metrics.vllm.LoraState;

class RecentAdaptersTest {

    private final RecentAdapters recent = new RecentAdapters();

    @Test
    void shouldRememberEachAdapterPerEngineFromTheTimeItWasLastSent() {
        // Given a sent to e0 at 100 and again at 300, b to e0 at 200
        recent.record("e0", "a", 100);
        recent.record("e0", "b", 200);
        recent.record("e0", "a", 300);
        RecentAdapters.Sent e0 = recent.of("e0");
        // Then a counts since 300, b since 200, and e1 has nothing
        assertThat(e0.since("a", 300)).isTrue();
        assertThat(e0.since("a", 301)).isFalse();
        assertThat(e0.since("b", 201)).isFalse();
        assertThat(e0.since("c", 0)).isFalse();
        assertThat(recent.of("e1")).isNull();
    }

    @Test
    void shouldCountOnlyAdaptersTheScrapeDoesNotListWhenCountingSlotsTaken() {
        // Given a, b and c sent to e0 at 100, 200, 300
        recent.record("e0", "a", 100);
        recent.record("e0", "b", 200);
        recent.record("e0", "c", 300);
        // When the scrape lists b (waiting), Then since 150 only c is news (a is older, b is listed)
        LoraState scraped = new LoraState(4, Set.of("x"), Set.of("b"));
        assertThat(recent.of("e0").unlistedSince(150, scraped)).isEqualTo(1);
        assertThat(recent.of("e0").unlistedSince(0, scraped)).isEqualTo(2);
    }

    @Test
    void shouldForgetTheLeastRecentlySentAdapterWhenMoreThanTheSlotsAreSent() {
        // Given one more adapter than there are slots, each sent after the previous, a0 refreshed last but one
        for (int i = 0; i < RecentAdapters.SLOTS_PER_ENGINE; i++) {
            recent.record("e0", "a" + i, 10 + i);
        }
        recent.record("e0", "a0", 1_000);
        recent.record("e0", "new", 2_000);
        // Then the oldest (a1) was overwritten, a0 and the new one are remembered
        RecentAdapters.Sent e0 = recent.of("e0");
        assertThat(e0.since("a1", 0)).isFalse();
        assertThat(e0.since("a0", 1_000)).isTrue();
        assertThat(e0.since("new", 2_000)).isTrue();
        assertThat(e0.unlistedSince(0, new LoraState(1, Set.of(), Set.of())))
                .isEqualTo(RecentAdapters.SLOTS_PER_ENGINE);
    }
}
