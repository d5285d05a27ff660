package io.ascendgw.gateway.proxy;

import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.ascendgw.gateway.config.GatewayConfig;

/** One log line per finished request, with its id, so an operator can follow a client's report to an engine. */
@ApplicationScoped
public class AccessLog implements ExchangeObserver {

    private static final Logger LOG = Logger.getLogger("io.ascendgw.gateway.access");

    private final boolean enabled;

    @Inject
    public AccessLog(GatewayConfig config) {
        this.enabled = config.proxy().accessLog();
    }

    @Override
    public void onFinished(ExchangeSummary s) {
        if (!enabled || !LOG.isInfoEnabled()) {
            return;
        }
        long totalMs = TimeUnit.NANOSECONDS.toMillis(s.endNanos() - s.arrivalNanos());
        long firstByteMs = s.clientFirstByteNanos() == 0 ? -1
                : TimeUnit.NANOSECONDS.toMillis(s.clientFirstByteNanos() - s.arrivalNanos());
        Usage usage = s.usage();
        // Built by hand: printf-style formatting was a tenth of the gateway's CPU per request at high rates.
        StringBuilder line = new StringBuilder(256).append("request id=").append(s.requestId()).append(' ')
                .append(s.endpoint().label()).append(" key=").append(s.apiKeyName() == null ? "-" : s.apiKeyName())
                .append(" model=").append(s.model()).append(" stream=").append(s.stream())
                .append(" engine=").append(s.engineId()).append(" status=").append(s.status())
                .append(" outcome=").append(s.outcome()).append(" attempts=").append(s.attempts())
                .append(" first_byte_ms=").append(firstByteMs).append(" total_ms=").append(totalMs)
                .append(" prompt_tokens=").append(usage == null ? -1 : usage.promptTokens())
                .append(" completion_tokens=").append(usage == null ? -1 : usage.completionTokens());
        LOG.info(line.toString());
    }
}
