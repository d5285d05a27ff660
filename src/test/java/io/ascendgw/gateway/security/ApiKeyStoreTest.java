package io.ascendgw.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.ascendgw.gateway.testing.TestConfig;

class ApiKeyStoreTest {

    @TempDir
    Path dir;

    @Test
    void shouldAcceptOnlyTheConfiguredKeysAsBearerTokens() {
        ApiKeyStore store = new ApiKeyStore(List.of(ApiKey.of("alice", ApiKeyStore.sha256Hex("sk-alice"), 0, 0, 0),
                ApiKey.of("bob", ApiKeyStore.sha256Hex("sk-bob").toUpperCase(), 0, 0, 0)));
        assertThat(store.authenticate("Bearer sk-alice")).map(ApiKey::name).contains("alice");
        assertThat(store.authenticate("bearer sk-bob")).map(ApiKey::name).contains("bob");
        assertThat(store.authenticate("Bearer sk-alic")).isEmpty();
        assertThat(store.authenticate("sk-alice")).isEmpty();
        assertThat(store.authenticate("Basic c2stYWxpY2U=")).isEmpty();
        assertThat(store.authenticate(null)).isEmpty();
    }

    @Test
    void shouldReadAKeysFileWithLimits() throws Exception {
        Path file = dir.resolve("keys");
        Files.writeString(file, "# name sha256 rpm tpm concurrent\n"
                + "batch " + ApiKeyStore.sha256Hex("k1") + " 600 - 32\n\n"
                + "ops " + ApiKeyStore.sha256Hex("k2") + "\n");
        List<ApiKey> keys = ApiKeyStore.parse(file, ApiKeyStore.readBytes(file));
        assertThat(keys).extracting(ApiKey::name).containsExactly("batch", "ops");
        assertThat(keys.get(0).requestsPerMinute()).isEqualTo(600);
        assertThat(keys.get(0).tokensPerMinute()).isZero();
        assertThat(keys.get(0).maxConcurrent()).isEqualTo(32);
        assertThat(new ApiKeyStore(keys).authenticate("Bearer k2")).map(ApiKey::name).contains("ops");
        assertThat(keys).extracting(ApiKey::weight).containsExactly(1.0, 1.0);
    }

    @Test
    void shouldReadAKeysWeightFromTheSixthColumnOrTheConfiguration() throws Exception {
        Path file = dir.resolve("weighted");
        Files.writeString(file, "team " + ApiKeyStore.sha256Hex("k1") + " - - - 3\n"
                + "batch " + ApiKeyStore.sha256Hex("k2") + " 600 - 32 0.5\n"
                + "ops " + ApiKeyStore.sha256Hex("k3") + " - - - -\n");
        assertThat(ApiKeyStore.parse(file, ApiKeyStore.readBytes(file))).extracting(ApiKey::weight)
                .containsExactly(3.0, 0.5, 1.0);
        assertThat(ApiKeyStore.configured(TestConfig.of("gateway.security.keys.team.sha256",
                ApiKeyStore.sha256Hex("k1"), "gateway.security.keys.team.weight", "2.5").security()))
                .extracting(ApiKey::weight).containsExactly(2.5);
        for (String weight : List.of("0", "-1", "Infinity", "NaN")) {
            Files.writeString(file, "team " + ApiKeyStore.sha256Hex("k1") + " - - - " + weight + "\n");
            assertThatThrownBy(() -> ApiKeyStore.parse(file, ApiKeyStore.readBytes(file))).hasMessage(file
                    + " line 1: API key 'team': weight must be a number > 0, got " + Double.parseDouble(weight));
        }
        Files.writeString(file, "team " + ApiKeyStore.sha256Hex("k1") + " - - - heavy\n");
        assertThatThrownBy(() -> ApiKeyStore.parse(file, ApiKeyStore.readBytes(file)))
                .hasMessage(file + " line 1: a weight must be a number > 0 or '-', got 'heavy'");
        assertThatThrownBy(() -> ApiKeyStore.configured(TestConfig.of("gateway.security.keys.team.sha256",
                ApiKeyStore.sha256Hex("k1"), "gateway.security.keys.team.weight", "0").security()))
                .hasMessage("API key 'team': weight must be a number > 0, got 0.0");
    }

    @Test
    void shouldRefuseMalformedConfiguration() {
        assertThatThrownBy(() -> ApiKey.of("x", "not-hex", 0, 0, 0)).hasMessageContaining("'x'");
        assertThatThrownBy(() -> ApiKey.of("x", "ab", 0, 0, 0)).hasMessageContaining("64 hex digits");
        assertThatThrownBy(() -> new ApiKeyStore(List.of(ApiKey.of("x", ApiKeyStore.sha256Hex("a"), 0, 0, 0),
                ApiKey.of("x", ApiKeyStore.sha256Hex("b"), 0, 0, 0)))).hasMessageContaining("twice");
    }
}
