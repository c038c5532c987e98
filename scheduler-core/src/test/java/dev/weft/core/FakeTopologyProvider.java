package dev.weft.core;

import dev.weft.spi.ThreadAffinity;
import dev.weft.spi.TopologyProvider;
import dev.weft.topology.Topology;

/** A topology provider for tests: an injected topology and a chosen affinity (recording or unsupported). */
final class FakeTopologyProvider implements TopologyProvider {
    private final Topology topology;
    private final ThreadAffinity affinity;

    FakeTopologyProvider(Topology topology, ThreadAffinity affinity) {
        this.topology = topology;
        this.affinity = affinity;
    }

    /** One node of two CPUs, no pinning. */
    static FakeTopologyProvider twoCpus() {
        return uniform(1, 2);
    }

    static FakeTopologyProvider uniform(int nodes, int cpusPerNode) {
        return new FakeTopologyProvider(Topology.builder().provider("fake").uniform(nodes, cpusPerNode).build(),
                ThreadAffinity.unsupported("tests pin nothing"));
    }

    @Override
    public String name() {
        return "fake";
    }

    @Override
    public int priority() {
        return 0;
    }

    @Override
    public boolean isSupported() {
        return true;
    }

    @Override
    public Topology detect() {
        return topology;
    }

    @Override
    public ThreadAffinity affinity() {
        return affinity;
    }
}
