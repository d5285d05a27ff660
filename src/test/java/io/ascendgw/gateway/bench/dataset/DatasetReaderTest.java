package io.ascendgw.gateway.bench.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

class DatasetReaderTest {

    @TempDir
    Path dir;

    /** ASCII text of exactly {@code tokens} estimated tokens. */
    private static String text(int tokens) {
        return "word".repeat(tokens);
    }

    private static JsonObject conversation(String... turns) {
        JsonArray list = new JsonArray();
        for (int i = 0; i < turns.length; i++) {
            list.add(new JsonObject().put("from", i % 2 == 0 ? "human" : "gpt").put("value", turns[i]));
        }
        return new JsonObject().put("id", "c" + turns.length).put("conversations", list);
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }

    private Path shareGpt() throws IOException {
        JsonArray entries = new JsonArray()
                .add(conversation(text(50), text(120), text(10), text(30)))
                .add(conversation(text(200)))                  // one turn
                .add(conversation("hi", text(100)))            // prompt under 4 tokens
                .add(conversation(text(1025), text(100)))      // prompt over 1024
                .add(conversation(text(40), "ok"))             // answer under 4 tokens
                .add(conversation(text(1000), text(1049)))     // 2049 with the answer
                .add(conversation(text(1000), text(1048)));    // 2048: kept
        return write("sharegpt.json", entries.encodePrettily());
    }

    @Test
    void shouldReplayFirstTurnsAndAskForTheAnswersLengthWhenShareGpt() throws Exception {
        // When
        Dataset dataset = DatasetReader.read(shareGpt(), true);

        // Then the first turn is the prompt, the second turn's length the output, as vLLM's benchmark replays it
        assertThat(dataset.format()).isEqualTo("sharegpt");
        assertThat(dataset.records()).isEqualTo(7);
        assertThat(dataset.requests()).extracting(DatasetRequest::outputTokens)
                .containsExactly(OptionalInt.of(120), OptionalInt.of(1048));
        DatasetRequest first = dataset.requests().get(0);
        assertThat(first.prompt()).isEqualTo(text(50));
        assertThat(first.messages()).containsExactly(new JsonObject().put("role", "user").put("content", text(50)));
        assertThat(first.fields().isEmpty()).isTrue();
        // And vLLM's length filter left the others out, each counted under its reason
        assertThat(dataset.skipped()).containsExactly(
                java.util.Map.entry("with fewer than 2 turns", 1),
                java.util.Map.entry("outside 4-1024 prompt tokens", 2),
                java.util.Map.entry("with answers under 4 tokens", 1),
                java.util.Map.entry("over 2048 tokens with the answer", 1));
        assertThat(dataset.describe()).isEqualTo("sharegpt.json (sharegpt): 2 of 7 records (skipped: 1 with fewer "
                + "than 2 turns, 2 outside 4-1024 prompt tokens, 1 with answers under 4 tokens, 1 over 2048 tokens "
                + "with the answer)");
    }

    @Test
    void shouldApplyOnlyThePromptBoundsWhenTheRunSetsOutputLengths() throws Exception {
        // When output lengths come from flags, as with vLLM's --sharegpt-output-len
        Dataset dataset = DatasetReader.read(shareGpt(), false);

        // Then the short answer and the long conversation are kept; prompts outside 4-1024 tokens still are not
        assertThat(dataset.requests()).hasSize(4);
        assertThat(dataset.skipped()).containsOnlyKeys("with fewer than 2 turns", "outside 4-1024 prompt tokens");
    }

    @Test
    void shouldReadEachKindOfLineWhenJsonLines() throws Exception {
        // Given vLLM's custom lines, a chat with its recorded answer, and OpenAI batch lines, after a BOM
        String chatBatch = new JsonObject().put("custom_id", "r1").put("method", "POST")
                .put("url", "/v1/chat/completions").put("body", new JsonObject().put("model", "gpt-x")
                        .put("messages", new JsonArray()
                                .add(new JsonObject().put("role", "system").put("content", "Be brief."))
                                .add(new JsonObject().put("role", "user").put("content", new JsonArray()
                                        .add(new JsonObject().put("type", "text").put("text", "Name a colour.")))))
                        .put("max_completion_tokens", 40).put("temperature", 0.7).put("stream", true).put("n", 3)
                        .put("response_format", new JsonObject().put("type", "json_object")))
                .encode();
        Path file = write("requests.jsonl", "\uFEFF"
                + "{\"prompt\": \"What is the capital of India?\", \"output_tokens\": 10}\n"
                + "{\"prompt\": \"What is the capital of Iran?\"}\n"
                + "\n"
                + "{\"messages\": [{\"role\": \"user\", \"content\": \"Say hello.\"}, "
                + "{\"role\": \"assistant\", \"content\": \"" + text(33) + "\"}]}\n"
                + chatBatch + "\n"
                + "{\"custom_id\": \"r2\", \"url\": \"/v1/completions\", \"body\": {\"prompt\": [\"Once upon\"], "
                + "\"max_tokens\": 7, \"seed\": 3}}\n"
                + "{\"custom_id\": \"r3\", \"url\": \"/v1/embeddings\", \"body\": {\"input\": \"x\"}}\n"
                + "{\"prompt\": [1, 2, 3]}\n");

        // When
        Dataset dataset = DatasetReader.read(file, true);

        // Then
        assertThat(dataset.format()).isEqualTo("jsonl");
        assertThat(dataset.records()).isEqualTo(7);
        List<DatasetRequest> requests = dataset.requests();
        assertThat(requests).extracting(DatasetRequest::prompt).containsExactly("What is the capital of India?",
                "What is the capital of Iran?", "Say hello.", "Be brief.\n\nName a colour.", "Once upon");
        assertThat(requests).extracting(DatasetRequest::outputTokens).containsExactly(OptionalInt.of(10),
                OptionalInt.empty(), OptionalInt.of(33), OptionalInt.of(40), OptionalInt.of(7));
        // And the recorded answer is not sent, the batch messages are sent as recorded
        assertThat(requests.get(2).messages()).containsExactly(
                new JsonObject().put("role", "user").put("content", "Say hello."));
        assertThat(new JsonArray(List.copyOf(requests.get(3).messages())).encode())
                .isEqualTo(new JsonObject(chatBatch).getJsonObject("body").getJsonArray("messages").encode());
        // And a batch body's own fields are kept, but not those the load generator sets
        assertThat(requests.get(3).fields()).isEqualTo(new JsonObject().put("temperature", 0.7)
                .put("response_format", new JsonObject().put("type", "json_object")));
        assertThat(requests.get(4).fields()).isEqualTo(new JsonObject().put("seed", 3));
        assertThat(requests.get(0).fields().isEmpty()).isTrue();
        assertThat(dataset.skipped()).containsExactly(java.util.Map.entry("for other endpoints than completions", 1),
                java.util.Map.entry("with prompts of token ids or several prompts", 1));
    }

    @Test
    void shouldReadRecordsWhenAJsonArrayOfThemIsGiven() throws Exception {
        // Given
        Path file = write("prompts.json", "[{\"prompt\": \"one two three four\"},\n {\"prompt\": \"five\", "
                + "\"max_tokens\": 3}]");

        // When
        Dataset dataset = DatasetReader.read(file, true);

        // Then
        assertThat(dataset.format()).isEqualTo("json");
        assertThat(dataset.requests()).extracting(DatasetRequest::prompt).containsExactly("one two three four",
                "five");
        assertThat(dataset.requests().get(1).outputTokens()).hasValue(3);
    }

    @Test
    void shouldNameTheLineWhenARecordIsBroken() throws IOException {
        Path notJson = write("a.jsonl", "{\"prompt\": \"ok\"}\n{\"prompt\": \"broken\"\n");
        assertThatThrownBy(() -> DatasetReader.read(notJson, true)).isInstanceOf(DatasetException.class)
                .hasMessageStartingWith("dataset a.jsonl: line 2 is not one JSON object");
        Path unknown = write("b.jsonl", "{\"prompt\": \"ok\"}\n{\"question\": \"?\"}\n");
        assertThatThrownBy(() -> DatasetReader.read(unknown, true))
                .hasMessage("dataset b.jsonl: line 2 has none of \"conversations\" (ShareGPT), \"prompt\", "
                        + "\"messages\" or an OpenAI batch request's \"body\"");
        Path badLength = write("c.jsonl", "{\"prompt\": \"ok\", \"max_tokens\": \"100\"}\n");
        assertThatThrownBy(() -> DatasetReader.read(badLength, true))
                .hasMessage("dataset c.jsonl: line 1: \"max_tokens\" must be a positive integer, got \"100\"");
        Path noRole = write("d.jsonl", "{\"messages\": [{\"content\": \"hi\"}]}\n");
        assertThatThrownBy(() -> DatasetReader.read(noRole, true))
                .hasMessage("dataset d.jsonl: line 1: each message needs a \"role\"");
        Path notObject = write("e.json", "[{\"prompt\": \"ok\"},\n\"text\"]");
        assertThatThrownBy(() -> DatasetReader.read(notObject, true))
                .hasMessage("dataset e.json: element 2 (line 2) is not a JSON object");
        Path unclosed = write("f.json", "[{\"prompt\": \"ok\"},\n");
        assertThatThrownBy(() -> DatasetReader.read(unclosed, true)).hasMessageStartingWith("dataset f.json: ");
    }

    @Test
    void shouldRefuseAFileWithNothingToReplay() throws IOException {
        assertThatThrownBy(() -> DatasetReader.read(write("empty.jsonl", " \n"), true))
                .hasMessage("dataset empty.jsonl: the file is empty");
        assertThatThrownBy(() -> DatasetReader.read(write("csv.txt", "prompt,len\n"), true))
                .hasMessageStartingWith("dataset csv.txt: expected a JSON array (ShareGPT) or JSON Lines");
        assertThatThrownBy(() -> DatasetReader.read(write("short.json",
                new JsonArray().add(conversation("hi", "there"))), true))
                .hasMessage("dataset short.json: no usable record: short.json (sharegpt): 0 of 1 records "
                        + "(skipped: 1 outside 4-1024 prompt tokens)");
        assertThatThrownBy(() -> DatasetReader.read(dir.resolve("missing.json"), true))
                .hasMessage("dataset missing.json: no such file");
    }

    private Path write(String name, JsonArray content) throws IOException {
        return write(name, content.encode());
    }

    @Test
    void shouldEstimateTokensByScript() {
        assertThat(TokenEstimate.of("")).isZero();
        assertThat(TokenEstimate.of("abcd")).isEqualTo(1);
        assertThat(TokenEstimate.of("abcde")).isEqualTo(2);
        assertThat(TokenEstimate.of("你好世界")).isEqualTo(4);
        assertThat(TokenEstimate.of("ok 你好")).isEqualTo(3);
        assertThat(TokenEstimate.of("\uD83D\uDE00")).isEqualTo(1); // one emoji: one character, two chars in Java
    }
}
