package dev.weft.topology;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * An immutable description of a machine as one process sees it: NUMA nodes, online CPUs and where they sit,
 * caches, the node distance matrix, the CPUs this process may run on, and the cgroup CPU quota.
 *
 * <p>Built by a {@link dev.weft.spi.TopologyProvider} (see {@link #provider()}) or, for tests and simulations,
 * by hand through {@link #builder()}: a pool given a hand-built topology schedules as if it ran on that
 * machine.
 */
public final class Topology {

    private final String provider;
    private final String cpuModel;
    private final List<NumaNode> nodes;
    private final List<Cpu> cpus;
    private final List<Cache> caches;
    private final int[][] distances;
    private final CpuSet onlineCpus;
    private final CpuSet allowedCpus;
    private final CpuQuota cpuQuota;
    private final Map<Integer, Integer> nodeIndex;
    private final Map<Integer, Cpu> cpuById;

    private Topology(Builder b) {
        this.provider = b.provider;
        this.cpuModel = b.cpuModel;
        List<NumaNode> sortedNodes = new ArrayList<>(b.nodes);
        sortedNodes.sort(Comparator.comparingInt(NumaNode::id));
        this.nodes = List.copyOf(sortedNodes);
        List<Cpu> sortedCpus = new ArrayList<>(b.cpus);
        sortedCpus.sort(Comparator.comparingInt(Cpu::id));
        this.cpus = List.copyOf(sortedCpus);
        this.caches = List.copyOf(b.caches);
        this.cpuQuota = b.cpuQuota;

        Map<Integer, Integer> index = new LinkedHashMap<>();
        for (int i = 0; i < nodes.size(); i++) {
            if (index.put(nodes.get(i).id(), i) != null) {
                throw new IllegalArgumentException("NUMA node " + nodes.get(i).id() + " is listed twice");
            }
        }
        this.nodeIndex = Collections.unmodifiableMap(index);
        Map<Integer, Cpu> byId = new TreeMap<>();
        for (Cpu cpu : cpus) {
            if (byId.put(cpu.id(), cpu) != null) {
                throw new IllegalArgumentException("CPU " + cpu.id() + " is listed twice");
            }
            if (!index.containsKey(cpu.node())) {
                throw new IllegalArgumentException("CPU " + cpu.id() + " names NUMA node " + cpu.node()
                        + ", which is not among the nodes " + index.keySet());
            }
        }
        this.cpuById = Collections.unmodifiableMap(byId);
        this.onlineCpus = CpuSet.of(cpus.stream().mapToInt(Cpu::id).toArray());
        this.allowedCpus = b.allowedCpus == null ? onlineCpus : b.allowedCpus;

        int n = nodes.size();
        if (b.distances == null) {
            this.distances = new int[n][n];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    distances[i][j] = i == j ? 10 : 20;
                }
            }
        } else {
            if (b.distances.length != n) {
                throw new IllegalArgumentException("distance matrix has " + b.distances.length + " rows for " + n
                        + " NUMA nodes: it must be " + n + "x" + n);
            }
            this.distances = new int[n][];
            for (int i = 0; i < n; i++) {
                if (b.distances[i].length != n) {
                    throw new IllegalArgumentException("distance matrix row " + i + " has " + b.distances[i].length
                            + " entries for " + n + " NUMA nodes: it must be " + n + "x" + n);
                }
                this.distances[i] = b.distances[i].clone();
            }
        }
    }

    /** Returns a builder for a hand-made topology. */
    public static Builder builder() {
        return new Builder();
    }

    /** The name of the provider that produced this topology ({@code linux}, {@code fallback}, ...). */
    public String provider() {
        return provider;
    }

    /** The CPU model name as the machine reports it, or {@code "unknown"}. */
    public String cpuModel() {
        return cpuModel;
    }

    /** The online NUMA nodes, in ascending id order. Never empty. */
    public List<NumaNode> nodes() {
        return nodes;
    }

    /** The node with this kernel id. @throws IllegalArgumentException naming the known ids when absent */
    public NumaNode node(int id) {
        Integer i = nodeIndex.get(id);
        if (i == null) {
            throw new IllegalArgumentException("NUMA node " + id + " does not exist: known nodes are " + nodeIndex.keySet());
        }
        return nodes.get(i);
    }

    /** True when a node with this id exists. */
    public boolean hasNode(int id) {
        return nodeIndex.containsKey(id);
    }

    /** The online CPUs, in ascending id order. */
    public List<Cpu> cpus() {
        return cpus;
    }

    /** The CPU with this id, if it is online. */
    public Optional<Cpu> cpu(int id) {
        return Optional.ofNullable(cpuById.get(id));
    }

    /** All online CPUs. */
    public CpuSet onlineCpus() {
        return onlineCpus;
    }

    /** The CPUs this process may run on (affinity mask and cgroup cpuset); may name offline CPUs. */
    public CpuSet allowedCpus() {
        return allowedCpus;
    }

    /** The CPUs this process can really use: online and allowed. */
    public CpuSet usableCpus() {
        return onlineCpus.intersect(allowedCpus);
    }

    /** The usable CPUs of one node. */
    public CpuSet usableCpus(int nodeId) {
        return node(nodeId).cpus().intersect(allowedCpus);
    }

    /** The cgroup CPU bandwidth limit, if there is one. */
    public Optional<CpuQuota> cpuQuota() {
        return Optional.ofNullable(cpuQuota);
    }

    /**
     * The parallelism a pool uses by default: {@code max(1, min(usable CPUs, ceil(quota / period)))}, so a
     * container limited to two CPUs' worth of time on a 64-CPU host gets 2 workers.
     */
    public int defaultParallelism() {
        int usable = usableCpus().size();
        int byQuota = cpuQuota == null ? Integer.MAX_VALUE : cpuQuota.cpus();
        return Math.max(1, Math.min(usable, byQuota));
    }

    /** Every cache instance. */
    public List<Cache> caches() {
        return caches;
    }

    /**
     * The size of the smallest data or unified cache at this level, or -1 when none is known: what a cache-
     * blocking kernel can count on per core.
     */
    public long cacheSize(int level) {
        return caches.stream()
                .filter(c -> c.level() == level && c.type() != CacheType.INSTRUCTION)
                .mapToLong(Cache::sizeBytes).min().orElse(-1);
    }

    /** The distance between two nodes, by kernel id (10 for a node to itself). */
    public int distance(int fromNode, int toNode) {
        node(fromNode);
        node(toNode);
        return distances[nodeIndex.get(fromNode)][nodeIndex.get(toNode)];
    }

    /** A copy of the distance matrix; rows and columns follow {@link #nodes()}. */
    public int[][] distances() {
        int[][] copy = new int[distances.length][];
        for (int i = 0; i < distances.length; i++) {
            copy[i] = distances[i].clone();
        }
        return copy;
    }

    /** The other nodes ordered by distance from {@code nodeId}, nearest first (ties by id). */
    public List<Integer> nodesByDistance(int nodeId) {
        int from = nodeIndex.get(node(nodeId).id());
        List<Integer> order = new ArrayList<>();
        for (NumaNode n : nodes) {
            if (n.id() != nodeId) {
                order.add(n.id());
            }
        }
        order.sort(Comparator.<Integer>comparingInt(id -> distances[from][nodeIndex.get(id)]).thenComparingInt(id -> id));
        return order;
    }

    /** The number of distinct packages (sockets) holding online CPUs. */
    public int packageCount() {
        return (int) cpus.stream().mapToInt(Cpu::packageId).distinct().count();
    }

    /** The number of distinct cores holding online CPUs. */
    public int coreCount() {
        return cores().size();
    }

    /** The number of online processing units (hardware threads). */
    public int puCount() {
        return cpus.size();
    }

    /** The online CPUs of each core, cores ordered by their first CPU. */
    public List<CpuSet> cores() {
        Map<Long, List<Integer>> byCore = new TreeMap<>();
        for (Cpu cpu : cpus) {
            long key = ((long) cpu.packageId() << 32) | (cpu.coreId() & 0xffffffffL);
            byCore.computeIfAbsent(key, k -> new ArrayList<>()).add(cpu.id());
        }
        return byCore.values().stream()
                .map(ids -> CpuSet.of(ids.stream().mapToInt(Integer::intValue).toArray()))
                .sorted(Comparator.comparingInt(CpuSet::first))
                .collect(Collectors.toUnmodifiableList());
    }

    @Override
    public String toString() {
        return "Topology[provider=" + provider + ", nodes=" + nodes.size() + ", packages=" + packageCount()
                + ", cores=" + coreCount() + ", pus=" + puCount() + ", allowed=" + allowedCpus
                + ", quota=" + cpuQuota + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Topology t && provider.equals(t.provider) && cpuModel.equals(t.cpuModel)
                && nodes.equals(t.nodes) && cpus.equals(t.cpus) && caches.equals(t.caches)
                && Arrays.deepEquals(distances, t.distances) && allowedCpus.equals(t.allowedCpus)
                && Objects.equals(cpuQuota, t.cpuQuota);
    }

    @Override
    public int hashCode() {
        return Objects.hash(provider, nodes, cpus, allowedCpus);
    }

    /** Builds a {@link Topology}; validation happens in {@link #build()}. */
    public static final class Builder {
        private String provider = "custom";
        private String cpuModel = "unknown";
        private final List<NumaNode> nodes = new ArrayList<>();
        private final List<Cpu> cpus = new ArrayList<>();
        private final List<Cache> caches = new ArrayList<>();
        private int[][] distances;
        private CpuSet allowedCpus;
        private CpuQuota cpuQuota;

        private Builder() {
        }

        /** The provider name reported by {@link Topology#provider()}; default {@code custom}. */
        public Builder provider(String name) {
            this.provider = Objects.requireNonNull(name, "provider");
            return this;
        }

        /** The CPU model name; default {@code unknown}. */
        public Builder cpuModel(String model) {
            this.cpuModel = Objects.requireNonNull(model, "cpuModel");
            return this;
        }

        /** Adds a NUMA node. */
        public Builder node(NumaNode node) {
            nodes.add(Objects.requireNonNull(node, "node"));
            return this;
        }

        /** Adds an online CPU. */
        public Builder cpu(Cpu cpu) {
            cpus.add(Objects.requireNonNull(cpu, "cpu"));
            return this;
        }

        /** Adds a cache instance. */
        public Builder cache(Cache cache) {
            caches.add(Objects.requireNonNull(cache, "cache"));
            return this;
        }

        /** The distance matrix, rows and columns in ascending node id; default 10 on the diagonal, 20 elsewhere. */
        public Builder distances(int[][] matrix) {
            this.distances = Objects.requireNonNull(matrix, "distances");
            return this;
        }

        /** The CPUs this process may use; default every online CPU. */
        public Builder allowedCpus(CpuSet allowed) {
            this.allowedCpus = Objects.requireNonNull(allowed, "allowedCpus");
            return this;
        }

        /** The cgroup CPU quota, or {@code null} for none (the default). */
        public Builder cpuQuota(CpuQuota quota) {
            this.cpuQuota = quota;
            return this;
        }

        /**
         * A machine of {@code nodeCount} nodes with {@code cpusPerNode} single-threaded cores each, one package
         * per node, CPUs numbered node by node: a convenient shape for tests and simulations.
         */
        public Builder uniform(int nodeCount, int cpusPerNode) {
            if (nodeCount < 1 || cpusPerNode < 0) {
                throw new IllegalArgumentException("uniform(" + nodeCount + ", " + cpusPerNode
                        + "): allowed nodeCount >= 1 and cpusPerNode >= 0");
            }
            int cpu = 0;
            for (int n = 0; n < nodeCount; n++) {
                int first = cpu;
                for (int c = 0; c < cpusPerNode; c++, cpu++) {
                    cpu(new Cpu(cpu, n, n, c, -1, -1, CpuKind.UNIFORM, -1));
                }
                node(new NumaNode(n, cpusPerNode == 0 ? CpuSet.empty() : CpuSet.range(first, cpu - 1), -1));
            }
            return this;
        }

        /**
         * Builds the topology.
         *
         * @throws IllegalArgumentException when there is no node, a CPU names an unknown node, an id repeats, or
         *                                  the distance matrix does not match the nodes
         */
        public Topology build() {
            if (nodes.isEmpty()) {
                throw new IllegalArgumentException("a topology needs at least one NUMA node");
            }
            return new Topology(this);
        }
    }
}
