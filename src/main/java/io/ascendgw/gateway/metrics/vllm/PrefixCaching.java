package io.ascendgw.gateway.metrics.vllm;

/** Whether an engine has prefix caching on, as far as its metrics tell. */
public enum PrefixCaching {
    ENABLED,
    DISABLED,
    /** No metric said either way (yet). */
    UNKNOWN
}
