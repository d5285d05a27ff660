package io.ascendgw.gateway.proxy;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Queue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.ascendgw.gateway.config.GatewayConfig;
import io.netty.util.internal.PlatformDependent;

/**
 * One log line per finished request, with its id, so an operator can follow a client's report to an engine.
 *
 * <p>The event loop only queues the request's summary (a lock-free offer); one background thread formats the queued
 * lines every {@link #FLUSH_MILLIS} ms and logs them in batches of up to {@link #BATCH_CHARS} characters, one log
 * record (and one write) per batch, as nginx's buffered access log does. A record per line cost the gateway a log
 * record's formatting and a write system call per request, about a twelfth of its CPU at high rates. Each line
 * carries its own time (when the request ended) and the console's prefix, because the category's handler
 * ({@code access-log} in {@code application.yaml}) prints records as they are.
 */
@ApplicationScoped
public class AccessLog implements ExchangeObserver {

    private static final Logger LOG = Logger.getLogger("io.ascendgw.gateway.access");
    private static final Logger WARNINGS = Logger.getLogger(AccessLog.class);
    static final long FLUSH_MILLIS = 100;
    static final int BATCH_CHARS = 64 * 1024;
    /** What the console format ({@code %d{HH:mm:ss.SSS} %-5p [%c{2.}] }) prints before an access-log message. */
    private static final String PREFIX = " INFO  [io.as.ga.access] ";
    /** Lines waiting beyond this are dropped (and counted) rather than growing the heap without limit. */
    private static final int MAX_PENDING = 1 << 16;

    private final boolean enabled;
    private final Queue<ExchangeSummary> pending = PlatformDependent.newFixedMpscQueue(MAX_PENDING);
    private final AtomicLong dropped = new AtomicLong();
    private final ScheduledExecutorService writer;
    /** The writer thread's batch, sized once (grown afresh every flush, it was a few percent of all garbage). */
    private final StringBuilder batch = new StringBuilder(BATCH_CHARS + 1024);

    @Inject
    public AccessLog(GatewayConfig config) {
        this.enabled = config.proxy().accessLog();
        this.writer = enabled ? Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "access-log");
            thread.setDaemon(true);
            return thread;
        }) : null;
        if (writer != null) {
            writer.scheduleWithFixedDelay(this::flush, FLUSH_MILLIS, FLUSH_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void onFinished(ExchangeSummary summary) {
        if (enabled && !pending.offer(summary)) {
            dropped.incrementAndGet();
        }
    }

    private void flush() {
        if (!LOG.isInfoEnabled()) {
            pending.clear();
            return;
        }
        drain(pending, System.nanoTime(), System.currentTimeMillis(), ZoneId.systemDefault(), batch, LOG::info);
        long lost = dropped.getAndSet(0);
        if (lost > 0) {
            WARNINGS.warnf("%d access log lines dropped: requests finished faster than they could be logged", lost);
        }
    }

    /**
     * Formats every queued summary, oldest first, and hands them to {@code sink} in batches of at most about
     * {@link #BATCH_CHARS} characters, lines separated by newlines, built in {@code batch} (emptied first).
     * {@code nowNanos} and {@code nowMillis} are the same instant on both clocks, to date each line by when its request
     * ended.
     */
    static void drain(Queue<ExchangeSummary> queue, long nowNanos, long nowMillis, ZoneId zone, StringBuilder batch,
            Consumer<String> sink) {
        long offsetMillis = zone.getRules().getOffset(Instant.ofEpochMilli(nowMillis)).getTotalSeconds() * 1000L;
        batch.setLength(0);
        ExchangeSummary summary;
        while ((summary = queue.poll()) != null) {
            if (!batch.isEmpty()) {
                batch.append('\n');
            }
            long endedMillis = nowMillis - TimeUnit.NANOSECONDS.toMillis(nowNanos - summary.endNanos());
            appendTimeOfDay(batch, endedMillis + offsetMillis);
            appendLine(batch.append(PREFIX), summary);
            if (batch.length() >= BATCH_CHARS) {
                sink.accept(batch.toString());
                batch.setLength(0);
            }
        }
        if (!batch.isEmpty()) {
            sink.accept(batch.toString());
        }
    }

    /** {@code HH:mm:ss.SSS} of a local epoch-millisecond time, as the console format's {@code %d} prints it. */
    static void appendTimeOfDay(StringBuilder out, long localEpochMillis) {
        long millisOfDay = Math.floorMod(localEpochMillis, 86_400_000L);
        appendTwoDigits(out, millisOfDay / 3_600_000).append(':');
        appendTwoDigits(out, millisOfDay / 60_000 % 60).append(':');
        appendTwoDigits(out, millisOfDay / 1000 % 60).append('.');
        long millis = millisOfDay % 1000;
        out.append((char) ('0' + millis / 100));
        appendTwoDigits(out, millis % 100);
    }

    private static StringBuilder appendTwoDigits(StringBuilder out, long value) {
        return out.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
    }

    private static StringBuilder appendLine(StringBuilder out, ExchangeSummary s) {
        long totalMs = TimeUnit.NANOSECONDS.toMillis(s.endNanos() - s.arrivalNanos());
        long firstByteMs = s.clientFirstByteNanos() == 0 ? -1
                : TimeUnit.NANOSECONDS.toMillis(s.clientFirstByteNanos() - s.arrivalNanos());
        Usage usage = s.usage();
        return out.append("request id=").append(s.requestId()).append(' ')
                .append(s.endpoint().label()).append(" key=").append(orDash(s.apiKeyName()))
                .append(" model=").append(orDash(s.model())).append(" stream=").append(s.stream())
                .append(" engine=").append(orDash(s.engineId())).append(" status=").append(s.status())
                .append(" outcome=").append(s.outcome()).append(" attempts=").append(s.attempts())
                .append(" queued_ms=").append(TimeUnit.NANOSECONDS.toMillis(s.queuedNanos()))
                .append(" first_byte_ms=").append(firstByteMs).append(" total_ms=").append(totalMs)
                .append(" prompt_tokens=").append(usage == null ? -1 : usage.promptTokens())
                .append(" completion_tokens=").append(usage == null ? -1 : usage.completionTokens());
    }

    /** "-" for a field the request never got (no key, refused before its model was read or an engine chosen). */
    private static String orDash(String value) {
        return value == null ? "-" : value;
    }

    /** Logs what is still queued: the last requests before shutdown are not lost. */
    @PreDestroy
    void close() {
        if (writer != null) {
            writer.shutdown();
            try {
                writer.awaitTermination(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            flush();
        }
    }
}
