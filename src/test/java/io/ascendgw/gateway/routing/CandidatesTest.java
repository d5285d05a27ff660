package io.ascendgw.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CandidatesTest {

    @Test
    void shouldLowerAScrapedQueueByEachRequestThatFinishedSinceTheScrape() {
        // Given a scrape that saw 8 waiting while 40 of ours were in flight
        // When 5 of ours have finished since, Then 3 are estimated to wait
        assertThat(Candidates.waitingNow(8, 40, 35)).isEqualTo(3);
        // And never fewer than none
        assertThat(Candidates.waitingNow(8, 40, 10)).isZero();
    }

    @Test
    void shouldKeepAScrapedQueueWhenMoreOfOursAreInFlightThanAtTheScrape() {
        assertThat(Candidates.waitingNow(2, 10, 14)).isEqualTo(2);
    }

    @Test
    void shouldKeepAnUnknownQueueUnknown() {
        assertThat(Candidates.waitingNow(Double.NaN, 10, 0)).isNaN();
    }
}
