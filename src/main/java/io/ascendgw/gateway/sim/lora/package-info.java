/**
 * LoRA adapters in the simulator: {@code --enable-lora}, {@code --lora-modules}, {@code --max-loras} and the runtime
 * {@code /v1/load_lora_adapter} / {@code /v1/unload_lora_adapter} endpoints, as vLLM serves them.
 */
package io.ascendgw.gateway.sim.lora;
