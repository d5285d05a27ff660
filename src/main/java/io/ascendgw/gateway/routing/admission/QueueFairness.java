package io.ascendgw.gateway.routing.admission;

import java.util.Locale;

import io.ascendgw.gateway.config.GatewayConfigException;

/** Whose waiting request an admission queue wakes when capacity frees. */
public enum QueueFairness {
    /**
     * The API keys with waiting requests take turns, each key's requests in arrival order, so one key's flood does
     * not hold another key's request behind it; a full queue makes room for a key holding fewer waiters. A key's
     * turn is as long as its requests have been on average, in tokens (computed prompt tokens plus twice the
     * generated ones), so a key sending requests ten times as long gets a tenth of the turns: each key gets about
     * the same share of those weighted tokens. Without API keys every request is one key's, which is {@link #FIFO}.
     */
    PER_KEY("per-key"),
    /** As {@link #PER_KEY}, but every turn is one request, however long. */
    PER_KEY_REQUESTS("per-key-requests"),
    /** Arrival order, whoever sent the request. */
    FIFO("fifo");

    private final String configName;

    QueueFairness(String configName) {
        this.configName = configName;
    }

    /** The name used in configuration and logs. */
    public String configName() {
        return configName;
    }

    /** Parses a configured name; the message names {@code key} when the value is unknown. */
    public static QueueFairness parse(String value, String key) {
        String wanted = value.trim().toLowerCase(Locale.ROOT);
        for (QueueFairness fairness : values()) {
            if (fairness.configName.equals(wanted)) {
                return fairness;
            }
        }
        throw new GatewayConfigException(key + " must be per-key, per-key-requests or fifo, got '" + value + "'");
    }
}
