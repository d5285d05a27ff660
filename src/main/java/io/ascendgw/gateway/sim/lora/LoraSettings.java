package io.ascendgw.gateway.sim.lora;

import java.util.List;

/**
 * How the engine serves LoRA adapters.
 *
 * @param enabled         {@code --enable-lora}
 * @param modules         {@code --lora-modules}, loaded at startup
 * @param maxLoras        {@code --max-loras}: distinct adapters one batch can run (default 1)
 * @param runtimeUpdating {@code VLLM_ALLOW_RUNTIME_LORA_UPDATING} is {@code 1} or {@code true}: the server answers
 *                        {@code /v1/load_lora_adapter} and {@code /v1/unload_lora_adapter}
 */
public record LoraSettings(boolean enabled, List<LoraModule> modules, int maxLoras, boolean runtimeUpdating) {

    public static final LoraSettings NONE = new LoraSettings(false, List.of(), 1, false);

    public LoraSettings {
        modules = List.copyOf(modules);
    }
}
