package io.ascendgw.gateway.admin;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import io.ascendgw.gateway.engine.Engine;
import io.ascendgw.gateway.engine.EngineState;
import io.ascendgw.gateway.engine.ProcessFacts;

/** One engine as the admin API shows it ({@code version}: the vLLM version it reported, null while unknown). */
public record EngineView(String id, String pool, String state, Instant stateSince, String reason, Long pid,
        List<Integer> devices, String url, Long uptimeSeconds, int restarts, int inFlight, Integer lastExitCode,
        Set<String> models, String version, boolean managed) {

    public static EngineView of(Engine engine) {
        EngineState state = engine.state();
        ProcessFacts facts = engine.process();
        String reason = state instanceof EngineState.Failed f ? f.reason()
                : state instanceof EngineState.Backoff b ? b.reason() : null;
        Long uptime = facts.pid().isPresent() && facts.startedAt() != null
                ? Duration.between(facts.startedAt(), Instant.now()).toSeconds() : null;
        return new EngineView(engine.id(), engine.pool(), state.name(), state.since(), reason,
                facts.pid().isPresent() ? facts.pid().getAsLong() : null, engine.devices(),
                engine.endpoint().baseUrl(), uptime, facts.restarts(), engine.inFlight(),
                facts.lastExitCode().isPresent() ? facts.lastExitCode().getAsInt() : null, engine.modelNames(),
                engine.version(), engine.managed());
    }
}
