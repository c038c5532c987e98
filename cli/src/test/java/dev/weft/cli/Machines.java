package dev.weft.cli;

import dev.weft.topology.Cache;
import dev.weft.topology.CacheType;
import dev.weft.topology.Cpu;
import dev.weft.topology.CpuKind;
import dev.weft.topology.CpuQuota;
import dev.weft.topology.CpuSet;
import dev.weft.topology.NumaNode;
import dev.weft.topology.Topology;

/** Hand-built topologies for the report tests, shaped like machines in the sysfs fixtures. */
final class Machines {

    private Machines() {
    }

    /**
     * Two packages of 8 SMT-2 cores, one node each, SMT sibling of N is N+16 (like x86-2node-interleaved-smt2):
     * node 0 = 0-7,16-23, node 1 = 8-15,24-31; L1d, L1i, L2 per core, L3 per package; distances 10/21.
     */
    static Topology interleaved() {
        Topology.Builder b = Topology.builder().provider("linux").cpuModel("Intel(R) Xeon(R) Silver 4108 CPU @ 1.80GHz");
        for (int pkg = 0; pkg < 2; pkg++) {
            for (int core = 0; core < 8; core++) {
                int first = pkg * 8 + core;
                CpuSet pair = CpuSet.of(first, first + 16);
                b.cpu(new Cpu(first, pkg, pkg, core, -1, -1, CpuKind.UNIFORM, -1));
                b.cpu(new Cpu(first + 16, pkg, pkg, core, -1, -1, CpuKind.UNIFORM, -1));
                b.cache(new Cache(1, CacheType.DATA, 32 << 10, 64, pair));
                b.cache(new Cache(1, CacheType.INSTRUCTION, 32 << 10, 64, pair));
                b.cache(new Cache(2, CacheType.UNIFIED, 1 << 20, 64, pair));
            }
            CpuSet pkgCpus = CpuSet.range(pkg * 8, pkg * 8 + 7).union(CpuSet.range(pkg * 8 + 16, pkg * 8 + 23));
            b.cache(new Cache(3, CacheType.UNIFIED, 11 << 20, 64, pkgCpus));
            b.node(new NumaNode(pkg, pkgCpus, pkg == 0 ? 49_000_000_000L : -1));
        }
        return b.distances(new int[][] {{10, 21}, {21, 10}}).build();
    }

    /** Two nodes, node 1 without CPUs; a CPU quota of 1.5 CPUs; only CPU 1 allowed; a model name JSON must escape. */
    static Topology cpulessWithQuota() {
        return Topology.builder().provider("linux").cpuModel("Odd \"CPU\"\\ model\twith\u0001controls")
                .cpu(new Cpu(0, 0, 0, 0, -1, -1, CpuKind.UNIFORM, -1))
                .cpu(new Cpu(1, 0, 0, 1, -1, -1, CpuKind.UNIFORM, -1))
                .node(new NumaNode(0, CpuSet.range(0, 1), 8L << 30))
                .node(new NumaNode(4, CpuSet.empty(), 2L << 30))
                .distances(new int[][] {{10, 17}, {17, 10}})
                .allowedCpus(CpuSet.of(1))
                .cpuQuota(new CpuQuota(150_000, 100_000))
                .build();
    }

    /** A hybrid part: 2 P-cores with SMT and 4 E-cores sharing one L2; the L3 spans two nodes (odd but legal). */
    static Topology hybridAcrossNodes() {
        Topology.Builder b = Topology.builder().provider("linux").cpuModel("Hybrid");
        b.cpu(new Cpu(0, 0, 0, 0, -1, -1, CpuKind.PERFORMANCE, 1024));
        b.cpu(new Cpu(1, 0, 0, 0, -1, -1, CpuKind.PERFORMANCE, 1024));
        b.cpu(new Cpu(2, 0, 0, 1, -1, -1, CpuKind.PERFORMANCE, 1024));
        b.cpu(new Cpu(3, 0, 0, 1, -1, -1, CpuKind.PERFORMANCE, 1024));
        for (int e = 4; e < 8; e++) {
            b.cpu(new Cpu(e, 1, 0, e, -1, 1, CpuKind.EFFICIENCY, 512));
        }
        b.node(new NumaNode(0, CpuSet.range(0, 3), -1)).node(new NumaNode(1, CpuSet.range(4, 7), -1));
        b.cache(new Cache(2, CacheType.UNIFIED, 1_310_720, 64, CpuSet.range(0, 1)));
        b.cache(new Cache(2, CacheType.UNIFIED, 1_310_720, 64, CpuSet.range(2, 3)));
        b.cache(new Cache(2, CacheType.UNIFIED, 2 << 20, 64, CpuSet.range(4, 7)));
        b.cache(new Cache(2, CacheType.UNIFIED, 2 << 20, 64, CpuSet.range(4, 7)));   // listed twice: one instance
        b.cache(new Cache(2, CacheType.UNIFIED, 2 << 20, 64, CpuSet.range(40, 43))); // offline CPUs only: ignored
        b.cache(new Cache(3, CacheType.UNIFIED, 24 << 20, 64, CpuSet.range(0, 7)));
        return b.build();
    }
}
