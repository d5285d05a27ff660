package io.ascendgw.gateway.sim.engine;

import static io.ascendgw.gateway.sim.engine.EngineHarness.prompt;
import static io.ascendgw.gateway.sim.engine.EngineHarness.sampling;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.ascendgw.gateway.sim.text.TextGenerator;

class SchedulerTest {

    @Test
    void shouldQueueRequestsBeyondMaxNumSeqsWhenTheRunningSetIsFull() {
        // Given
        EngineHarness engine = new EngineHarness(100, 16, 2, 2048, false);
        for (int i = 0; i < 3; i++) {
            engine.submit(prompt(20, i, 16), sampling(50, true), false, new EngineHarness.Recorder());
        }

        // When
        engine.step();

        // Then
        assertThat(engine.metrics.running()).isEqualTo(2);
        assertThat(engine.metrics.waiting()).isEqualTo(1);
    }

    @Test
    void shouldWaitForKvBlocksAndAdmitWhenAnotherRequestFinishes() {
        // Given 4 blocks of 16 tokens and prompts needing 3 blocks each
        EngineHarness engine = new EngineHarness(4, 16, 10, 2048, false);
        EngineHarness.Recorder first = new EngineHarness.Recorder();
        EngineHarness.Recorder second = new EngineHarness.Recorder();
        engine.submit(prompt(40, 1, 16), sampling(3, true), false, first);
        engine.submit(prompt(40, 2, 16), sampling(3, true), false, second);

        // When
        engine.step();

        // Then the second waits while the first holds 3 of 4 blocks
        assertThat(engine.metrics.running()).isEqualTo(1);
        assertThat(engine.metrics.waiting()).isEqualTo(1);
        assertThat(engine.metrics.kvUsage()).isEqualTo(0.75);

        // When the first finishes
        engine.runUntilIdle();

        // Then both completed and every block is free again
        assertThat(first.result.completionTokens()).isEqualTo(3);
        assertThat(second.result.completionTokens()).isEqualTo(3);
        assertThat(engine.metrics.kvUsage()).isZero();
    }

    @Test
    void shouldPreemptTheNewestSequenceAndStillProduceTheSameTextWhenBlocksRunOut() {
        // Given 4 blocks of 4 tokens, two 7-token prompts (2 blocks each) decoding 6 tokens
        EngineHarness tight = new EngineHarness(4, 4, 10, 2048, false);
        EngineHarness.Recorder a = new EngineHarness.Recorder();
        EngineHarness.Recorder b = new EngineHarness.Recorder();
        tight.submit(prompt(7, 11, 4), sampling(6, true), false, a);
        tight.submit(prompt(7, 12, 4), sampling(6, true), false, b);

        // When
        tight.runUntilIdle();

        // Then
        assertThat(tight.metrics.preemptionsTotal()).isGreaterThanOrEqualTo(1);
        EngineHarness roomy = new EngineHarness(100, 4, 10, 2048, false);
        EngineHarness.Recorder reference = new EngineHarness.Recorder();
        roomy.submit(prompt(7, 12, 4), sampling(6, true), false, reference);
        roomy.runUntilIdle();
        assertThat(roomy.metrics.preemptionsTotal()).isZero();
        assertThat(b.result.choices().get(0).text()).isEqualTo(reference.result.choices().get(0).text());
        assertThat(a.result.completionTokens()).isEqualTo(6);
        assertThat(b.result.completionTokens()).isEqualTo(6);
        assertThat(tight.metrics.kvUsage()).isZero();
    }

    @Test
    void shouldPrefillOnlyUncachedTokensWhenThePromptPrefixIsCached() {
        // Given a finished request whose 5 full blocks stay cached
        EngineHarness engine = new EngineHarness(100, 4, 10, 2048, true);
        engine.submit(prompt(20, 5, 4), sampling(2, true), false, new EngineHarness.Recorder());
        engine.scheduler.schedule(1);
        int coldPrefill = engine.scheduler.plannedPrefillTokens();
        engine.scheduler.complete(2);
        engine.runUntilIdle();

        // When the same prompt comes again
        EngineHarness.Recorder again = new EngineHarness.Recorder();
        engine.submit(prompt(20, 5, 4), sampling(2, true), false, again);
        engine.scheduler.schedule(3);
        int warmPrefill = engine.scheduler.plannedPrefillTokens();
        engine.scheduler.complete(4);
        engine.runUntilIdle();

        // Then 4 of 5 blocks hit (the last token is always recomputed)
        assertThat(coldPrefill).isEqualTo(20);
        assertThat(warmPrefill).isEqualTo(4);
        assertThat(engine.metrics.prefixQueriedTokensTotal()).isEqualTo(40);
        assertThat(engine.metrics.prefixHitTokensTotal()).isEqualTo(16);
        assertThat(again.result.cachedTokens()).isEqualTo(16);
    }

    @Test
    void shouldEvictCachedBlocksWhenFreshRequestsNeedTheSpace() {
        // Given a cached 4-block prefix in an 8-block cache
        EngineHarness engine = new EngineHarness(8, 4, 10, 2048, true);
        engine.submit(prompt(16, 1, 4), sampling(1, true), false, new EngineHarness.Recorder());
        engine.runUntilIdle();

        // When an unrelated request needs all 8 blocks
        engine.submit(prompt(30, 2, 4), sampling(1, true), false, new EngineHarness.Recorder());
        engine.runUntilIdle();
        EngineHarness.Recorder again = new EngineHarness.Recorder();
        engine.submit(prompt(16, 1, 4), sampling(1, true), false, again);
        engine.runUntilIdle();

        // Then the old prefix is gone
        assertThat(again.result.cachedTokens()).isZero();
    }

    @Test
    void shouldFreeBlocksAndSlotAtOnceWhenARequestIsAborted() {
        // Given
        EngineHarness engine = new EngineHarness(10, 16, 4, 2048, false);
        EngineHarness.Recorder recorder = new EngineHarness.Recorder();
        SimRequest request = engine.submit(prompt(40, 3, 16), sampling(1000, true), true, recorder);
        engine.step();
        assertThat(engine.metrics.kvUsage()).isGreaterThan(0);

        // When
        engine.scheduler.abort(request);
        engine.scheduler.publishState();
        engine.step();

        // Then
        assertThat(engine.metrics.running()).isZero();
        assertThat(engine.metrics.kvUsage()).isZero();
        assertThat(engine.scheduler.hasWork()).isFalse();
        assertThat(recorder.result).isNull();
    }

    @Test
    void shouldGenerateExactlyMaxTokensWhenIgnoringEos() {
        // Given
        EngineHarness engine = new EngineHarness(1000, 16, 4, 2048, false);
        EngineHarness.Recorder recorder = new EngineHarness.Recorder();
        engine.submit(prompt(10, 9, 16), sampling(300, true), false, recorder);

        // When
        engine.runUntilIdle();

        // Then
        assertThat(recorder.result.choices().get(0).completionTokens()).isEqualTo(300);
        assertThat(recorder.result.choices().get(0).finishReason()).isEqualTo(FinishReason.LENGTH);
    }

    @Test
    void shouldEndWithEosAndCountItWhenTheNaturalLengthIsReached() {
        // Given a model whose answers are exactly 5 tokens including EOS
        EngineHarness engine = new EngineHarness(100, 16, 4, 2048, false, new TextGenerator(5, 5));
        EngineHarness.Recorder recorder = new EngineHarness.Recorder();
        engine.submit(prompt(10, 9, 16), sampling(100, false), true, recorder);

        // When
        engine.runUntilIdle();

        // Then four text pieces, then an empty final delta for EOS
        ChoiceResult choice = recorder.result.choices().get(0);
        assertThat(choice.completionTokens()).isEqualTo(5);
        assertThat(choice.finishReason()).isEqualTo(FinishReason.STOP);
        assertThat(recorder.deltas).hasSize(5);
        assertThat(recorder.deltas.get(4).text()).isEmpty();
        assertThat(recorder.deltas.get(4).finishReason()).isEqualTo(FinishReason.STOP);
        assertThat(recorder.streamedText(0)).isEqualTo(choice.text());
    }

    @Test
    void shouldPostponeEosUntilMinTokensWhenMinTokensIsSet() {
        // Given
        EngineHarness engine = new EngineHarness(100, 16, 4, 2048, false, new TextGenerator(3, 3));
        EngineHarness.Recorder recorder = new EngineHarness.Recorder();
        engine.submit(prompt(10, 9, 16), new SamplingSpec(1, 100, 10, false, List.of(), false, 0, false, 8192),
                false, recorder);

        // When
        engine.runUntilIdle();

        // Then
        assertThat(recorder.result.completionTokens()).isEqualTo(11);
    }

    @Test
    void shouldCutAtTheStopStringAndNeverStreamPartOfItWhenAStopStringMatches() {
        // Given the text the request produces without a stop string
        EngineHarness free = new EngineHarness(100, 16, 4, 2048, false);
        EngineHarness.Recorder plain = new EngineHarness.Recorder();
        free.submit(prompt(10, 77, 16), sampling(60, true), false, plain);
        free.runUntilIdle();
        String full = plain.result.choices().get(0).text();
        String stop = full.substring(full.length() / 2, full.length() / 2 + 5);

        // When the same request carries a stop string from the middle of that text
        EngineHarness engine = new EngineHarness(100, 16, 4, 2048, false);
        EngineHarness.Recorder recorder = new EngineHarness.Recorder();
        engine.submit(prompt(10, 77, 16), new SamplingSpec(1, 60, 0, true, List.of(stop), false, 0, false, 8192),
                true, recorder);
        engine.runUntilIdle();

        // Then
        ChoiceResult choice = recorder.result.choices().get(0);
        assertThat(choice.text()).isEqualTo(full.substring(0, full.indexOf(stop)));
        assertThat(choice.finishReason()).isEqualTo(FinishReason.STOP);
        assertThat(choice.stopReason()).isEqualTo(stop);
        assertThat(recorder.streamedText(0)).isEqualTo(choice.text());
        assertThat(recorder.deltas).noneMatch(d -> d.text().contains(stop));
    }

    @Test
    void shouldSpreadALongPrefillOverStepsWhenTheTokenBudgetIsSmall() {
        // Given a 20-token prompt and an 8-token step budget
        EngineHarness engine = new EngineHarness(100, 4, 4, 8, false);
        EngineHarness.Recorder recorder = new EngineHarness.Recorder();
        engine.submit(prompt(20, 1, 4), sampling(5, true), true, recorder);

        // When / Then: two chunks without output, the third yields the first token
        engine.step();
        engine.step();
        assertThat(recorder.deltas).isEmpty();
        engine.step();
        assertThat(recorder.deltas).hasSize(1);
    }

    @Test
    void shouldFailEveryQueuedRequestWhenTheEngineDies() {
        // Given
        EngineHarness engine = new EngineHarness(100, 16, 1, 2048, false);
        EngineHarness.Recorder running = new EngineHarness.Recorder();
        EngineHarness.Recorder waiting = new EngineHarness.Recorder();
        engine.submit(prompt(10, 1, 16), sampling(100, true), false, running);
        engine.submit(prompt(10, 2, 16), sampling(100, true), false, waiting);
        engine.step();

        // When
        engine.scheduler.failAll("dead");

        // Then
        assertThat(running.failure).isEqualTo("dead");
        assertThat(waiting.failure).isEqualTo("dead");
        assertThat(engine.scheduler.hasWork()).isFalse();
        assertThat(engine.metrics.kvUsage()).isZero();
    }
}
