package io.ascendgw.gateway.engine;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.jboss.logging.Logger;

import io.ascendgw.gateway.config.GatewayConfigException;

/**
 * Keeps one upstream per address of each configured DNS name ({@code host:port}): resolves on an interval, adds
 * upstreams for new addresses and retires those for vanished ones (their in-flight requests finish). This is how a
 * router gateway follows the per-server gateways behind a Kubernetes headless Service. A failed resolution keeps the
 * last known set. Resolution runs on the blocking pool, changes on the lifecycle thread.
 */
final class DnsDiscovery {

    private static final Logger LOG = Logger.getLogger("io.ascendgw.gateway.engine");

    /** One name to resolve. */
    record Name(String host, int port) {
        static Name parse(String hostPort) {
            int colon = hostPort.lastIndexOf(':');
            if (colon <= 0 || colon == hostPort.length() - 1) {
                throw new GatewayConfigException("gateway.discovery.dns entry '" + hostPort + "' must be host:port");
            }
            try {
                return new Name(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
            } catch (NumberFormatException e) {
                throw new GatewayConfigException("gateway.discovery.dns entry '" + hostPort + "' has no numeric port");
            }
        }
    }

    private final SupervisorContext ctx;
    private final EngineRegistry registry;
    private final List<Name> names;
    private final Duration interval;
    private final Map<String, UpstreamWatcher> watchers = new HashMap<>();
    private final Set<Name> failing = new java.util.HashSet<>();
    private ScheduledFuture<?> task;

    DnsDiscovery(SupervisorContext ctx, EngineRegistry registry, List<String> names, Duration interval) {
        this.ctx = ctx;
        this.registry = registry;
        this.names = names.stream().map(Name::parse).toList();
        this.interval = interval;
    }

    void start() {
        // The JVM caches successful lookups for 30 s by default; keep them no longer than one interval.
        java.security.Security.setProperty("networkaddress.cache.ttl",
                Long.toString(Math.max(1, interval.toSeconds())));
        task = ctx.lifecycle().scheduleWithFixedDelay(this::refresh, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    void stop() {
        if (task != null) {
            task.cancel(false);
        }
        watchers.values().forEach(UpstreamWatcher::stop);
    }

    private void refresh() {
        for (Name name : names) {
            ctx.blocking().execute(() -> {
                try {
                    List<String> addresses = new ArrayList<>();
                    for (InetAddress address : InetAddress.getAllByName(name.host())) {
                        addresses.add(address.getHostAddress());
                    }
                    ctx.lifecycle().execute(() -> apply(name, addresses));
                } catch (UnknownHostException e) {
                    ctx.lifecycle().execute(() -> {
                        if (failing.add(name)) {
                            LOG.warnf("discovery: %s does not resolve (%s); keeping its last known upstreams",
                                    name.host(), e.getMessage());
                        }
                    });
                }
            });
        }
    }

    /** Lifecycle thread: makes the upstreams of {@code name} exactly {@code addresses}. */
    void apply(Name name, List<String> addresses) {
        failing.remove(name);
        String prefix = "dns-" + name.host() + "-";
        Set<String> wanted = addresses.stream().map(a -> prefix + a + ":" + name.port())
                .collect(Collectors.toCollection(java.util.LinkedHashSet::new));
        for (String address : addresses) {
            String id = prefix + address + ":" + name.port();
            if (!watchers.containsKey(id)) {
                Engine engine = UpstreamWatcher.upstreamEngine(id, address, name.port());
                UpstreamWatcher watcher = new UpstreamWatcher(ctx, engine);
                watchers.put(id, watcher);
                registry.add(engine);
                watcher.start();
                LOG.infof("discovery: upstream %s found through %s", engine.endpoint(), name.host());
            }
        }
        for (var entry : List.copyOf(watchers.entrySet())) {
            if (entry.getKey().startsWith(prefix) && !wanted.contains(entry.getKey())) {
                entry.getValue().stop();
                registry.remove(entry.getValue().engine());
                watchers.remove(entry.getKey());
                LOG.infof("discovery: upstream %s no longer in %s; removed", entry.getValue().engine().endpoint(),
                        name.host());
            }
        }
    }
}
