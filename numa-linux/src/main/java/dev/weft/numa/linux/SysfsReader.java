package dev.weft.numa.linux;

import dev.weft.topology.Cpu;
import dev.weft.topology.CpuKind;
import dev.weft.topology.CpuSet;
import dev.weft.topology.Topology;
import dev.weft.topology.TopologyException;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Builds a {@link Topology} from a Linux system tree under an injectable root: {@code /} for the live machine,
 * or a recorded dump. The work is split by folder: {@link CpuReader} (online CPUs, packages, cores),
 * {@link CacheReader}, {@link NodeReader} (nodes, memory, distances), {@link CgroupReader} (cpuset, CPU quota)
 * and {@link CpuModel}.
 *
 * <p>Allowed CPUs: for the live machine, the process's affinity mask (from the native call when it works, else
 * {@code /proc/self/status}) within the cgroup cpuset. For a dump, the live process's mask says nothing about
 * that machine: the dump's cpuset files decide, else every online CPU is allowed.
 *
 * <p>Failure: every problem is a {@link TopologyException} naming the file (and quoting what it held); no other
 * exception type escapes, whatever the files hold.
 */
final class SysfsReader {

    /** The provider name written into every topology this reader builds. */
    static final String PROVIDER = "linux";

    private final SysfsFiles files;
    private final boolean live;
    private final Supplier<Optional<CpuSet>> nativeMask;

    /**
     * @param files      the tree to read
     * @param live       whether the tree is this machine (then the process's own mask counts)
     * @param nativeMask the process's affinity mask from the native call, empty when unavailable; only asked when
     *                   {@code live}
     */
    SysfsReader(SysfsFiles files, boolean live, Supplier<Optional<CpuSet>> nativeMask) {
        this.files = files;
        this.live = live;
        this.nativeMask = nativeMask;
    }

    /** A reader for a recorded tree: nothing about the live process is consulted. */
    static SysfsReader forDump(SysfsFiles files) {
        return new SysfsReader(files, false, Optional::empty);
    }

    Topology read() {
        CpuReader cpuReader = new CpuReader(files);
        CpuReader.Online online = cpuReader.online();
        List<CpuReader.CpuTopology> cpus = cpuReader.read(online);
        CacheReader.Result caches = new CacheReader(files).read(online);
        NodeReader.Result nodes = new NodeReader(files).read(online);
        CgroupReader cgroups = new CgroupReader(files);
        CgroupReader.Result limits = cgroups.read();
        CpuSet allowed;
        if (live) {
            CpuSet mask = nativeMask.get().or(cgroups::statusMask).orElse(online.cpus());
            allowed = limits.cpuset().map(mask::intersect).orElse(mask);
        } else {
            allowed = limits.cpuset().orElse(online.cpus());
        }
        Map<Integer, CpuKind> kinds = kinds(cpus, caches);
        String model = CpuModel.read(files);
        try {
            Topology.Builder b = Topology.builder().provider(PROVIDER).cpuModel(model)
                    .allowedCpus(allowed).cpuQuota(limits.quota().orElse(null));
            nodes.nodes().forEach(b::node);
            for (CpuReader.CpuTopology c : cpus) {
                b.cpu(new Cpu(c.id(), nodes.nodeOfCpu().get(c.id()), c.packageId(), c.coreId(), c.dieId(),
                        c.clusterId(), kinds.get(c.id()), c.capacity()));
            }
            caches.caches().forEach(b::cache);
            if (nodes.distances() != null) {
                b.distances(nodes.distances());
            }
            return b.build();
        } catch (IllegalArgumentException e) {
            // The readers build consistent parts; this guards the contract that nothing but
            // TopologyException leaves, should a corrupt tree slip something past them.
            throw new TopologyException(files.root() + ": the files describe an inconsistent machine: "
                    + e.getMessage(), e);
        }
    }

    /**
     * The kind of each CPU. With {@code cpu_capacity} (ARM big.LITTLE, recent x86 hybrids) the fastest CPUs are
     * performance cores and the rest efficiency cores. Without it, a machine whose cores carry exactly two
     * different sets of private caches (levels 1 and 2) is hybrid: the kind with the larger L1 data cache is the
     * performance kind (the one with SMT when those tie). Otherwise every CPU is {@link CpuKind#UNIFORM}.
     */
    static Map<Integer, CpuKind> kinds(List<CpuReader.CpuTopology> cpus, CacheReader.Result caches) {
        Map<Integer, CpuKind> kinds = new HashMap<>();
        cpus.forEach(c -> kinds.put(c.id(), CpuKind.UNIFORM));
        boolean allCapacities = cpus.stream().allMatch(c -> c.capacity() > 0);
        long distinctCapacities = cpus.stream().mapToInt(CpuReader.CpuTopology::capacity).distinct().count();
        if (allCapacities && distinctCapacities > 1) {
            int max = cpus.stream().mapToInt(CpuReader.CpuTopology::capacity).max().orElseThrow();
            cpus.forEach(c -> kinds.put(c.id(), c.capacity() == max ? CpuKind.PERFORMANCE : CpuKind.EFFICIENCY));
            return kinds;
        }
        Map<Integer, String> sig = caches.signatures();
        boolean allSigned = cpus.stream().allMatch(c -> !sig.getOrDefault(c.id(), "").isEmpty());
        List<String> distinct = cpus.stream().map(c -> sig.getOrDefault(c.id(), "")).distinct().toList();
        if (!allSigned || distinct.size() != 2) {
            return kinds;
        }
        long[] l1d = new long[2];
        int[] threads = new int[2];
        for (CpuReader.CpuTopology c : cpus) {
            int k = distinct.indexOf(sig.get(c.id()));
            l1d[k] = Math.max(l1d[k], caches.l1dBytes().getOrDefault(c.id(), 0L));
            threads[k] = Math.max(threads[k], c.threads().size());
        }
        int performance = l1d[0] != l1d[1] ? (l1d[0] > l1d[1] ? 0 : 1)
                : threads[0] != threads[1] ? (threads[0] > threads[1] ? 0 : 1) : -1;
        if (performance >= 0) {
            for (CpuReader.CpuTopology c : cpus) {
                boolean perf = distinct.indexOf(sig.get(c.id())) == performance;
                kinds.put(c.id(), perf ? CpuKind.PERFORMANCE : CpuKind.EFFICIENCY);
            }
        }
        return kinds;
    }
}
