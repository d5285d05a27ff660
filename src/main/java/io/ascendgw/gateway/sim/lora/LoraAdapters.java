package io.ascendgw.gateway.sim.lora;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.ascendgw.gateway.sim.text.BlockHasher;

/**
 * The LoRA adapters the engine serves: those of {@code --lora-modules}, loaded at startup, and those loaded or
 * unloaded at run time. Reads are lock-free on an immutable snapshot (every request resolves its model here);
 * changes are serialised. Thread-safe.
 */
public final class LoraAdapters {

    /**
     * One loaded adapter.
     *
     * @param name   the model name requests use
     * @param path   where its weights are
     * @param parent the served base model it adapts
     * @param salt   mixed into prompt hashes: an adapter's prefix cache and answers are its own, as in vLLM, whose
     *               block hashes carry the adapter's name
     */
    public record Adapter(String name, String path, String parent, long salt) {
    }

    private final LoraSettings settings;
    private final List<String> baseModels;
    private volatile Map<String, Adapter> loaded = Map.of();

    public LoraAdapters(LoraSettings settings, List<String> baseModels) {
        this.settings = settings;
        this.baseModels = List.copyOf(baseModels);
    }

    public LoraSettings settings() {
        return settings;
    }

    /** Loads the {@code --lora-modules}; throws {@link LoraException} for the first that cannot load, as vLLM does. */
    public void loadStatic() {
        for (LoraModule module : settings.modules()) {
            load(module.name(), module.path(), module.baseModelName());
        }
    }

    /** The adapter called {@code name}, or null. */
    public Adapter find(String name) {
        return name == null ? null : loaded.get(name);
    }

    /** Loaded adapters in load order. */
    public List<Adapter> all() {
        return new ArrayList<>(loaded.values());
    }

    /**
     * Loads an adapter ({@code /v1/load_lora_adapter}); refuses as vLLM does: a missing name or path, a name already
     * loaded, LoRA not enabled, and a local path that does not exist (hub ids are taken as found).
     */
    public synchronized Adapter load(String name, String path, String baseModelName) {
        if (name == null || name.isEmpty() || path == null || path.isEmpty()) {
            throw new LoraException(400, "InvalidUserInput", "Both 'lora_name' and 'lora_path' must be provided.");
        }
        if (loaded.containsKey(name)) {
            throw new LoraException(400, "InvalidUserInput", "The lora adapter '" + name
                    + "' has already been loaded.");
        }
        if (!settings.enabled()) {
            throw new LoraException(400, "BadRequestError", "LoRA is not enabled. Use --enable-lora to enable LoRA.");
        }
        if (path.startsWith("/") && !Files.isDirectory(Path.of(path))) {
            throw new LoraException(404, "NotFoundError", "Loading lora " + name + " failed: No adapter found for "
                    + path);
        }
        String parent = baseModelName != null && baseModels.contains(baseModelName) ? baseModelName
                : baseModels.get(0);
        Adapter adapter = new Adapter(name, path, parent, BlockHasher.contentHash(name.getBytes(StandardCharsets.UTF_8)));
        Map<String, Adapter> next = new LinkedHashMap<>(loaded);
        next.put(name, adapter);
        loaded = Collections.unmodifiableMap(next);
        return adapter;
    }

    /** Unloads an adapter ({@code /v1/unload_lora_adapter}); requests already running with it finish. */
    public synchronized void unload(String name) {
        if (name == null || name.isEmpty()) {
            throw new LoraException(400, "InvalidUserInput",
                    "either 'lora_name' and 'lora_int_id' needs to be provided.");
        }
        if (!loaded.containsKey(name)) {
            throw new LoraException(404, "NotFoundError", "The lora adapter '" + name + "' cannot be found.");
        }
        Map<String, Adapter> next = new LinkedHashMap<>(loaded);
        next.remove(name);
        loaded = Collections.unmodifiableMap(next);
    }
}
