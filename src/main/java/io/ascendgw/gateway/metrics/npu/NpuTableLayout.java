package io.ascendgw.gateway.metrics.npu;

/** Which {@code npu-smi info} device table was parsed (ascend-npu.md §1). */
public enum NpuTableLayout {
    /** 910B (A2) and original 910: one chip per NPU, HBM column. 98 columns up to driver 25.x, 116 on 26.x. */
    HBM,
    /** Atlas A3 (910C): two dies per NPU, {@code Chip  Phy-ID} header, second die shows power {@code -}. */
    A3,
    /** 310 / 310P: {@code Chip    Device} header, no HBM, memory is on-card DDR, power {@code NA}. */
    DEVICE
}
