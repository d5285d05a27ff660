package io.ascendgw.gateway.proxy;

import java.util.Queue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.ascendgw.gateway.config.GatewayConfig;
import io.netty.util.internal.PlatformDependent;

/**
 * One log line per finished request, with its id, so an operator can follow a client's report to an engine.
 *
 * <p>The event loop only queues the request's summary (a lock-free offer); one background thread formats and logs
 * the queued lines every {@link #FLUSH_MILLIS} ms. Logging each line from the event loop cost a sixth of the
 * gateway's CPU per request at high rates, most of it waking the log writer thread once per line.
 */
@ApplicationScoped
public class AccessLog implements ExchangeObserver {

    private static final Logger LOG = Logger.getLogger("io.ascendgw.gateway.access");
    static final long FLUSH_MILLIS = 100;
    /** Lines waiting beyond this are dropped (and counted) rather than growing the heap without limit. */
    private static final int MAX_PENDING = 1 << 16;

    private final boolean enabled;
    private final Queue<ExchangeSummary> pending = PlatformDependent.newFixedMpscQueue(MAX_PENDING);
    private final AtomicLong dropped = new AtomicLong();
    private final ScheduledExecutorService writer;

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
        ExchangeSummary summary;
        while ((summary = pending.poll()) != null) {
            LOG.info(line(summary));
        }
        long lost = dropped.getAndSet(0);
        if (lost > 0) {
            LOG.warnf("%d access log lines dropped: requests finished faster than they could be logged", lost);
        }
    }

    static String line(ExchangeSummary s) {
        long totalMs = TimeUnit.NANOSECONDS.toMillis(s.endNanos() - s.arrivalNanos());
        long firstByteMs = s.clientFirstByteNanos() == 0 ? -1
                : TimeUnit.NANOSECONDS.toMillis(s.clientFirstByteNanos() - s.arrivalNanos());
        Usage usage = s.usage();
        return new StringBuilder(256).append("request id=").append(s.requestId()).append(' ')
                .append(s.endpoint().label()).append(" key=").append(s.apiKeyName() == null ? "-" : s.apiKeyName())
                .append(" model=").append(s.model()).append(" stream=").append(s.stream())
                .append(" engine=").append(s.engineId()).append(" status=").append(s.status())
                .append(" outcome=").append(s.outcome()).append(" attempts=").append(s.attempts())
                .append(" first_byte_ms=").append(firstByteMs).append(" total_ms=").append(totalMs)
                .append(" prompt_tokens=").append(usage == null ? -1 : usage.promptTokens())
                .append(" completion_tokens=").append(usage == null ? -1 : usage.completionTokens()).toString();
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
