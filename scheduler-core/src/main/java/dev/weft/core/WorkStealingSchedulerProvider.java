package dev.weft.core;

import dev.weft.AffinityMode;
import dev.weft.PoolConfig;
import dev.weft.WeftPool;
import dev.weft.spi.SchedulerProvider;
import dev.weft.spi.ThreadAffinity;
import dev.weft.spi.TopologyProvider;
import dev.weft.topology.CpuSet;
import dev.weft.topology.Topology;

import java.util.Map;
import java.util.Objects;
import java.util.WeakHashMap;

/**
 * The work-stealing scheduler, found by {@link java.util.ServiceLoader} as {@code work-stealing}.
 */
public final class WorkStealingSchedulerProvider implements SchedulerProvider {

    /** Detected topologies by provider: the machine does not change under a process, detection reads many files. */
    private static final Map<TopologyProvider, Topology> DETECTED = new WeakHashMap<>();

    /** Creates the provider (called by {@link java.util.ServiceLoader}). */
    public WorkStealingSchedulerProvider() {
    }

    @Override
    public String name() {
        return "work-stealing";
    }

    @Override
    public int priority() {
        return 100;
    }

    @Override
    public boolean isSupported() {
        return true;
    }

    /**
     * Builds and starts a pool.
     *
     * @throws IllegalArgumentException when {@code config} injects a topology and asks for an affinity mode other
     *                                  than NONE while some CPU of that topology is not allowed on this machine
     */
    @Override
    public WeftPool create(PoolConfig config, TopologyProvider topologyProvider) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(topologyProvider, "topologyProvider");
        ThreadAffinity affinity = topologyProvider.affinity();
        Topology topology;
        if (config.topology().isPresent()) {
            topology = config.topology().get();
            if (config.affinityMode() != AffinityMode.NONE) {
                CpuSet missing = topology.onlineCpus().minus(affinity.allowedCpus());
                if (!missing.isEmpty()) {
                    throw new IllegalArgumentException("affinityMode = " + config.affinityMode()
                            + " with an injected topology needs every CPU of that topology to be allowed here, but CPUs "
                            + missing.toList() + " are not (allowed: " + affinity.allowedCpus().toList()
                            + "): use affinityMode NONE or a topology of allowed CPUs");
                }
            }
        } else {
            synchronized (DETECTED) {
                topology = DETECTED.computeIfAbsent(topologyProvider, TopologyProvider::detect);
            }
        }
        int parallelism = config.parallelism() > 0 ? config.parallelism() : topology.defaultParallelism();
        return new WorkStealingPool(config, topology, affinity, parallelism);
    }
}
