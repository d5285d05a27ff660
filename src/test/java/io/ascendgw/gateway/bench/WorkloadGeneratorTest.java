package io.ascendgw.gateway.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import io.vertx.core.json.JsonObject;

class WorkloadGeneratorTest {

    private static final Workload.SharedPrefix SHARED = new Workload.SharedPrefix(800, 3, 40);

    private static WorkloadGenerator generator(Workload workload, PromptLanguage language, long seed) {
        return new WorkloadGenerator(workload, new OutputLengths.Fixed(16), language, seed);
    }

    private static int utf8Bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    private static long cjkChars(String s) {
        return s.codePoints().filter(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN).count();
    }

    @Test
    void shouldShareExactPrefixBytesWhenWorkloadIsSharedPrefix() {
        // Given
        WorkloadGenerator workload = generator(SHARED, PromptLanguage.EN, 7);
        RequestBodies chat = new RequestBodies(Endpoint.CHAT, "m", true, true);

        // When
        List<PromptPlan> plans = IntStream.range(0, 60).mapToObj(workload::plan).toList();

        // Then each request carries one of the prefixes byte for byte: as the system message and as the start
        // of the completion prompt
        Set<String> used = new HashSet<>();
        for (PromptPlan plan : plans) {
            assertThat(workload.prefixes()).contains(plan.prefix());
            used.add(plan.prefix());
            assertThat(plan.completionPrompt().getBytes(StandardCharsets.UTF_8))
                    .startsWith(plan.prefix().getBytes(StandardCharsets.UTF_8));
            JsonObject body = chat.encode(plan).toJsonObject();
            assertThat(body.getJsonArray("messages").getJsonObject(0).getString("content")).isEqualTo(plan.prefix());
            assertThat(body.getJsonArray("messages").getJsonObject(0).getString("role")).isEqualTo("system");
        }
        // And all prefixes are in use while the suffixes vary
        assertThat(used).hasSize(3);
        assertThat(plans.stream().map(PromptPlan::user).distinct().count()).isEqualTo(60);
    }

    @Test
    void shouldMakePrefixesDifferEarlyWhenSeveralPrefixes() {
        // Given
        List<String> prefixes = generator(SHARED, PromptLanguage.EN, 7).prefixes();

        // Then no two prefixes share more than a few leading characters, so a prefix cache tells them apart
        for (int i = 0; i < prefixes.size(); i++) {
            for (int j = i + 1; j < prefixes.size(); j++) {
                assertThat(commonPrefixLength(prefixes.get(i), prefixes.get(j))).isLessThan(16);
            }
        }
    }

    @Test
    void shouldRepeatForSameSeedAndDifferForAnotherSeed() {
        WorkloadGenerator a = generator(SHARED, PromptLanguage.MIXED, 1);
        WorkloadGenerator b = generator(SHARED, PromptLanguage.MIXED, 1);
        WorkloadGenerator c = generator(SHARED, PromptLanguage.MIXED, 2);

        assertThat(a.plan(5)).isEqualTo(b.plan(5));
        assertThat(a.prefixes()).isEqualTo(b.prefixes());
        assertThat(a.plan(5).user()).isNotEqualTo(c.plan(5).user());
        assertThat(a.prefixes()).doesNotContainAnyElementsOf(c.prefixes());
        assertThat(a.plan(-1).user()).isNotEqualTo(a.plan(1).user());
    }

    @Test
    void shouldMatchRequestedLengthWhenEnglish() {
        // Given ~4 bytes per token of English-like text
        WorkloadGenerator workload = generator(new Workload.RandomPrompts(1000), PromptLanguage.EN, 3);

        for (int i = 0; i < 20; i++) {
            String prompt = workload.plan(i).user();
            // Then
            assertThat(utf8Bytes(prompt) / 4.0).isCloseTo(1000, within(50.0));
            assertThat(prompt).matches("[\\x20-\\x7e]+");
        }
        String prefix = generator(SHARED, PromptLanguage.EN, 3).prefixes().get(0);
        assertThat(utf8Bytes(prefix) / 4.0).isCloseTo(800, within(80.0));
    }

    @Test
    void shouldMatchRequestedLengthWhenChinese() {
        // Given ~1 token per Chinese character
        WorkloadGenerator workload = generator(new Workload.RandomPrompts(500), PromptLanguage.ZH, 3);

        for (int i = 0; i < 20; i++) {
            String prompt = workload.plan(i).user();
            long punctuation = prompt.chars().filter(c -> c == '，' || c == '。').count();
            // Then
            assertThat(cjkChars(prompt) + punctuation).isCloseTo(500L, within(5L));
            assertThat(cjkChars(prompt)).isGreaterThan(400);
        }
    }

    @Test
    void shouldMixBothLanguagesWhenMixed() {
        String prompt = generator(new Workload.RandomPrompts(2000), PromptLanguage.MIXED, 9).plan(0).user();

        assertThat(cjkChars(prompt)).isGreaterThan(200);
        assertThat(prompt.chars().filter(c -> c >= 'a' && c <= 'z').count()).isGreaterThan(800);
    }

    @Test
    void shouldDrawOutputLengthsWithinRangeWhenUniform() {
        // Given
        WorkloadGenerator workload = new WorkloadGenerator(new Workload.RandomPrompts(8),
                new OutputLengths.Uniform(10, 30), PromptLanguage.EN, 5);

        // When
        int[] lengths = IntStream.range(0, 4000).map(i -> workload.plan(i).maxTokens()).toArray();

        // Then
        assertThat(IntStream.of(lengths).boxed().toList()).allSatisfy(n -> assertThat(n).isBetween(10, 30));
        assertThat(IntStream.of(lengths).average().orElseThrow()).isCloseTo(20.0, within(0.5));
        assertThat(IntStream.of(lengths).min().orElseThrow()).isEqualTo(10);
        assertThat(IntStream.of(lengths).max().orElseThrow()).isEqualTo(30);
    }

    @Test
    void shouldDrawTheModelPerRequestAndKeepTheSeedsPromptsWhenAMixIsGiven() {
        // Given the same seed with and without a mix of a base model and two adapters
        ModelMix mix = ModelMix.parse("base=2,a0=1,a1=1");
        WorkloadGenerator plain = generator(SHARED, PromptLanguage.EN, 11);
        WorkloadGenerator mixed = new WorkloadGenerator(SHARED, new OutputLengths.Fixed(16), PromptLanguage.EN, 11,
                Optional.of(mix));
        WorkloadGenerator again = new WorkloadGenerator(SHARED, new OutputLengths.Fixed(16), PromptLanguage.EN, 11,
                Optional.of(mix));
        RequestBodies bodies = new RequestBodies(Endpoint.COMPLETIONS, "run-model", false, true);

        // When 400 requests are planned and encoded
        List<PromptPlan> plans = IntStream.range(0, 400).mapToObj(mixed::plan).toList();

        // Then each names a model of the mix, by weight, the same one for the same index in every run
        assertThat(plans).allSatisfy(p -> assertThat(p.model()).get().isIn("base", "a0", "a1"));
        assertThat(plans.stream().filter(p -> p.model().orElseThrow().equals("base")).count() / 400.0)
                .isCloseTo(0.5, within(0.08));
        assertThat(IntStream.range(0, 400).mapToObj(again::plan).toList()).isEqualTo(plans);
        // And the body requests the drawn model, not the run's
        assertThat(bodies.encode(plans.get(3)).toJsonObject().getString("model")).isEqualTo(plans.get(3).model().get());
        // And prompts and lengths are those of the same seed without a mix; without a mix the run's model is used
        assertThat(plans.get(3).completionPrompt()).isEqualTo(plain.plan(3).completionPrompt());
        assertThat(plain.plan(3).model()).isEmpty();
        assertThat(bodies.encode(plain.plan(3)).toJsonObject().getString("model")).isEqualTo("run-model");
    }

    private static int commonPrefixLength(String a, String b) {
        int n = 0;
        while (n < a.length() && n < b.length() && a.charAt(n) == b.charAt(n)) {
            n++;
        }
        return n;
    }
}
