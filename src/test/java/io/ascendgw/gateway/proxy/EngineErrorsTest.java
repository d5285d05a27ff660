package io.ascendgw.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.ascendgw.gateway.api.OpenAiError;
import io.ascendgw.gateway.testing.Fixtures;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;

class EngineErrorsTest {

    @Test
    void shouldNestTheFlatErrorOfVllm073KeepingMessageAndStatus() {
        // Given vLLM 0.7.3's flat body
        Buffer flat = Buffer.buffer(Fixtures.text("vllm/error-400.json"));
        // When normalised
        OpenAiError error = EngineErrors.normalise(400, flat);
        JsonObject body = new JsonObject(error.toBuffer()).getJsonObject("error");
        // Then it is OpenAI's nested shape with the engine's message
        assertThat(error.status()).isEqualTo(400);
        assertThat(body.getString("message")).startsWith("This model's maximum context length is 8192 tokens");
        assertThat(body.getString("type")).isEqualTo("BadRequestError");
        assertThat(body.getInteger("code")).isEqualTo(400);
        assertThat(body.containsKey("param")).isTrue();
        assertThat(new JsonObject(error.toBuffer()).fieldNames()).containsExactly("error");
    }

    @Test
    void shouldKeepANestedErrorAsItIs() {
        String nested = "{\"error\":{\"message\":\"The model `x` does not exist.\",\"type\":\"NotFoundError\","
                + "\"param\":\"model\",\"code\":404}}";
        OpenAiError error = EngineErrors.normalise(404, Buffer.buffer(nested));
        assertThat(new JsonObject(error.toBuffer())).isEqualTo(new JsonObject(nested));
    }

    @Test
    void shouldTurnFastApiDetailIntoAMessage() {
        OpenAiError error = EngineErrors.normalise(415,
                Buffer.buffer("{\"detail\":\"Unsupported Media Type: Only 'application/json' is allowed\"}"));
        assertThat(error.message()).startsWith("Unsupported Media Type");
        assertThat(error.type()).isEqualTo("invalid_request_error");
    }

    @Test
    void shouldExplainAnEmptyBodyByItsStatus() {
        OpenAiError error = EngineErrors.normalise(500, Buffer.buffer());
        assertThat(error.message()).isEqualTo("The engine answered 500 Internal Server Error.");
        assertThat(error.type()).isEqualTo("api_error");
        assertThat(error.code()).isEqualTo(500);
    }
}
