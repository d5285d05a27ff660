package io.ascendgw.gateway.security;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.ascendgw.gateway.config.GatewayConfigException;

/**
 * Reads the keys file again and says whether the keys in force change. Only a change of content counts (a
 * Kubernetes Secret or ConfigMap update swaps a symlink, an editor may rewrite the file in place), and each content
 * is judged once: a file that cannot be used is reported once, not at every check, and the keys in force stay. A
 * file that would leave no key at all is refused: that would open the endpoints to anyone. Not thread-safe: one
 * checker thread calls it.
 */
final class KeysFileReloader {

    /** What one check found. */
    sealed interface Outcome {
    }

    /** The file is as it was (or as it was when last reported). */
    record Unchanged() implements Outcome {
    }

    /** The file changed and gives these keys (with the configuration's own). */
    record Changed(ApiKeyStore store) implements Outcome {
    }

    /** The file changed and cannot be used, for this reason. */
    record Refused(String reason) implements Outcome {
    }

    private static final Outcome UNCHANGED = new Unchanged();

    private final Path file;
    private final List<ApiKey> configured;
    private byte[] seen;
    private boolean unreadable;

    /**
     * @param configured the keys of the configuration itself, kept whatever the file says
     * @param content    the file's content when the keys in force were read from it
     */
    KeysFileReloader(Path file, List<ApiKey> configured, byte[] content) {
        this.file = file;
        this.configured = List.copyOf(configured);
        this.seen = content.clone();
    }

    /** Reads the file; {@code keysRequired}: keys are in force now, so a file without any is refused. */
    Outcome check(boolean keysRequired) {
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (IOException e) {
            if (unreadable) {
                return UNCHANGED;
            }
            unreadable = true;
            return new Refused(e instanceof NoSuchFileException ? "it is gone" : "it cannot be read: " + e);
        }
        unreadable = false;
        if (Arrays.equals(content, seen)) {
            return UNCHANGED;
        }
        seen = content;
        List<ApiKey> keys = new ArrayList<>(configured);
        ApiKeyStore store;
        try {
            keys.addAll(ApiKeyStore.parse(file, content));
            store = new ApiKeyStore(keys);
        } catch (GatewayConfigException e) {
            return new Refused(e.getMessage());
        }
        if (keysRequired && !store.enabled()) {
            return new Refused("it has no key, which would open the endpoints to anyone (restart the gateway to run"
                    + " without keys)");
        }
        return new Changed(store);
    }
}
