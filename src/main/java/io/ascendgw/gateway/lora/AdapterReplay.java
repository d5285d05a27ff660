package io.ascendgw.gateway.lora;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.ascendgw.gateway.engine.Engine;
import io.ascendgw.gateway.engine.EngineEvents;
import io.ascendgw.gateway.engine.EngineState;

/**
 * Gives an engine that becomes ready (restarted, added by a scale-up, an upstream back from an outage) the LoRA
 * adapters loaded through the gateway for its model, so a crash does not silently shrink the set of engines that
 * serve them.
 */
@ApplicationScoped
public class AdapterReplay implements EngineEvents {

    private final AdapterFanout fanout;

    @Inject
    public AdapterReplay(AdapterFanout fanout) {
        this.fanout = fanout;
    }

    @Override
    public void onStateChange(Engine engine, EngineState from, EngineState to) {
        if (from instanceof EngineState.Starting && to instanceof EngineState.Ready) {
            fanout.restore(engine);
        }
    }
}
