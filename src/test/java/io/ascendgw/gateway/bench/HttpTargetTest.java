package io.ascendgw.gateway.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HttpTargetTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "http://127.0.0.1:8000,127.0.0.1,8000,false,/v1/models",
        "http://localhost,localhost,80,false,/v1/models",
        "https://lb.example/llm/,lb.example,443,true,/llm/v1/models",
        "http://[::1]:9000/p,::1,9000,false,/p/v1/models",
    })
    void shouldSplitBaseUrlWhenParsing(String url, String host, int port, boolean ssl, String modelsUri) {
        // When
        HttpTarget target = HttpTarget.of(URI.create(url));

        // Then
        assertThat(target.host()).isEqualTo(host);
        assertThat(target.port()).isEqualTo(port);
        assertThat(target.ssl()).isEqualTo(ssl);
        assertThat(target.uri("/v1/models")).isEqualTo(modelsUri);
    }
}
