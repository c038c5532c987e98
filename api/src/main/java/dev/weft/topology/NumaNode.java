package dev.weft.topology;

import java.util.Objects;

/**
 * One NUMA node: its kernel id, the online CPUs it holds (possibly none: a memory-only node), and its memory.
 *
 * @param id          the kernel's node id (ids may be sparse: 0,1,4,5)
 * @param cpus        the node's online CPUs; empty for a CPU-less node
 * @param memoryBytes the node's total memory in bytes, or -1 when unknown
 */
public record NumaNode(int id, CpuSet cpus, long memoryBytes) {
    /** Validates the components. */
    public NumaNode {
        if (id < 0) {
            throw new IllegalArgumentException("NUMA node id " + id + " is negative: allowed 0 or more");
        }
        Objects.requireNonNull(cpus, "cpus");
        if (memoryBytes < -1) {
            throw new IllegalArgumentException("memoryBytes " + memoryBytes + " of node " + id + " is invalid: allowed -1 (unknown) or more");
        }
    }

    /** True when the node holds no CPU (memory only, as in memory tiers or CXL expanders). */
    public boolean isCpuless() {
        return cpus.isEmpty();
    }
}
