package io.ascendgw.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.ascendgw.gateway.api.ApiEndpoint;

class AccessLogTest {

    /** 2026-11-27T08:52:26.969Z as epoch milliseconds. */
    private static final long NOW_MILLIS = 1795769546969L;
    private static final long NOW_NANOS = 5_000_000_000_000L;

    @Test
    void shouldPrefixEachLineWithTheTimeItsRequestEndedLikeTheConsoleFormat() {
        // Given two requests that ended 1,250 ms and 5 ms before the flush, the second after 2.5 ms in the queue
        Queue<ExchangeSummary> queue = new ArrayDeque<>(List.of(summary("first", 1250),
                summary("second", 5, 2_500_000)));
        List<String> batches = new ArrayList<>();
        StringBuilder reused = new StringBuilder("left over from the last flush");
        // When the queue is drained in a zone two hours east of UTC
        AccessLog.drain(queue, NOW_NANOS, NOW_MILLIS, ZoneOffset.ofHours(2), reused, batches::add);
        // Then one batch holds both lines in order, each dated by its own end, in local time
        assertThat(batches).hasSize(1);
        assertThat(batches.get(0).split("\n")).containsExactly(
                "10:52:25.719 INFO  [io.as.ga.access] request id=first completions key=- model=m stream=false"
                        + " engine=e1 status=200 outcome=ok attempts=1 queued_ms=0 first_byte_ms=3 total_ms=4"
                        + " prompt_tokens=7 completion_tokens=16",
                "10:52:26.964 INFO  [io.as.ga.access] request id=second completions key=- model=m stream=false"
                        + " engine=e1 status=200 outcome=ok attempts=1 queued_ms=2 first_byte_ms=3 total_ms=4"
                        + " prompt_tokens=7 completion_tokens=16");
        assertThat(queue).isEmpty();
        // And the next flush's batch holds only its own line
        queue.add(summary("third", 0));
        AccessLog.drain(queue, NOW_NANOS, NOW_MILLIS, ZoneOffset.ofHours(2), reused, batches::add);
        assertThat(batches).hasSize(2);
        assertThat(batches.get(1)).startsWith("10:52:26.969 INFO  [io.as.ga.access] request id=third ")
                .doesNotContain("\n");
    }

    @Test
    void shouldSplitALongQueueIntoBatchesOfBoundedSizeWithoutLosingOrCuttingLines() {
        // Given more lines than one batch holds
        Queue<ExchangeSummary> queue = new ArrayDeque<>();
        for (int i = 0; i < 1000; i++) {
            queue.add(summary("r" + i, 0));
        }
        List<String> batches = new ArrayList<>();
        // When drained
        AccessLog.drain(queue, NOW_NANOS, NOW_MILLIS, ZoneId.of("UTC"), new StringBuilder(), batches::add);
        // Then every batch is near the limit except the last, and all lines are there, whole and in order
        assertThat(batches).hasSizeGreaterThan(1);
        int lineLength = batches.get(0).indexOf('\n') + 1;
        for (String batch : batches) {
            assertThat(batch.length()).isLessThan(AccessLog.BATCH_CHARS + lineLength);
        }
        List<String> lines = batches.stream().flatMap(b -> List.of(b.split("\n")).stream()).toList();
        assertThat(lines).hasSize(1000);
        for (int i = 0; i < lines.size(); i++) {
            assertThat(lines.get(i)).startsWith("08:52:26.969 INFO  [io.as.ga.access] request id=r" + i + " ");
        }
    }

    @Test
    void shouldWriteTimesOfDayWithLeadingZerosAndWrapAtMidnight() {
        StringBuilder out = new StringBuilder();
        AccessLog.appendTimeOfDay(out, TimeUnit.DAYS.toMillis(3) + TimeUnit.HOURS.toMillis(1) + 2 * 60_000 + 3_004);
        out.append(' ');
        AccessLog.appendTimeOfDay(out, -1);
        assertThat(out.toString()).isEqualTo("01:02:03.004 23:59:59.999");
    }

    @Test
    void shouldWriteADashForWhatARefusedRequestNeverGot() {
        // Given a request refused before its model was read or an engine chosen (a 415, say)
        long arrival = NOW_NANOS - TimeUnit.MILLISECONDS.toNanos(1);
        Queue<ExchangeSummary> queue = new ArrayDeque<>(List.of(new ExchangeSummary("refused", ApiEndpoint.CHAT, null,
                false, null, 415, "client_error", 0, arrival, 0, 0, NOW_NANOS, NOW_NANOS, 0, null, null)));
        List<String> batches = new ArrayList<>();
        // When it is logged
        AccessLog.drain(queue, NOW_NANOS, NOW_MILLIS, ZoneOffset.UTC, new StringBuilder(), batches::add);
        // Then its missing fields read "-", like a missing key, not "null"
        assertThat(batches).singleElement().asString()
                .contains(" chat key=- model=- stream=false engine=- status=415 outcome=client_error attempts=0 ")
                .doesNotContain("null");
    }

    private static ExchangeSummary summary(String id, long endedMillisAgo) {
        return summary(id, endedMillisAgo, 0);
    }

    private static ExchangeSummary summary(String id, long endedMillisAgo, long queuedNanos) {
        long end = NOW_NANOS - TimeUnit.MILLISECONDS.toNanos(endedMillisAgo);
        long arrival = end - TimeUnit.MILLISECONDS.toNanos(4);
        return new ExchangeSummary(id, ApiEndpoint.COMPLETIONS, "m", false, "e1", 200, "ok", 1, arrival,
                arrival + 1_000_000, arrival + 2_000_000, arrival + 3_000_000, end, queuedNanos,
                new Usage(7, 16, -1), null);
    }
}
