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
        LOG.infof("request id=%s %s key=%s model=%s stream=%s engine=%s status=%d outcome=%s attempts=%d"
                + " first_byte_ms=%d total_ms=%d prompt_tokens=%d completion_tokens=%d",
                s.requestId(), s.endpoint().label(), s.apiKeyName() == null ? "-" : s.apiKeyName(), s.model(),
                s.stream(), s.engineId(), s.status(), s.outcome(),
                s.attempts(), firstByteMs, totalMs, usage == null ? -1 : usage.promptTokens(),
                usage == null ? -1 : usage.completionTokens());
    }
}
