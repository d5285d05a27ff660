package io.ascendgw.gateway.sim.engine;

import static io.ascendgw.gateway.sim.engine.EngineHarness.prompt;
import static io.ascendgw.gateway.sim.engine.EngineHarness.sampling;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.ascendgw.gateway.sim.text.TextGenerator;

/** vLLM V1's --max-loras: a batch runs at most that many distinct adapters; a request for another one waits. */
class LoraSchedulingTest {

    /** Records what the scheduler reports about adapters, as the metrics do. */
    private static final class LoraRecorder implements EngineObserver {
        final List<String> reports = new ArrayList<>();

        @Override
        public void onLoraState(String running, String waiting) {
            reports.add(running + "|" + waiting);
        }

        @Override
        public void onPrefixLookup(int queriedTokens, int hitTokens, int queriedBlocks, int hitBlocks) {
        }

        @Override
        public void onPreemption() {
        }

        @Override
        public void onStep(int tokens) {
        }

        @Override
        public void onFirstToken(int promptTokens, double ttftSeconds) {
        }

        @Override
        public void onNextToken(double interTokenSeconds) {
        }

        @Override
        public void onFinished(FinishedSequence finished) {
        }

        @Override
        public void onSchedulerState(int running, int waiting, int usedBlocks) {
        }
    }

    private static Scheduler scheduler(int maxLoras, LoraRecorder observer) {
        return new Scheduler(new SchedulerConfig(100, 16, 10, 2048, false, maxLoras), new TextGenerator(10, 200),
                observer);
    }

    private static SimRequest request(int key, String lora, EngineHarness.Recorder recorder) {
        return new SimRequest("r" + key, List.of(prompt(20, key, 16)), sampling(3, true), false, recorder, 0, lora);
    }

    @Test
    void shouldHoldARequestForAThirdAdapterAndLetLaterRequestsGoAheadWhenMaxLorasIsReached() {
        // Given --max-loras 2 and requests for adapters a, b, c, a again and the model itself, in that order
        LoraRecorder observer = new LoraRecorder();
        Scheduler scheduler = scheduler(2, observer);
        EngineHarness.Recorder forC = new EngineHarness.Recorder();
        scheduler.add(request(1, "a", new EngineHarness.Recorder()));
        scheduler.add(request(2, "b", new EngineHarness.Recorder()));
        scheduler.add(request(3, "c", forC));
        scheduler.add(request(4, "a", new EngineHarness.Recorder()));
        scheduler.add(request(5, null, new EngineHarness.Recorder()));

        // When one step is scheduled
        scheduler.schedule(1_000_000L);

        // Then c waits while a, b, the second a and the base-model request run
        assertThat(scheduler.runningCount()).isEqualTo(4);
        assertThat(scheduler.waitingCount()).isEqualTo(1);
        assertThat(observer.reports).last().isEqualTo("a,b|c");

        // When the step completes and the engine runs on until everything is done
        long now = 2_000_000L;
        scheduler.complete(now);
        for (int i = 0; i < 100 && scheduler.hasWork(); i++) {
            now += 1_000_000L;
            scheduler.schedule(now);
            now += 1_000_000L;
            scheduler.complete(now);
        }

        // Then c ran once the slots freed, and the last report has nothing running or waiting
        assertThat(forC.result).isNotNull();
        assertThat(forC.result.completionTokens()).isEqualTo(3);
        assertThat(observer.reports).contains("c|").last().isEqualTo("|");
    }

    @Test
    void shouldReportNoAdaptersAndLimitNothingWhenLoraIsOff() {
        // Given LoRA off (max 0): requests carry no adapter
        LoraRecorder observer = new LoraRecorder();
        Scheduler scheduler = scheduler(0, observer);
        for (int i = 0; i < 3; i++) {
            scheduler.add(request(i, null, new EngineHarness.Recorder()));
        }

        // When scheduled
        scheduler.schedule(1_000_000L);

        // Then all run and nothing about adapters is reported
        assertThat(scheduler.runningCount()).isEqualTo(3);
        assertThat(observer.reports).isEmpty();
    }
}
