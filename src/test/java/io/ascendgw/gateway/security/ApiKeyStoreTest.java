package io.ascendgw.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
    }

    @Test
    void shouldRefuseMalformedConfiguration() {
        assertThatThrownBy(() -> ApiKey.of("x", "not-hex", 0, 0, 0)).hasMessageContaining("'x'");
        assertThatThrownBy(() -> ApiKey.of("x", "ab", 0, 0, 0)).hasMessageContaining("64 hex digits");
        assertThatThrownBy(() -> new ApiKeyStore(List.of(ApiKey.of("x", ApiKeyStore.sha256Hex("a"), 0, 0, 0),
                ApiKey.of("x", ApiKeyStore.sha256Hex("b"), 0, 0, 0)))).hasMessageContaining("twice");
    }
}
