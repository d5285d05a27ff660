package io.ascendgw.gateway.config;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;

/**
 * Root of the gateway's configuration, everything under the {@code gateway} prefix. Every key is documented in
 * README.md; components receive records built from these groups, never the mapping itself.
 */
@ConfigMapping(prefix = "gateway")
public interface GatewayConfig {

    /**
     * Base URLs of OpenAI-compatible servers the gateway routes to but does not launch (a vLLM started elsewhere,
     * or the gateway of another node), e.g. {@code http://10.0.0.2:8000}.
     */
    Optional<List<URI>> upstreams();

    /** Upstreams found by resolving DNS names (a headless Service of per-server gateways). */
    DiscoveryConfig discovery();

    /** Engine pools the gateway launches and supervises, one per served model, by pool name. */
    Map<String, PoolConfig> pools();

    /** The embedded default: simulated engines, used when neither {@code pools} nor {@code upstreams} is set. */
    EmbeddedConfig embedded();

    /** How requests are relayed to engines. */
    ProxyConfig proxy();

    /** How engines are watched, restarted and stopped. */
    SupervisionConfig supervision();

    /** How each engine's {@code /metrics} is read. */
    ScrapeConfig scrape();

    /** Which engine a request goes to. */
    RoutingConfig routing();

    /** API keys, per-key limits and the metrics key. */
    SecurityConfig security();

    /** The admin API under {@code /admin}. */
    AdminConfig admin();

    /** NPU metrics read from {@code npu-smi}. */
    @WithName("npu")
    NpuConfig npu();
}
