package io.ascendgw.gateway.sim.metrics;

/** Renders {@code /metrics} in the emulated version's exposition style; any thread. */
public final class MetricsText {

    /** Content type vLLM's {@code /metrics} answers a plain scrape with. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final MetricsSetup setup;
    private final SimMetrics metrics;
    private final HttpStats http;
    private final V1MetricsText v1;
    private final LegacyMetricsText legacy;

    public MetricsText(MetricsSetup setup, SimMetrics metrics, HttpStats http) {
        this.setup = setup;
        this.metrics = metrics;
        this.http = http;
        this.v1 = new V1MetricsText(setup);
        this.legacy = new LegacyMetricsText(setup);
    }

    /** The full exposition text. */
    public String render() {
        return setup.v1() ? v1.render(metrics, http) : legacy.render(metrics);
    }
}
