/**
 * Weft's fallback topology provider: one NUMA node holding {@code availableProcessors()} CPUs, no caches, no
 * thread pinning. It answers on every platform, so {@link dev.weft.Weft} always finds a topology. Exports nothing.
 */
module dev.weft.numa.fallback {
    requires dev.weft;

    provides dev.weft.spi.TopologyProvider with dev.weft.numa.fallback.FallbackTopologyProvider;
}
