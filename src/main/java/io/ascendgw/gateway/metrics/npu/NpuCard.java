package io.ascendgw.gateway.metrics.npu;

import java.util.Optional;

/**
 * One card of {@code npu-smi info -l}.
 *
 * @param npuId       NPU id to pass to {@code -i}
 * @param chipCount   chips on the card (1 on 910B, 2 on A3 and 310P Duo)
 * @param productName product name, printed by card products only
 */
public record NpuCard(int npuId, int chipCount, Optional<String> productName) {
}
