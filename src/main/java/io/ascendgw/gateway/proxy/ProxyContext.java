package io.ascendgw.gateway.proxy;

import java.util.List;

import io.ascendgw.gateway.routing.EngineSelector;
import io.vertx.core.Vertx;

/** What every exchange needs, shared by all of them. */
record ProxyContext(Vertx vertx, DeadlineTimer deadlines, UpstreamClients clients, EngineSelector selector,
        ProxySettings settings, List<ExchangeObserver> observers) {
}
