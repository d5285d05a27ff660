package io.ascendgw.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeysFileReloaderTest {

    @TempDir
    Path dir;

    private static String line(String name, String key, String limits) {
        return name + " " + ApiKeyStore.sha256Hex(key) + limits + "\n";
    }

    private KeysFileReloader reloaderOf(Path file, List<ApiKey> configured) throws Exception {
        return new KeysFileReloader(file, configured, Files.readAllBytes(file));
    }

    @Test
    void shouldApplyAChangedFileOnceTogetherWithTheConfiguredKeys() throws Exception {
        // Given a file with alice's key and a configured ops key
        Path file = Files.writeString(dir.resolve("keys"), line("alice", "sk-a", ""));
        ApiKey ops = ApiKey.of("ops", ApiKeyStore.sha256Hex("sk-ops"), 0, 0, 0);
        KeysFileReloader reloader = reloaderOf(file, List.of(ops));
        // Then nothing changed yet
        assertThat(reloader.check(true)).isInstanceOf(KeysFileReloader.Unchanged.class);
        // When bob replaces alice
        Files.writeString(file, "# rotated\n" + line("bob", "sk-b", " 60 - 2"));
        KeysFileReloader.Outcome outcome = reloader.check(true);
        // Then the new store has ops and bob, not alice
        assertThat(outcome).isInstanceOf(KeysFileReloader.Changed.class);
        ApiKeyStore store = ((KeysFileReloader.Changed) outcome).store();
        assertThat(store.keys()).extracting(ApiKey::name).containsExactly("ops", "bob");
        assertThat(store.authenticate("Bearer sk-b")).map(ApiKey::requestsPerMinute).contains(60);
        assertThat(store.authenticate("Bearer sk-a")).isEmpty();
        // And the same content is not applied twice
        assertThat(reloader.check(true)).isInstanceOf(KeysFileReloader.Unchanged.class);
    }

    @Test
    void shouldReportAFileItCannotUseOnceAndApplyItsNextGoodVersion() throws Exception {
        // Given a file in use
        Path file = Files.writeString(dir.resolve("keys"), line("alice", "sk-a", ""));
        KeysFileReloader reloader = reloaderOf(file, List.of());
        // When it gets a malformed line, Then that is reported once, with the line
        Files.writeString(file, line("alice", "sk-a", "") + "bob not-a-hash\n");
        KeysFileReloader.Outcome bad = reloader.check(true);
        assertThat(bad).isInstanceOf(KeysFileReloader.Refused.class);
        assertThat(((KeysFileReloader.Refused) bad).reason()).contains("line 2");
        assertThat(reloader.check(true)).isInstanceOf(KeysFileReloader.Unchanged.class);
        // When two keys share a name, Then that is refused too
        Files.writeString(file, line("alice", "sk-a", "") + line("alice", "sk-b", ""));
        assertThat(reloader.check(true)).isInstanceOf(KeysFileReloader.Refused.class);
        // When the file is fixed, Then it is applied
        Files.writeString(file, line("alice", "sk-a", "") + line("bob", "sk-b", ""));
        assertThat(reloader.check(true)).isInstanceOf(KeysFileReloader.Changed.class);
    }

    @Test
    void shouldRefuseAFileThatWouldOpenTheEndpointsButTakeOneThatAddsTheFirstKeys() throws Exception {
        // Given keys in force from the file
        Path file = Files.writeString(dir.resolve("keys"), line("alice", "sk-a", ""));
        KeysFileReloader reloader = reloaderOf(file, List.of());
        // When the file is emptied, Then it is refused: no key would let anyone in
        Files.writeString(file, "# nobody\n");
        KeysFileReloader.Outcome emptied = reloader.check(true);
        assertThat(emptied).isInstanceOf(KeysFileReloader.Refused.class);
        assertThat(((KeysFileReloader.Refused) emptied).reason()).contains("open the endpoints");
        // And a gateway that started without keys takes the first ones
        Path fresh = Files.writeString(dir.resolve("fresh"), "");
        KeysFileReloader starting = reloaderOf(fresh, List.of());
        Files.writeString(fresh, line("alice", "sk-a", ""));
        assertThat(starting.check(false)).isInstanceOf(KeysFileReloader.Changed.class);
    }

    @Test
    void shouldReportAVanishedFileOnceAndTakeItBackWhenItReturns() throws Exception {
        // Given a file in use
        Path file = Files.writeString(dir.resolve("keys"), line("alice", "sk-a", ""));
        KeysFileReloader reloader = reloaderOf(file, List.of());
        // When it is deleted, Then that is reported once
        Files.delete(file);
        KeysFileReloader.Outcome gone = reloader.check(true);
        assertThat(gone).isInstanceOf(KeysFileReloader.Refused.class);
        assertThat(((KeysFileReloader.Refused) gone).reason()).isEqualTo("it is gone");
        assertThat(reloader.check(true)).isInstanceOf(KeysFileReloader.Unchanged.class);
        // When it comes back as it was, Then nothing changes; with new content, that is applied
        Files.writeString(file, line("alice", "sk-a", ""));
        assertThat(reloader.check(true)).isInstanceOf(KeysFileReloader.Unchanged.class);
        Files.write(file, line("carol", "sk-c", "").getBytes(StandardCharsets.UTF_8));
        assertThat(reloader.check(true)).isInstanceOf(KeysFileReloader.Changed.class);
    }

    @Test
    void shouldKeepTheLimiterOfAKeyThatDidNotChangeAndStartAfreshForOneThatDid() {
        // Given alice (2 at once) with one request in flight, and bob
        String aliceHash = ApiKeyStore.sha256Hex("sk-a");
        String bobHash = ApiKeyStore.sha256Hex("sk-b");
        KeyTable before = KeyTable.of(new ApiKeyStore(List.of(ApiKey.of("alice", aliceHash, 0, 0, 2),
                ApiKey.of("bob", bobHash, 0, 0, 1))), 0);
        assertThat(before.limiter("alice").tryAcquire(0)).isNull();
        // When bob's limit changes and carol is added
        KeyTable after = before.with(new ApiKeyStore(List.of(ApiKey.of("alice", aliceHash, 0, 0, 2),
                ApiKey.of("bob", bobHash, 0, 0, 5), ApiKey.of("carol", aliceHash.replace('a', 'b'), 0, 0, 0))), 1);
        // Then alice's in-flight request still counts, bob has his new limit, and the change is described
        assertThat(after.limiter("alice")).isSameAs(before.limiter("alice"));
        assertThat(after.limiter("alice").inFlight()).isEqualTo(1);
        assertThat(after.limiter("bob").key().maxConcurrent()).isEqualTo(5);
        assertThat(before.changesTo(after)).isEqualTo("added carol, removed none, changed bob");
        assertThat(after.changesTo(before.with(new ApiKeyStore(List.of(ApiKey.of("alice", aliceHash, 0, 0, 2))), 2)))
                .isEqualTo("added none, removed bob carol, changed none");
    }
}
