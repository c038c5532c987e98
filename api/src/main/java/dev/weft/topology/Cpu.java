package dev.weft.topology;

/**
 * One processing unit (a hardware thread) and where it sits.
 *
 * <p>{@code packageId} and {@code coreId} are logical ids chosen by the topology provider so that two CPUs
 * share a package exactly when their {@code packageId}s are equal, and share a core exactly when both ids are
 * equal; providers derive them from the kernel's ids, or from sibling sets where the kernel reports -1.
 *
 * @param id        the kernel's CPU id
 * @param node      the id of the NUMA node holding it
 * @param packageId the package (socket) it belongs to
 * @param coreId    the core it belongs to, unique within its package
 * @param dieId     the die within the package, or -1 when unknown
 * @param clusterId the cluster (shared L2 group) within the package, or -1 when unknown
 * @param kind      the kind of core on hybrid machines, else {@link CpuKind#UNIFORM}
 * @param capacity  the kernel's relative {@code cpu_capacity} (1024 for the fastest), or -1 when unknown
 */
public record Cpu(int id, int node, int packageId, int coreId, int dieId, int clusterId, CpuKind kind, int capacity) {
    /** Validates the components. */
    public Cpu {
        if (id < 0 || id > CpuSet.MAX_CPU_ID) {
            throw new IllegalArgumentException("CPU id " + id + " is out of range: allowed 0.." + CpuSet.MAX_CPU_ID);
        }
        if (kind == null) {
            throw new IllegalArgumentException("CPU " + id + " has no kind: use CpuKind.UNIFORM when unknown");
        }
    }
}
