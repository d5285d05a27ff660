package io.ascendgw.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.ascendgw.gateway.testing.PlacedBytes;
import io.vertx.core.buffer.Buffer;

class RequestParserTest {

    @Test
    void shouldKeepTheClientBytesAndUnknownFields() {
        String body = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"top_k\":5,"
                + "\"guided_json\":{\"type\":\"object\"},\"repetition_penalty\":1.1,\"stream\":true}";
        InferenceRequest request = RequestParser.parse(ApiEndpoint.CHAT, Buffer.buffer(body));
        assertThat(request.model()).isEqualTo("m");
        assertThat(request.stream()).isTrue();
        assertThat(request.usageRequested()).isFalse();
        assertThat(request.upstreamBody().toString()).isEqualTo(body);
    }

    @Test
    void shouldParseOnlyTheBufferedBytesWhereverTheyLie() {
        // Given the same body at an offset inside a larger heap array, and in off-heap memory
        byte[] body = "{\"model\":\"m\",\"prompt\":\"x\"}".getBytes(StandardCharsets.UTF_8);

        // Then each parses as that body, and the engine gets exactly its bytes
        for (Buffer raw : PlacedBytes.atAnOffsetAndOffHeap(body, (byte) '}')) {
            InferenceRequest request = RequestParser.parse(ApiEndpoint.COMPLETIONS, raw);
            assertThat(request.model()).isEqualTo("m");
            assertThat(request.upstreamBody().getBytes()).isEqualTo(body);
        }
    }

    @Test
    void shouldTreatAPresentStreamOptionsObjectAsAskingForUsage() {
        InferenceRequest request = RequestParser.parse(ApiEndpoint.COMPLETIONS,
                Buffer.buffer("{\"prompt\":\"x\",\"stream\":true,\"stream_options\":{}}"));
        assertThat(request.usageRequested()).isTrue();
    }

    @Test
    void shouldForceUsageWithoutTouchingOtherFields() {
        InferenceRequest request = RequestParser.parse(ApiEndpoint.COMPLETIONS,
                Buffer.buffer("{\"prompt\":\"x\",\"stream\":true,\"top_k\":3}"));
        InferenceRequest forced = request.withUsageForced();
        assertThat(forced.usageInjected()).isTrue();
        assertThat(forced.upstreamBody().toString())
                .isEqualTo("{\"prompt\":\"x\",\"stream\":true,\"top_k\":3,\"stream_options\":{\"include_usage\":true}}");
        assertThat(request.usageInjected()).isFalse();
    }

    @Test
    void shouldKeepTheClientsOtherStreamOptionsWhenUsageIsForced() {
        // Given a client that set include_usage to false and asked for continuous usage stats
        InferenceRequest request = RequestParser.parse(ApiEndpoint.COMPLETIONS, Buffer.buffer("{\"prompt\":\"x\","
                + "\"stream\":true,\"stream_options\":{\"include_usage\":false,\"continuous_usage_stats\":true}}"));

        // When
        InferenceRequest forced = request.withUsageForced();

        // Then the engine is asked for usage, the other option stays, and the relay will drop the usage chunk
        assertThat(request.usageRequested()).isFalse();
        assertThat(forced.upstreamBody().toString()).isEqualTo("{\"prompt\":\"x\",\"stream\":true,\"stream_options\":"
                + "{\"include_usage\":true,\"continuous_usage_stats\":true}}");
        assertThat(forced.usageInjected()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "empty body                | CHAT        |                                                   | ",
        "not json                  | CHAT        | {model:                                           | ",
        "array                     | CHAT        | []                                                | ",
        "missing messages          | CHAT        | {\"model\":\"m\"}                                 | messages",
        "empty messages            | CHAT        | {\"messages\":[]}                                 | messages",
        "message without role      | CHAT        | {\"messages\":[{\"content\":\"x\"}]}              | messages",
        "model not a string        | CHAT        | {\"model\":7,\"messages\":[{\"role\":\"user\"}]}  | model",
        "stream not a boolean      | CHAT        | {\"stream\":\"yes\",\"messages\":[{\"role\":\"u\"}]} | stream",
        "missing prompt            | COMPLETIONS | {\"model\":\"m\"}                                 | prompt",
        "prompt a number           | COMPLETIONS | {\"prompt\":5}                                    | prompt",
        "stream_options not object | COMPLETIONS | {\"prompt\":\"x\",\"stream_options\":1}           | stream_options",
        "duplicate key             | COMPLETIONS | {\"prompt\":\"x\",\"prompt\":\"y\"}              | ",
        "n too large               | COMPLETIONS | {\"prompt\":\"x\",\"n\":1000000}                | n",
        "n zero                    | COMPLETIONS | {\"prompt\":\"x\",\"n\":0}                      | n",
        "n a string                | COMPLETIONS | {\"prompt\":\"x\",\"n\":\"2\"}                  | n",
        "best_of too large         | COMPLETIONS | {\"prompt\":\"x\",\"best_of\":99}                | best_of",
        "huge number               | COMPLETIONS | {\"prompt\":\"x\",\"max_tokens\":1000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000} | ",
    })
    void shouldRejectWithA400NamingTheProblem(String name, ApiEndpoint endpoint, String body, String param) {
        assertThatThrownBy(() -> RequestParser.parse(endpoint, Buffer.buffer(body == null ? "" : body)))
                .isInstanceOfSatisfying(OpenAiException.class, e -> {
                    assertThat(e.error().status()).isEqualTo(400);
                    assertThat(e.error().type()).isEqualTo("invalid_request_error");
                    assertThat(e.error().param()).isEqualTo(param);
                    assertThat(e.error().message()).isNotBlank();
                });
    }

    @Test
    void shouldRejectDeepNesting() {
        String deep = "{\"prompt\":\"x\",\"a\":" + "[".repeat(5000) + "]".repeat(5000) + "}";
        assertThatThrownBy(() -> RequestParser.parse(ApiEndpoint.COMPLETIONS, Buffer.buffer(deep)))
                .isInstanceOf(OpenAiException.class);
    }

    @Test
    void shouldRejectInvalidUtf8() {
        Buffer body = Buffer.buffer("{\"prompt\":\"").appendBytes(new byte[] {(byte) 0xC3, (byte) 0x28})
                .appendString("\"}");
        assertThatThrownBy(() -> RequestParser.parse(ApiEndpoint.COMPLETIONS, body))
                .isInstanceOf(OpenAiException.class);
    }

    @Test
    void shouldTakeAPromptOrMessagesForTokenizeAndTokenIdsForDetokenizeAndNeverAStream() {
        // When
        InferenceRequest prompt = RequestParser.parse(ApiEndpoint.TOKENIZE,
                Buffer.buffer("{\"model\":\"m\",\"prompt\":\"hello\",\"stream\":true}"));
        InferenceRequest messages = RequestParser.parse(ApiEndpoint.TOKENIZE,
                Buffer.buffer("{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"));
        InferenceRequest ids = RequestParser.parse(ApiEndpoint.DETOKENIZE,
                Buffer.buffer("{\"model\":\"m\",\"tokens\":[1,2,3]}"));

        // Then
        assertThat(prompt.model()).isEqualTo("m");
        assertThat(prompt.stream()).isFalse();
        assertThat(messages.model()).isNull();
        assertThat(ids.upstreamBody().toString()).isEqualTo("{\"model\":\"m\",\"tokens\":[1,2,3]}");
        assertThat(refusal(ApiEndpoint.TOKENIZE, "{\"model\":\"m\"}")).isEqualTo("prompt");
        assertThat(refusal(ApiEndpoint.TOKENIZE, "{\"prompt\":[1,2]}")).isEqualTo("prompt");
        assertThat(refusal(ApiEndpoint.TOKENIZE, "{\"messages\":[]}")).isEqualTo("messages");
        assertThat(refusal(ApiEndpoint.DETOKENIZE, "{\"model\":\"m\"}")).isEqualTo("tokens");
        assertThat(refusal(ApiEndpoint.DETOKENIZE, "{\"tokens\":\"1 2\"}")).isEqualTo("tokens");
        assertThat(refusal(ApiEndpoint.DETOKENIZE, "{\"tokens\":[1,2.5]}")).isEqualTo("tokens");
    }

    @Test
    void shouldTakeAnInputOrMessagesForEmbeddingsAndPassTheRestUntouched() {
        // When
        InferenceRequest strings = RequestParser.parse(ApiEndpoint.EMBEDDINGS,
                Buffer.buffer("{\"model\":\"e\",\"input\":[\"a\",\"b\"],\"encoding_format\":\"base64\"}"));

        // Then
        assertThat(strings.model()).isEqualTo("e");
        assertThat(strings.stream()).isFalse();
        assertThat(strings.upstreamBody().toString()).contains("\"encoding_format\":\"base64\"");
        assertThat(RequestParser.parse(ApiEndpoint.EMBEDDINGS, Buffer.buffer("{\"input\":[[1,2],[3]]}")).model())
                .isNull();
        assertThat(RequestParser.parse(ApiEndpoint.EMBEDDINGS, Buffer.buffer("{\"messages\":[{\"role\":\"user\"}]}"))
                .endpoint()).isEqualTo(ApiEndpoint.EMBEDDINGS);
        assertThat(refusal(ApiEndpoint.EMBEDDINGS, "{\"model\":\"e\"}")).isEqualTo("input");
        assertThat(refusal(ApiEndpoint.EMBEDDINGS, "{\"input\":[]}")).isEqualTo("input");
        assertThat(refusal(ApiEndpoint.EMBEDDINGS, "{\"input\":42}")).isEqualTo("input");
        for (ApiEndpoint pooling : new ApiEndpoint[] {ApiEndpoint.POOLING, ApiEndpoint.CLASSIFY}) {
            assertThat(RequestParser.parse(pooling, Buffer.buffer("{\"model\":\"r\",\"input\":[\"a\"]}")).model())
                    .isEqualTo("r");
            assertThat(RequestParser.parse(pooling, Buffer.buffer("{\"messages\":[{\"role\":\"user\"}]}")).model())
                    .isNull();
            assertThat(refusal(pooling, "{\"model\":\"r\"}")).isEqualTo("input");
        }
    }

    @Test
    void shouldTakeAResponsesInputAndNeverForceUsageIntoItsStream() {
        // When
        InferenceRequest streamed = RequestParser.parse(ApiEndpoint.RESPONSES,
                Buffer.buffer("{\"model\":\"m\",\"input\":\"hi\",\"stream\":true,\"user\":\"u\",\"store\":false}"));

        // Then it streams, names its user, asks for no usage chunk and the engine gets the client's bytes
        assertThat(streamed.stream()).isTrue();
        assertThat(streamed.user()).isEqualTo("u");
        assertThat(streamed.usageRequested()).isFalse();
        assertThat(streamed.usageInjected()).isFalse();
        assertThat(streamed.upstreamBody()).isSameAs(streamed.raw());
        assertThat(RequestParser.parse(ApiEndpoint.RESPONSES, Buffer.buffer("{\"input\":[{\"role\":\"user\","
                + "\"content\":\"x\"}],\"n\":99}")).stream()).isFalse();
        assertThat(refusal(ApiEndpoint.RESPONSES, "{\"model\":\"m\"}")).isEqualTo("input");
        assertThat(refusal(ApiEndpoint.RESPONSES, "{\"input\":[]}")).isEqualTo("input");
        assertThat(refusal(ApiEndpoint.RESPONSES, "{\"input\":{\"role\":\"user\"}}")).isEqualTo("input");
        assertThat(refusal(ApiEndpoint.RESPONSES, "{\"input\":\"x\",\"stream\":\"yes\"}")).isEqualTo("stream");
    }

    @Test
    void shouldTakeTextsToScoreAndAQueryWithDocumentsToRerankUnderEachPath() {
        // When / Then
        for (ApiEndpoint score : new ApiEndpoint[] {ApiEndpoint.SCORE, ApiEndpoint.SCORE_V1}) {
            assertThat(RequestParser.parse(score, Buffer.buffer("{\"model\":\"r\",\"text_1\":\"a\","
                    + "\"text_2\":[\"b\",\"c\"]}")).model()).isEqualTo("r");
            assertThat(refusal(score, "{\"text_2\":\"b\"}")).isEqualTo("text_1");
            assertThat(refusal(score, "{\"text_1\":\"a\",\"text_2\":[]}")).isEqualTo("text_2");
        }
        for (ApiEndpoint rerank : new ApiEndpoint[] {ApiEndpoint.RERANK, ApiEndpoint.RERANK_V1, ApiEndpoint.RERANK_V2}) {
            assertThat(RequestParser.parse(rerank, Buffer.buffer("{\"query\":\"q\",\"documents\":[\"d\"],"
                    + "\"top_n\":1}")).stream()).isFalse();
            assertThat(refusal(rerank, "{\"documents\":[\"d\"]}")).isEqualTo("query");
            assertThat(refusal(rerank, "{\"query\":7,\"documents\":[\"d\"]}")).isEqualTo("query");
            assertThat(refusal(rerank, "{\"query\":\"q\"}")).isEqualTo("documents");
            assertThat(refusal(rerank, "{\"query\":\"q\",\"documents\":42}")).isEqualTo("documents");
        }
    }

    /** The {@code param} a refused body is blamed on. */
    private static String refusal(ApiEndpoint endpoint, String body) {
        try {
            RequestParser.parse(endpoint, Buffer.buffer(body));
        } catch (OpenAiException e) {
            assertThat(e.error().status()).isEqualTo(400);
            return e.error().param();
        }
        throw new AssertionError("accepted " + body);
    }

    @Test
    void shouldRefuseAnNOrBestOfAboveTheLimitNamingTheSettingAndNonsenseAsSuch() {
        // When
        OpenAiException above = catchThrowableOfType(OpenAiException.class,
                () -> RequestParser.parse(ApiEndpoint.CHAT, Buffer.buffer("{\"messages\":[{\"role\":\"user\"}],"
                        + "\"n\":32}"), 16));

        // Then
        assertThat(above.error().param()).isEqualTo("n");
        assertThat(above.error().message()).isEqualTo("'n' is 32, above this gateway's limit of 16 choices per "
                + "request (gateway.proxy.max-n).");
        assertThat(refusal(ApiEndpoint.COMPLETIONS, "{\"prompt\":\"x\",\"best_of\":0}")).isEqualTo("best_of");
        assertThat(refusal(ApiEndpoint.COMPLETIONS, "{\"prompt\":\"x\",\"n\":1.5}")).isEqualTo("n");
        assertThat(RequestParser.parse(ApiEndpoint.COMPLETIONS, Buffer.buffer("{\"prompt\":\"x\",\"n\":16}"), 16)
                .body().get("n").asInt()).isEqualTo(16);
    }
}
