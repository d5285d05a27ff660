package io.ascendgw.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.openai.client.OpenAIClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.helpers.ChatCompletionAccumulator;
import com.openai.errors.BadRequestException;
import com.openai.errors.NotFoundException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionMessage;
import com.openai.models.chat.completions.ChatCompletionMessageFunctionToolCall;
import com.openai.models.chat.completions.ChatCompletionMessageToolCall;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.chat.completions.ChatCompletionTokenLogprob;
import com.openai.models.chat.completions.ChatCompletionToolMessageParam;
import com.openai.models.chat.completions.StructuredChatCompletionCreateParams;
import com.openai.models.completions.Completion;
import com.openai.models.completions.CompletionCreateParams;
import com.openai.models.completions.CompletionUsage;
import com.openai.models.models.Model;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseStatus;
import com.openai.models.responses.ResponseStreamEvent;
import com.openai.models.responses.StructuredResponseCreateParams;

import io.ascendgw.gateway.testing.AdminClient;
import io.ascendgw.gateway.testing.GatewayProcess;
import io.ascendgw.gateway.testing.OpenAiSdk;

/**
 * The official OpenAI SDK for Java (its OkHttp client and its own SSE parser) against the packaged gateway with its
 * embedded simulated engines, the way a user's Java program calls it: the same checks as the Node SDK's test, the
 * Responses API included.
 */
class OpenAiJavaSdkIT {

    private static final String MODEL = "qwen2.5-3b-instruct";

    @TempDir
    static Path dir;

    static GatewayProcess gateway;
    static OpenAIClient client;

    @BeforeAll
    static void start() {
        gateway = GatewayProcess.builder(dir).start().awaitReady(Duration.ofSeconds(90));
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(90)).until(() -> new AdminClient(gateway)
                .engines().stream().allMatch(e -> "ready".equals(e.getString("state"))));
        client = OpenAiSdk.client(gateway);
    }

    @AfterAll
    static void stop() {
        OpenAiSdk.close(client, gateway);
    }

    private static ChatCompletionCreateParams chat(long maxTokens) {
        return ChatCompletionCreateParams.builder().model(MODEL).addUserMessage("Write one sentence about the sea.")
                .maxTokens(maxTokens).seed(3).build();
    }

    @Test
    void shouldListTheServedModel() {
        List<String> ids = client.models().list().autoPager().stream().map(Model::id).toList();

        assertThat(ids).contains(MODEL);
    }

    @Test
    void shouldCompleteAChatAndStreamTheSameTextWithAUsageChunk() {
        // When the same chat is asked for whole and streamed with include_usage
        ChatCompletion whole = client.chat().completions().create(chat(16));
        StringBuilder text = new StringBuilder();
        List<CompletionUsage> usages = new ArrayList<>();
        List<String> finishes = new ArrayList<>();
        ChatCompletionCreateParams streamed = chat(16).toBuilder()
                .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build()).build();
        try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(streamed)) {
            stream.stream().forEach(chunk -> {
                chunk.choices().forEach(choice -> {
                    choice.delta().content().ifPresent(text::append);
                    choice.finishReason().ifPresent(reason -> finishes.add(reason.asString()));
                });
                chunk.usage().ifPresent(usages::add);
            });
        }

        // Then the whole answer is a chat completion with its usage, and the stream carries the same text
        assertThat(whole.id()).startsWith("chatcmpl-");
        ChatCompletion.Choice choice = whole.choices().get(0);
        assertThat(choice.message().content()).hasValueSatisfying(content -> assertThat(content).isNotEmpty());
        CompletionUsage usage = whole.usage().orElseThrow();
        assertThat(usage.totalTokens()).isEqualTo(usage.promptTokens() + usage.completionTokens());
        assertThat(text.toString()).isEqualTo(choice.message().content().orElseThrow());
        assertThat(finishes).containsExactly(choice.finishReason().asString());
        assertThat(usages).singleElement()
                .satisfies(u -> assertThat(u.completionTokens()).isEqualTo(usage.completionTokens()));
    }

    @Test
    void shouldAnswerTheResponsesApiWholeAndAsTypedEventsThatTheSdksModelsRead() {
        // When the same Responses API request is made whole and streamed
        ResponseCreateParams params = ResponseCreateParams.builder().model(MODEL).instructions("Answer in one sentence.")
                .input("What colour is the sea?").maxOutputTokens(12).build();
        Response whole = client.responses().create(params);
        StringBuilder text = new StringBuilder();
        List<Response> completed = new ArrayList<>();
        List<Long> sequence = new ArrayList<>();
        try (StreamResponse<ResponseStreamEvent> stream = client.responses().createStreaming(params)) {
            stream.stream().forEach(event -> {
                event.outputTextDelta().ifPresent(delta -> {
                    text.append(delta.delta());
                    sequence.add(delta.sequenceNumber());
                });
                event.completed().ifPresent(done -> completed.add(done.response()));
            });
        }

        // Then the SDK reads the response object, and the deltas add up to its text
        assertThat(whole.id()).startsWith("resp_");
        assertThat(whole.status()).hasValue(ResponseStatus.COMPLETED);
        String answer = whole.output().get(0).asMessage().content().get(0).asOutputText().text();
        assertThat(answer).isNotEmpty();
        assertThat(text.toString()).isEqualTo(answer);
        assertThat(sequence).isSorted().doesNotHaveDuplicates();
        assertThat(completed).singleElement().satisfies(r -> assertThat(r.usage().orElseThrow().outputTokens())
                .isEqualTo(whole.usage().orElseThrow().outputTokens()));
    }

    /** What a synthetic-data script asks the model for, as the SDK turns a class into a strict JSON schema. */
    public static class Film {
        public String title;
        public int year;
        public List<Genre> genres;
        public Director director;
    }

    public static class Director {
        public String name;
        public Optional<String> nationality;
    }

    public enum Genre { DRAMA, COMEDY, NOIR }

    @Test
    void shouldParseStructuredOutputsIntoTheSdksClassesWhenAClassIsTheFormat() {
        // When a chat and a Responses API request name a Java class as their output format (the SDK derives a strict
        // JSON schema from it, sends it as response_format / text.format, and parses the answer back into the class)
        StructuredChatCompletionCreateParams<Film> chat = ChatCompletionCreateParams.builder().model(MODEL)
                .addUserMessage("Invent a film.").responseFormat(Film.class).build();
        List<Film> fromChat = client.chat().completions().create(chat).choices().stream()
                .flatMap(choice -> choice.message().content().stream()).toList();
        StructuredResponseCreateParams<Film> response = ResponseCreateParams.builder().model(MODEL)
                .input("Invent another film.").text(Film.class).build();
        List<Film> fromResponses = client.responses().create(response).output().stream()
                .flatMap(item -> item.message().stream()).flatMap(message -> message.content().stream())
                .flatMap(content -> content.outputText().stream()).toList();

        // Then each answer is a film the SDK could read, every field filled as the schema demands
        assertThat(fromChat).hasSize(1);
        assertThat(fromResponses).hasSize(1);
        for (Film film : List.of(fromChat.get(0), fromResponses.get(0))) {
            assertThat(film.title).isNotEmpty();
            assertThat(film.genres).isNotNull().doesNotContainNull();
            assertThat(film.director.name).isNotEmpty();
            assertThat(film.director.nationality).isNotNull();
        }
    }

    /** A tool as the SDK derives it from a class (function name GetWeather, parameters from the fields). */
    public static class GetWeather {
        public String city;
        public int days;
    }

    @Test
    void shouldRunAnAgentLoopWithToolCallsWholeAndStreamedWhenTheModelChoosesATool() {
        // Given a chat offering one tool, as agent frameworks send it (tool_choice left to the model)
        ChatCompletionCreateParams.Builder conversation = ChatCompletionCreateParams.builder().model(MODEL)
                .addUserMessage("What is the weather in Hangzhou for the next days?").addTool(GetWeather.class);

        // When the model answers, whole and streamed (the SDK's accumulator rebuilds the streamed message)
        ChatCompletion first = client.chat().completions().create(conversation.build());
        ChatCompletionAccumulator accumulator = ChatCompletionAccumulator.create();
        try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions()
                .createStreaming(conversation.build())) {
            stream.stream().forEach(accumulator::accumulate);
        }
        ChatCompletionMessage asked = first.choices().get(0).message();
        ChatCompletionMessageFunctionToolCall call = asked.toolCalls().orElseThrow().get(0).asFunction();
        ChatCompletionMessageFunctionToolCall streamedCall = accumulator.chatCompletion().choices().get(0).message()
                .toolCalls().orElseThrow().get(0).asFunction();
        // and then is given the tool's result
        conversation.addMessage(asked).addMessage(ChatCompletionToolMessageParam.builder().toolCallId(call.id())
                .content("22 degrees and sunny").build());
        ChatCompletion answer = client.chat().completions().create(conversation.build());

        // Then it called the tool with arguments the SDK parses into the class, streamed alike, and then answered
        assertThat(first.choices().get(0).finishReason().asString()).isEqualTo("tool_calls");
        assertThat(call.function().name()).isEqualTo("GetWeather");
        assertThat(call.function().arguments(GetWeather.class).city).isNotEmpty();
        assertThat(streamedCall.function().name()).isEqualTo("GetWeather");
        assertThat(streamedCall.function().arguments(GetWeather.class).city).isNotEmpty();
        assertThat(accumulator.chatCompletion().choices().get(0).finishReason().asString()).isEqualTo("tool_calls");
        assertThat(answer.choices().get(0).message().content()).hasValueSatisfying(t -> assertThat(t).isNotEmpty());
        assertThat(answer.choices().get(0).finishReason().asString()).isEqualTo("stop");
    }

    /** A second tool, so the model may call both at once. */
    public static class GetTime {
        public String zone;
    }

    @Test
    void shouldRebuildParallelToolCallsFromTheStreamAsTheWholeAnswerHasThem() {
        int parallel = 0;
        for (String city : List.of("Hangzhou", "Beijing", "Shenzhen", "Chengdu", "Wuhan", "Nanjing", "Suzhou",
                "Xiamen", "Dalian", "Qingdao")) {
            // Given a chat offering two tools, the model choosing
            ChatCompletionCreateParams params = ChatCompletionCreateParams.builder().model(MODEL)
                    .addUserMessage("Weather and local time in " + city + "?").addTool(GetWeather.class)
                    .addTool(GetTime.class).seed(3).build();

            // When it answers whole and streamed (the SDK's accumulator rebuilds the streamed calls)
            List<ChatCompletionMessageToolCall> whole = client.chat().completions().create(params).choices().get(0)
                    .message().toolCalls().orElseThrow();
            ChatCompletionAccumulator accumulator = ChatCompletionAccumulator.create();
            try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(params)) {
                stream.stream().forEach(accumulator::accumulate);
            }
            List<ChatCompletionMessageToolCall> streamed = accumulator.chatCompletion().choices().get(0).message()
                    .toolCalls().orElseThrow();

            // Then the stream holds the same calls, in order, with arguments the SDK parses into the classes
            assertThat(streamed).hasSameSizeAs(whole);
            for (int i = 0; i < whole.size(); i++) {
                ChatCompletionMessageFunctionToolCall.Function expected = whole.get(i).asFunction().function();
                ChatCompletionMessageFunctionToolCall.Function got = streamed.get(i).asFunction().function();
                assertThat(got.name()).isEqualTo(expected.name());
                assertThat(got.arguments()).isEqualTo(expected.arguments());
                Object parsed = got.name().equals("GetTime") ? got.arguments(GetTime.class)
                        : got.arguments(GetWeather.class);
                assertThat(parsed).isNotNull();
            }
            if (whole.size() == 2) {
                parallel++;
                assertThat(whole.get(0).asFunction().function().name())
                        .isNotEqualTo(whole.get(1).asFunction().function().name());
            }
        }
        // and some of the answers called both tools at once
        assertThat(parallel).isPositive();
    }

    @Test
    void shouldStreamWithoutAUsageChunkWhenNoneIsAskedFor() {
        List<Optional<CompletionUsage>> usages = new ArrayList<>();
        try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(chat(8))) {
            stream.stream().forEach(chunk -> usages.add(chunk.usage()));
        }

        assertThat(usages).hasSizeGreaterThan(1).allMatch(Optional::isEmpty);
    }

    @Test
    void shouldCompleteAPromptWholeAndStreamedWithAVllmExtraPassedThrough() {
        // Given ignore_eos, a vLLM extra the SDK does not know, so that exactly max_tokens come back
        CompletionCreateParams params = CompletionCreateParams.builder().model(MODEL).prompt("The sea is")
                .maxTokens(6).putAdditionalBodyProperty("ignore_eos", JsonValue.from(true)).build();

        Completion whole = client.completions().create(params);
        StringBuilder text = new StringBuilder();
        List<CompletionUsage> usages = new ArrayList<>();
        try (StreamResponse<Completion> stream = client.completions().createStreaming(params.toBuilder()
                .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build()).build())) {
            stream.stream().forEach(chunk -> {
                chunk.choices().forEach(choice -> text.append(choice.text()));
                chunk.usage().ifPresent(usages::add);
            });
        }

        assertThat(whole.usage().orElseThrow().completionTokens()).isEqualTo(6);
        assertThat(whole.choices().get(0).finishReason().asString()).isEqualTo("length");
        assertThat(text.toString()).isEqualTo(whole.choices().get(0).text());
        assertThat(usages).singleElement().satisfies(u -> assertThat(u.completionTokens()).isEqualTo(6));
    }

    @Test
    void shouldCarryTheSameTokenLogprobsWholeAndStreamedWhenTwentyCandidatesAreAskedFor() {
        // Given twenty candidates per token: every streamed event is a few KiB, relayed as it comes
        ChatCompletionCreateParams params = chat(24).toBuilder().logprobs(true).topLogprobs(20).build();

        // When
        ChatCompletion whole = client.chat().completions().create(params);
        List<ChatCompletionTokenLogprob> streamed = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(params)) {
            stream.stream().flatMap(chunk -> chunk.choices().stream()).forEach(choice -> {
                choice.delta().content().ifPresent(text::append);
                choice.logprobs().flatMap(ChatCompletionChunk.Choice.Logprobs::content).ifPresent(streamed::addAll);
            });
        }

        // Then the SDK reads the same tokens, logprobs and candidates from both, and the tokens spell the text
        List<ChatCompletionTokenLogprob> content = whole.choices().get(0).logprobs().orElseThrow().content()
                .orElseThrow();
        assertThat(content).isNotEmpty();
        assertThat(content).allSatisfy(t -> {
            assertThat(t.topLogprobs()).hasSize(20);
            assertThat(t.topLogprobs().get(0).token()).isEqualTo(t.token());
            assertThat(t.logprob()).isNegative();
        });
        assertThat(streamed).extracting(ChatCompletionTokenLogprob::token)
                .containsExactlyElementsOf(content.stream().map(ChatCompletionTokenLogprob::token).toList());
        assertThat(streamed).extracting(ChatCompletionTokenLogprob::logprob)
                .containsExactlyElementsOf(content.stream().map(ChatCompletionTokenLogprob::logprob).toList());
        assertThat(text.toString()).isEqualTo(whole.choices().get(0).message().content().orElseThrow());
        assertThat(String.join("", content.stream().map(ChatCompletionTokenLogprob::token).toList()))
                .startsWith(text.toString());
    }

    @Test
    void shouldRaiseTheSdksTypedErrorsWithTheGatewaysAndTheEnginesDetails() {
        // When a model nobody serves is asked for, and a request the engine refuses is sent
        NotFoundException unknown = catchThrowableOfType(NotFoundException.class, () -> client.chat().completions()
                .create(chat(4).toBuilder().model("no-such-model").build()));
        BadRequestException refused = catchThrowableOfType(BadRequestException.class, () -> client.completions()
                .create(CompletionCreateParams.builder().model(MODEL).prompt("x").maxTokens(10_000_000).build()));

        // Then the SDK raises its own exception types, with OpenAI's code and param, and the engine's message
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.code()).hasValue("model_not_found");
        assertThat(unknown.param()).hasValue("model");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.getMessage()).contains("maximum context length");
    }
}
