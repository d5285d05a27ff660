/**
 * The load generator ({@code bench}): an OpenAI-compatible benchmark client in the manner of vLLM's
 * {@code benchmark_serving.py}, for vLLM, the gateway, the simulator or a proxy in front of them.
 *
 * <p>Library use: build a {@link io.ascendgw.gateway.bench.LoadSpec} (from flags with
 * {@link io.ascendgw.gateway.bench.CliParser} or in code with {@code LoadSpec.builder()}), run it with
 * {@link io.ascendgw.gateway.bench.LoadGenerator} (blocking {@code run} or asynchronous {@code start}; several runs
 * may go side by side, each on its own event loop), and read the {@link io.ascendgw.gateway.bench.BenchResult}
 * (throughputs, {@link io.ascendgw.gateway.bench.LatencySummary} for TTFT, TPOT, ITL and E2E, errors by kind,
 * {@code toJson()} with vLLM's key names). {@link io.ascendgw.gateway.bench.ResultTable} renders the text table.
 *
 * <p>How it measures: one Vert.x event loop per run and a pooled keep-alive HTTP/1.1 client (idle timeout below
 * uvicorn's 5 s). Open-loop sends follow a seeded arrival clock (Poisson, or gamma-distributed gaps with
 * {@code --burstiness}) and never wait for responses; closed-loop sends keep a fixed number in flight. Streams are
 * parsed incrementally on reused byte arrays and scanned for content and usage without building JSON trees; every
 * buffer's arrival is stamped with {@code System.nanoTime()}. Latencies go into HdrHistograms; failed requests are
 * counted by kind and kept out of latencies.
 */
package io.ascendgw.gateway.bench;
