package io.ascendgw.gateway.bench.lora;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class EngineCountersTest {

    /** V1 exposition as the simulator writes it, with families that share the bucket bound or the name's start. */
    private static final String METRICS = """
            # HELP vllm:num_preemptions_total Cumulative engine preemptions.
            # TYPE vllm:num_preemptions_total counter
            vllm:num_preemptions_total{engine="0",model_name="bench-model"} 3.0
            vllm:num_preemptions_created{engine="0",model_name="bench-model"} 1.795825315217e+09
            vllm:time_to_first_token_seconds_bucket{engine="0",le="0.3",model_name="bench-model"} 40.0
            vllm:request_queue_time_seconds_bucket{engine="0",le="0.3",model_name="bench-model"} 30.0
            vllm:request_queue_time_seconds_bucket{engine="0",le="0.5",model_name="bench-model"} 33.0
            vllm:request_queue_time_seconds_bucket{engine="0",le="+Inf",model_name="bench-model"} 40.0
            vllm:request_queue_time_seconds_count{engine="0",model_name="bench-model"} 40.0
            vllm:request_queue_time_seconds_sum{engine="0",model_name="bench-model"} 12.5
            vllm:request_queue_time_seconds_created{engine="0",model_name="bench-model"} 1.795825315217e+09
            vllm:request_inference_time_seconds_sum{engine="0",model_name="bench-model"} 99.0
            """;

    @Test
    void shouldReadQueueTimePromptAdmissionsAndPreemptionsWhenParsingAnEngine() {
        // When
        EngineCounters counters = EngineCounters.parse(METRICS);

        // Then only the queue-time histogram's count, sum and 0.3 s bucket and the preemption counter are read
        assertThat(counters).isEqualTo(new EngineCounters(40, 12.5, 30, 3));
        assertThat(counters.meanQueueMs()).isCloseTo(312.5, within(1e-9));
        assertThat(counters.waitedShare()).isCloseTo(0.25, within(1e-9));
    }

    @Test
    void shouldCountOnlyTheRunWhenTakingTheDifferenceOfTwoReadingsOverEngines() {
        // Given two engines read before a run, and after it
        EngineCounters before = EngineCounters.parse(METRICS).plus(new EngineCounters(10, 1, 10, 0));
        EngineCounters after = EngineCounters.parse(METRICS).plus(new EngineCounters(30, 5, 20, 1))
                .plus(new EngineCounters(20, 0, 0, 0));

        // When
        EngineCounters run = after.since(before);

        // Then 40 more requests, 4 s more queueing, 10 of them admitted within 0.3 s
        assertThat(run).isEqualTo(new EngineCounters(40, 4, 10, 1));
        assertThat(run.meanQueueMs()).isCloseTo(100, within(1e-9));
        assertThat(run.waitedShare()).isCloseTo(0.75, within(1e-9));
    }

    @Test
    void shouldReportNaNWhenNoRequestLeftTheQueue() {
        // Given a reading without the histogram (e.g. an engine that did not answer)
        EngineCounters none = EngineCounters.parse("vllm:num_requests_running 0.0\n");

        // Then there is nothing to average
        assertThat(none).isEqualTo(EngineCounters.NONE);
        assertThat(none.meanQueueMs()).isNaN();
        assertThat(none.waitedShare()).isNaN();
    }
}
