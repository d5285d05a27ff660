/**
 * How Qwen's chat template writes the parts of a prompt that the simulator renders for its model and the gateway
 * renders for prefix routing alike (tool definitions, tool calls), so the two agree byte for byte from one
 * definition. Like {@code media}, it must not depend on the simulator or on any gateway package.
 */
package io.ascendgw.gateway.prompt;
