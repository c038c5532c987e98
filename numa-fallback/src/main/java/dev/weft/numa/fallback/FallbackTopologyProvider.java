package dev.weft.numa.fallback;

import dev.weft.spi.ThreadAffinity;
import dev.weft.spi.TopologyProvider;
import dev.weft.topology.Cpu;
import dev.weft.topology.CpuKind;
import dev.weft.topology.CpuSet;
import dev.weft.topology.NumaNode;
import dev.weft.topology.Topology;

/**
 * The provider of last resort ({@code fallback}, priority {@link Integer#MIN_VALUE}, always supported): one
 * NUMA node 0 holding CPUs {@code 0..availableProcessors()-1}, each its own core in one package, no caches, no
 * CPU quota (the JVM's {@code availableProcessors()} already honours container limits), memory unknown (-1),
 * and no thread pinning ({@link ThreadAffinity#unsupported}). It reads no recorded trees.
 *
 * <p>Found by {@link java.util.ServiceLoader}; applications do not name this class.
 */
public final class FallbackTopologyProvider implements TopologyProvider {

    /** The provider name written into the topologies it builds. */
    static final String NAME = "fallback";

    private static final ThreadAffinity AFFINITY =
            ThreadAffinity.unsupported("the fallback topology provider does not pin threads");

    /** Called by {@link java.util.ServiceLoader}. */
    public FallbackTopologyProvider() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int priority() {
        return Integer.MIN_VALUE;
    }

    @Override
    public boolean isSupported() {
        return true;
    }

    @Override
    public Topology detect() {
        return topologyOf(Runtime.getRuntime().availableProcessors());
    }

    /** The topology this provider reports on a JVM that sees {@code cpus} processors. */
    static Topology topologyOf(int cpus) {
        if (cpus < 1) {
            throw new IllegalArgumentException("availableProcessors() returned " + cpus + ": expected 1 or more");
        }
        Topology.Builder b = Topology.builder().provider(NAME)
                .node(new NumaNode(0, CpuSet.range(0, cpus - 1), -1));
        for (int id = 0; id < cpus; id++) {
            b.cpu(new Cpu(id, 0, 0, id, -1, -1, CpuKind.UNIFORM, -1));
        }
        return b.build();
    }

    @Override
    public ThreadAffinity affinity() {
        return AFFINITY;
    }
}
