package io.ascendgw.gateway.sim.engine;

import java.util.ArrayList;
import java.util.List;

/** Samples tokens for caught-up sequences, records token metrics and hands each request its step output. */
final class StepOutputs {

    private static final double NANOS = 1e9;
    private final EngineObserver observer;

    StepOutputs(EngineObserver observer) {
        this.observer = observer;
    }

    void sample(Sequence s, long now, List<SimRequest> touched) {
        boolean first = s.numOutput == 0;
        s.generateToken();
        if (first) {
            s.firstTokenNanos = now;
            observer.onFirstToken(s.prompt.tokens(), (now - s.request.arrivalNanos()) / NANOS);
        } else {
            observer.onNextToken((now - s.lastTokenNanos) / NANOS);
        }
        s.lastTokenNanos = now;
        SimRequest r = s.request;
        if (r.streaming()) {
            r.pendingDeltas.add(new ChoiceDelta(s.index, s.takeDelta(), s.finishReason, s.stopReason,
                    s.lastLogprobs));
        }
        if (s.finished) {
            r.unfinished--;
            observer.onFinished(finished(s, now));
        }
        if (!r.touched) {
            r.touched = true;
            touched.add(r);
        }
    }

    void dispatch(List<SimRequest> touched) {
        for (SimRequest r : touched) {
            r.touched = false;
            if (r.done) {
                continue;
            }
            GenerationResult result = null;
            if (r.unfinished == 0) {
                r.done = true;
                result = result(r);
            }
            if (r.streaming() || result != null) {
                List<ChoiceDelta> deltas = r.pendingDeltas;
                r.pendingDeltas = new ArrayList<>(2);
                r.listener().onStep(deltas, result);
            }
        }
        touched.clear();
    }

    private static GenerationResult result(SimRequest r) {
        List<ChoiceResult> choices = new ArrayList<>(r.sequences.length);
        for (Sequence s : r.sequences) {
            choices.add(s.result());
        }
        int n = r.sampling().n();
        int promptTokens = 0;
        int cached = 0;
        for (int p = 0; p < r.prompts().size(); p++) {
            promptTokens += r.prompts().get(p).tokens();
            cached += Math.max(0, r.sequences[p * n].cachedTokens);
        }
        return new GenerationResult(choices, promptTokens, cached);
    }

    private static FinishedSequence finished(Sequence s, long now) {
        SimRequest r = s.request;
        return new FinishedSequence(s.finishReason, s.prompt.tokens(), s.numOutput, r.sampling().maxTokens(),
                r.sampling().n(), (now - r.arrivalNanos()) / NANOS, (s.firstScheduledNanos - r.arrivalNanos()) / NANOS,
                (s.firstTokenNanos - s.firstScheduledNanos) / NANOS, (now - s.firstTokenNanos) / NANOS,
                (now - s.firstScheduledNanos) / NANOS);
    }
}
