package dev.weft.topology;

/** The kind of a CPU core on machines that mix them (hybrid x86, ARM big.LITTLE). */
public enum CpuKind {
    /** Only one kind of core on this machine, or the kind is not known. */
    UNIFORM,
    /** A performance core: the faster kind on a hybrid machine. */
    PERFORMANCE,
    /** An efficiency core: the smaller kind on a hybrid machine. */
    EFFICIENCY
}
