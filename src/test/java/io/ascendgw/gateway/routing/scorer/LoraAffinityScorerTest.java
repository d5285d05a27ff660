package io.ascendgw.gateway.routing.scorer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.ascendgw.gateway.engine.Engine;
import io.ascendgw.gateway.engine.ServedModels;
import io.ascendgw.gateway.metrics.prom.PrometheusTextParser;
import io.ascendgw.gateway.metrics.vllm.VllmLoadExtractor;
import io.ascendgw.gateway.routing.Candidates;
import io.ascendgw.gateway.routing.EndpointScorer;
import io.ascendgw.gateway.routing.RoutingRequest;
import io.ascendgw.gateway.routing.TestEngines;
import io.ascendgw.gateway.routing.lora.RecentAdapters;

/**
 * LoRA affinity on engines whose scrape says what they run: a table of engine states, recognition of adapter requests,
 * and the memory of adapters sent since the last scrape (a burst of new adapters).
 */
class LoraAffinityScorerTest {

    private static final String ADAPTER = "sql-lora";
    /** Scrape text of an engine that was scraped but exposes no LoRA family. */
    private static final String NO_FAMILY = "";
    /** Not scraped (or stale). */
    private static final String NO_SCRAPE = "never scraped";

    private final RecentAdapters sent = new RecentAdapters();
    private final LoraAffinityScorer scorer = new LoraAffinityScorer(sent);

    static Stream<Arguments> table() {
        // per engine: max_lora, running, waiting (as the labels write them) or NO_FAMILY / NO_SCRAPE; expected scores
        return Stream.of(
                // running here; a free slot; both slots held by others
                Arguments.of(List.of(info("2", "sql-lora,x", ""), info("2", "x", ""), info("2", "x,y", "")),
                        new double[] {1, 0.5, 0}),
                // running and queued too still counts as running; only queued with room left is a free slot
                Arguments.of(List.of(info("1", "sql-lora", "sql-lora"), info("2", "", "sql-lora")),
                        new double[] {1, 0.5}),
                // queued behind a full batch, against shut out (waiting adapters take the free slot first)
                Arguments.of(List.of(info("1", "x", "sql-lora"), info("2", "x", "y")), new double[] {0.25, 0}),
                // unknown: no scrape, no family, no max_lora (unless it is running)
                Arguments.of(List.of(NO_SCRAPE, NO_FAMILY, info(null, "x", ""), info(null, "sql-lora", "")),
                        new double[] {0.5, 0.5, 0.5, 1}),
                // LoRA off (0.7.3 max_lora="0"); more adapters running than max_lora (never trusted as room)
                Arguments.of(List.of(info("0", "", ""), info("1", "x,y", ""), info("4", "sql-lora", "")),
                        new double[] {0, 0, 1}));
    }

    @ParameterizedTest
    @MethodSource("table")
    void shouldRankRunningThenFreeSlotThenQueuedThenFullWhenTheRequestIsForAnAdapter(List<String> engines,
            double[] expected) {
        // Given engines scraped with these LoRA states
        Candidates c = candidates(engines);
        // When a request for the adapter is scored, Then
        assertScores(request(ADAPTER), c, expected);
    }

    @Test
    void shouldScoreEveryEngineAlikeWhenTheRequestIsForTheBaseModel() {
        // Given engines in every LoRA state
        Candidates c = candidates(List.of(info("2", "sql-lora", ""), info("2", "", ""), info("1", "x", ""), NO_SCRAPE));
        // When a base-model request is scored, Then all score 0: base-model routing is left to the other scorers
        assertScores(request(TestEngines.MODEL), c, new double[] {0, 0, 0, 0});
    }

    @Test
    void shouldRecogniseAnAdapterByItsModelCardWhenNoScrapeListsIt() {
        // Given engines whose scrapes list only other adapters
        Candidates unlisted = candidates(List.of(info("1", "x", ""), info("2", "x", "")));
        // Then a request for the adapter is neutral while nothing says it is one
        assertScores(request(ADAPTER), unlisted, new double[] {0, 0});
        // When their /v1/models cards name the adapter with a parent (vLLM's --lora-modules cards)
        withAdapterCards(unlisted, ADAPTER);
        // Then it is one: full against a free slot
        assertScores(request(ADAPTER), unlisted, new double[] {0, 0.5});
    }

    @Test
    void shouldSendTheNextNewAdapterElsewhereWhenTheOnlySlotWasJustTakenBeforeTheNextScrape() {
        // Given two idle engines with one adapter slot each, scraped just now
        Candidates c = withAdapterCards(candidates(List.of(info("1", "", ""), info("1", "", ""))), "a-lora", "b-lora");
        // When a request for adapter a goes to engine 0
        RoutingRequest first = request("a-lora");
        assertScores(first, c, new double[] {0.5, 0.5});
        scorer.onPicked(first, c, 0);
        // Then before any new scrape, a's next request prefers engine 0, where a now runs
        assertScores(request("a-lora"), c, new double[] {1, 0.5});
        // And a request for adapter b avoids engine 0, whose only slot a holds
        assertScores(request("b-lora"), c, new double[] {0, 0.5});
    }

    @Test
    void shouldTrustTheScrapeAgainWhenItWasTakenLongEnoughAfterTheRequestWasSent() {
        // Given adapter a was sent to engine 0
        Candidates before = withAdapterCards(candidates(List.of(info("1", "", ""), info("1", "", ""))), "a-lora",
                "b-lora");
        scorer.onPicked(request("a-lora"), before, 0);
        // When engine 0 is scraped again after the request was sent, and a has already finished there
        Candidates after = withAdapterCards(candidates(List.of(info("1", "", ""), info("1", "", ""))), "a-lora",
                "b-lora");
        // Then with the default lag (500 ms) the scrape may not have seen a yet: b still avoids engine 0
        assertScores(request("b-lora"), after, new double[] {0, 0.5});
        // And without lag the scrape wins: the slot is free again for b
        double[] scores = new double[2];
        new LoraAffinityScorer(sent, 0).score(request("b-lora"), after, scores);
        assertThat(scores).containsExactly(0.5, 0.5);
    }

    private static RoutingRequest request(String model) {
        return TestEngines.request(model, "hi");
    }

    /** Gives every engine /v1/models cards naming the base model and these adapters (with the base as parent). */
    private static Candidates withAdapterCards(Candidates c, String... adapters) {
        StringBuilder cards = new StringBuilder("{\"data\":[{\"id\":\"m\",\"parent\":null}");
        for (String adapter : adapters) {
            cards.append(",{\"id\":\"").append(adapter).append("\",\"parent\":\"m\"}");
        }
        try {
            ServedModels models = ServedModels.fromModelList(new ObjectMapper().readTree(cards.append("]}").toString()));
            for (int i = 0; i < c.size(); i++) {
                c.engine(i).models(models);
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return c;
    }

    private static String info(String max, String running, String waiting) {
        String maxLabel = max == null ? "" : "max_lora=\"" + max + "\",";
        return "vllm:lora_requests_info{" + maxLabel + "running_lora_adapters=\"" + running
                + "\",waiting_lora_adapters=\"" + waiting + "\"} 1.7e+09\n";
    }

    /** Ready engines, each scraped now with the given text (or never, for {@link #NO_SCRAPE}). */
    private static Candidates candidates(List<String> scrapes) {
        Candidates c = new Candidates(scrapes.size());
        for (int i = 0; i < scrapes.size(); i++) {
            Engine engine = TestEngines.ready("e" + i);
            String text = scrapes.get(i);
            if (!NO_SCRAPE.equals(text)) {
                String withQueue = text + "vllm:num_requests_running{model_name=\"m\"} 0\n";
                engine.telemetry().update(new VllmLoadExtractor().extract(new PrometheusTextParser().parse(withQueue),
                        System.nanoTime()), List.of(), 0);
            }
            c.add(engine, Long.MAX_VALUE);
        }
        return c;
    }

    private void assertScores(RoutingRequest request, Candidates c, double[] expected) {
        double[] scores = new double[c.size()];
        scorer.score(request, c, scores);
        for (int i = 0; i < expected.length; i++) {
            assertThat(scores[i]).as("engine %d", i).isCloseTo(expected[i], within(1e-9));
        }
        assertThat(scorer.category()).isEqualTo(EndpointScorer.Category.AFFINITY);
    }
}
