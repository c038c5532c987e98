package dev.weft;

/** How a pool pins its worker threads to CPUs. */
public enum AffinityMode {
    /** No pinning: the operating system places threads (the default). */
    NONE,
    /** Each worker is pinned to the usable CPUs of its NUMA node. */
    NODE,
    /** Each worker is pinned to the usable CPUs of one core (its SMT siblings). */
    CORE
}
