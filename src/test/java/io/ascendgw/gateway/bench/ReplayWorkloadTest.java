package io.ascendgw.gateway.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.ascendgw.gateway.bench.dataset.Dataset;
import io.ascendgw.gateway.bench.dataset.DatasetException;
import io.ascendgw.gateway.bench.dataset.DatasetReader;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

class ReplayWorkloadTest {

    @TempDir
    Path dir;

    private Dataset prompts(int count) throws IOException, DatasetException {
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < count; i++) {
            lines.append(new JsonObject().put("prompt", "prompt number " + i).put("output_tokens", 10 + i).encode())
                    .append('\n');
        }
        return DatasetReader.read(Files.writeString(dir.resolve("p.jsonl"), lines), true);
    }

    private static WorkloadGenerator generator(Workload workload, long seed) {
        return new WorkloadGenerator(workload, new OutputLengths.Fixed(99), PromptLanguage.EN, seed);
    }

    @Test
    void shouldSendEveryRecordOnceInASeededOrderBeforeAnyAgain() throws Exception {
        // Given 50 recorded prompts
        Workload.Replay replay = new Workload.Replay(prompts(50), true);

        // When 100 requests are planned with one seed, then again, then with another seed
        List<String> first = IntStream.range(0, 100).mapToObj(i -> generator(replay, 1).plan(i).user()).toList();
        List<String> again = IntStream.range(0, 100).mapToObj(i -> generator(replay, 1).plan(i).user()).toList();
        List<String> other = IntStream.range(0, 50).mapToObj(i -> generator(replay, 2).plan(i).user()).toList();

        // Then each record is sent once in the first 50, in a shuffled order that repeats for the next 50
        assertThat(first.subList(0, 50)).containsExactlyInAnyOrderElementsOf(
                IntStream.range(0, 50).mapToObj(i -> "prompt number " + i).toList());
        assertThat(first.subList(0, 50)).isNotEqualTo(IntStream.range(0, 50).mapToObj(i -> "prompt number " + i)
                .toList());
        assertThat(first.subList(50, 100)).isEqualTo(first.subList(0, 50));
        assertThat(again).isEqualTo(first);
        assertThat(other).containsExactlyInAnyOrderElementsOf(first.subList(0, 50)).isNotEqualTo(first.subList(0, 50));
        // And warm-up requests (negative indices) take the order from its end, so a short warm-up does not
        // send what is measured first
        assertThat(generator(replay, 1).plan(-1).user()).isEqualTo(first.get(49));
    }

    @Test
    void shouldAskForTheRecordedLengthUnlessTheRunSetsIt() throws Exception {
        // Given
        Dataset dataset = prompts(5);

        // When
        PromptPlan recorded = generator(new Workload.Replay(dataset, true), 0).plan(0);
        PromptPlan fromFlags = generator(new Workload.Replay(dataset, false), 0).plan(0);

        // Then
        int number = Integer.parseInt(recorded.user().substring("prompt number ".length()));
        assertThat(recorded.maxTokens()).isEqualTo(10 + number);
        assertThat(fromFlags.maxTokens()).isEqualTo(99);
    }

    @Test
    void shouldEncodeTheRecordedMessagesAndFieldsWhenReplayed() throws Exception {
        // Given a recorded batch request with a system message, a sampling setting and its own model and stream
        JsonArray messages = new JsonArray().add(new JsonObject().put("role", "system").put("content", "Be brief."))
                .add(new JsonObject().put("role", "user").put("content", "Name a colour."));
        Path file = Files.writeString(dir.resolve("batch.jsonl"), new JsonObject().put("custom_id", "a")
                .put("url", "/v1/chat/completions").put("body", new JsonObject().put("model", "theirs")
                        .put("messages", messages).put("max_tokens", 12).put("top_p", 0.9).put("stream", false))
                .encode());
        Workload.Replay replay = new Workload.Replay(DatasetReader.read(file, true), true);
        PromptPlan plan = generator(replay, 0).plan(0);

        // When
        JsonObject chat = new RequestBodies(Endpoint.CHAT, "ours", true, true).encode(plan).toJsonObject();
        JsonObject completion = new RequestBodies(Endpoint.COMPLETIONS, "ours", false, true).encode(plan)
                .toJsonObject();

        // Then the messages and top_p are the recorded ones; model, max_tokens and streaming are the run's
        assertThat(chat.getJsonArray("messages")).isEqualTo(messages);
        assertThat(chat.getDouble("top_p")).isEqualTo(0.9);
        assertThat(chat.getString("model")).isEqualTo("ours");
        assertThat(chat.getInteger("max_tokens")).isEqualTo(12);
        assertThat(chat.getBoolean("ignore_eos")).isTrue();
        assertThat(chat.getBoolean("stream")).isTrue();
        assertThat(chat.getJsonObject("stream_options").getBoolean("include_usage")).isTrue();
        // And the completions endpoint gets the message texts as one prompt
        assertThat(completion.getString("prompt")).isEqualTo("Be brief.\n\nName a colour.");
        assertThat(completion.containsKey("messages")).isFalse();
        assertThat(completion.getDouble("top_p")).isEqualTo(0.9);
        assertThat(completion.getBoolean("stream")).isFalse();
        // And a plan drawn for a model of a mix still names its own model
        PromptPlan mixed = new PromptPlan(0, "", plan.user(), 12, Optional.of("a0"), plan.recorded());
        assertThat(new RequestBodies(Endpoint.CHAT, "ours", true, true).encode(mixed).toJsonObject()
                .getString("model")).isEqualTo("a0");
    }
}
