package io.ascendgw.gateway.bench.fairness;

import java.util.List;
import java.util.function.ToDoubleFunction;

import io.ascendgw.gateway.bench.BenchResult;

/**
 * What a tenant that waits for its answers saw in one round, or over a policy's rounds: the interactive tenant, or
 * the tokens scenario's short one. Latencies in milliseconds, {@code NaN} when no request completed.
 *
 * @param completed successful requests
 * @param failed failed requests, the refused ones included
 * @param refused of the failed, those the gateway answered 429 (queue full or queue timeout)
 */
record LatencyNumbers(long completed, long failed, long refused, double ttftP50Ms, double ttftP90Ms,
        double ttftP99Ms, double e2eP50Ms, double e2eP99Ms) {

    static final String HTTP_429 = "http_429";

    static LatencyNumbers of(BenchResult r) {
        return new LatencyNumbers(r.completed(), r.failed(), r.errors().getOrDefault(HTTP_429, 0L),
                r.ttft().medianMs(), r.ttft().p90Ms(), r.ttft().p99Ms(), r.e2e().medianMs(), r.e2e().p99Ms());
    }

    /**
     * Several rounds as one: counts add up, each percentile is the mean of the rounds' values (a round keeps only
     * its percentiles, not its samples; rounds without a value are left out).
     */
    static LatencyNumbers over(List<LatencyNumbers> rounds) {
        return new LatencyNumbers(rounds.stream().mapToLong(LatencyNumbers::completed).sum(),
                rounds.stream().mapToLong(LatencyNumbers::failed).sum(),
                rounds.stream().mapToLong(LatencyNumbers::refused).sum(),
                mean(rounds, LatencyNumbers::ttftP50Ms), mean(rounds, LatencyNumbers::ttftP90Ms),
                mean(rounds, LatencyNumbers::ttftP99Ms), mean(rounds, LatencyNumbers::e2eP50Ms),
                mean(rounds, LatencyNumbers::e2eP99Ms));
    }

    private static double mean(List<LatencyNumbers> rounds, ToDoubleFunction<LatencyNumbers> field) {
        return rounds.stream().mapToDouble(field).filter(Double::isFinite).average().orElse(Double.NaN);
    }
}
