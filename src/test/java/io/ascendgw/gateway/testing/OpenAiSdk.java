package io.ascendgw.gateway.testing;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;

/** The official OpenAI SDK for Java pointed at a gateway, as a user's program would configure it. */
public final class OpenAiSdk {

    private OpenAiSdk() {
    }

    /** A client for {@code gateway}'s {@code /v1}, without the SDK's own retries (a test sees every answer). */
    public static OpenAIClient client(GatewayProcess gateway) {
        return OpenAIOkHttpClient.builder().baseUrl(gateway.baseUrl() + "/v1").apiKey("unused").maxRetries(0).build();
    }

    /** Closes the client, then the gateway; either may be null when start-up failed half-way. */
    public static void close(OpenAIClient client, GatewayProcess gateway) {
        if (client != null) {
            client.close();
        }
        if (gateway != null) {
            gateway.close();
        }
    }
}
