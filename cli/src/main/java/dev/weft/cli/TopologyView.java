package dev.weft.cli;

import dev.weft.topology.Cache;
import dev.weft.topology.CacheType;
import dev.weft.topology.Cpu;
import dev.weft.topology.CpuKind;
import dev.weft.topology.CpuSet;
import dev.weft.topology.Topology;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What both topology reports derive from a {@link Topology}: distinct cache instances and their counts, and
 * the node -> package -> core tree with each cache placed at the smallest part of the tree holding all of its
 * online CPUs.
 */
final class TopologyView {

    /** Where a cache instance hangs in the tree. */
    enum Place { CORE, PACKAGE, NODE, MACHINE }

    /** Caches of one level, type and size, and how many distinct instances there are. */
    record CacheGroup(int level, CacheType type, long sizeBytes, int lineSize, int count) {
    }

    /** One core: its package, its id, its online CPUs, its kind, and the caches private to it. */
    record Core(int packageId, int coreId, CpuSet cpus, CpuKind kind, List<Cache> caches) {
    }

    /** The part of a package inside one node, its cores, and the caches shared by several of those cores. */
    record PackagePart(int packageId, CpuSet cpus, List<Core> cores, List<Cache> caches) {
    }

    private final Topology topology;
    private final List<Cache> caches;
    private final Map<Cache, Place> places = new IdentityHashMap<>();

    TopologyView(Topology topology) {
        this.topology = topology;
        this.caches = distinctCaches(topology);
        for (Cache c : caches) {
            places.put(c, computePlace(c));
        }
    }

    /**
     * Every cache instance once, restricted to instances holding at least one online CPU (a cache of offline
     * CPUs only is not part of the machine the process sees), ordered by level, type, then first CPU.
     */
    static List<Cache> distinctCaches(Topology t) {
        CpuSet online = t.onlineCpus();
        Map<String, Cache> seen = new LinkedHashMap<>();
        for (Cache c : t.caches()) {
            if (!c.sharedBy().intersect(online).isEmpty()) {
                seen.putIfAbsent(c.level() + "/" + c.type() + "/" + c.sharedBy().toList(), c);
            }
        }
        List<Cache> list = new ArrayList<>(seen.values());
        list.sort(Comparator.comparingInt(Cache::level).thenComparing(Cache::type)
                .thenComparingInt(c -> c.sharedBy().intersect(online).first()));
        return List.copyOf(list);
    }

    /** Distinct instances grouped by level, type and size (a hybrid machine has two L2 sizes). */
    List<CacheGroup> cacheGroups() {
        Map<String, int[]> counts = new LinkedHashMap<>();
        Map<String, Cache> first = new LinkedHashMap<>();
        List<Cache> sorted = new ArrayList<>(caches);
        sorted.sort(Comparator.comparingInt(Cache::level).thenComparing(Cache::type)
                .thenComparing(Comparator.comparingLong(Cache::sizeBytes).reversed()));
        for (Cache c : sorted) {
            String key = c.level() + "/" + c.type() + "/" + c.sizeBytes();
            counts.computeIfAbsent(key, k -> new int[1])[0]++;
            first.putIfAbsent(key, c);
        }
        List<CacheGroup> groups = new ArrayList<>();
        first.forEach((key, c) -> groups.add(new CacheGroup(c.level(), c.type(), c.sizeBytes(), c.lineSize(), counts.get(key)[0])));
        return groups;
    }

    /** {@code L1d}, {@code L1i}, {@code L2}: the usual short name of a cache. */
    static String label(int level, CacheType type) {
        return "L" + level + switch (type) {
            case DATA -> "d";
            case INSTRUCTION -> "i";
            case UNIFIED -> "";
        };
    }

    /** The cache instances of the machine, distinct and online. */
    List<Cache> caches() {
        return caches;
    }

    /** The packages of a node (by first CPU), each with its cores (by first CPU) and their caches. */
    List<PackagePart> packagesOf(int nodeId) {
        Map<Integer, Map<Integer, List<Cpu>>> byPackage = new TreeMap<>();
        for (Cpu cpu : topology.cpus()) {
            if (cpu.node() == nodeId) {
                byPackage.computeIfAbsent(cpu.packageId(), k -> new TreeMap<>())
                        .computeIfAbsent(cpu.coreId(), k -> new ArrayList<>()).add(cpu);
            }
        }
        List<PackagePart> parts = new ArrayList<>();
        for (Map.Entry<Integer, Map<Integer, List<Cpu>>> pkg : byPackage.entrySet()) {
            List<Core> cores = new ArrayList<>();
            CpuSet pkgCpus = CpuSet.empty();
            for (Map.Entry<Integer, List<Cpu>> core : pkg.getValue().entrySet()) {
                CpuSet coreCpus = CpuSet.of(core.getValue().stream().mapToInt(Cpu::id).toArray());
                pkgCpus = pkgCpus.union(coreCpus);
                cores.add(new Core(pkg.getKey(), core.getKey(), coreCpus, core.getValue().get(0).kind(),
                        cachesWithin(coreCpus, Place.CORE)));
            }
            cores.sort(Comparator.comparingInt(c -> c.cpus().first()));
            parts.add(new PackagePart(pkg.getKey(), pkgCpus, List.copyOf(cores), cachesWithin(pkgCpus, Place.PACKAGE)));
        }
        parts.sort(Comparator.comparingInt(p -> p.cpus().first()));
        return parts;
    }

    /** The caches whose online CPUs all sit in {@code node} but in no single package part of it. */
    List<Cache> nodeCaches(int nodeId) {
        return cachesWithin(topology.node(nodeId).cpus(), Place.NODE);
    }

    /** The caches shared by CPUs of several nodes. */
    List<Cache> machineCaches() {
        return caches.stream().filter(c -> place(c) == Place.MACHINE).toList();
    }

    /** The distinct CPU kinds and their CPUs, when the machine has more than one kind (hybrid). */
    Map<CpuKind, CpuSet> kinds() {
        Map<CpuKind, List<Integer>> ids = new TreeMap<>();
        for (Cpu cpu : topology.cpus()) {
            ids.computeIfAbsent(cpu.kind(), k -> new ArrayList<>()).add(cpu.id());
        }
        Map<CpuKind, CpuSet> kinds = new LinkedHashMap<>();
        ids.forEach((k, v) -> kinds.put(k, CpuSet.of(v.stream().mapToInt(Integer::intValue).toArray())));
        return kinds;
    }

    private List<Cache> cachesWithin(CpuSet cpus, Place place) {
        List<Cache> out = new ArrayList<>();
        for (Cache c : caches) {
            if (place(c) == place && cpus.containsAll(online(c))) {
                out.add(c);
            }
        }
        return out;
    }

    private CpuSet online(Cache c) {
        return c.sharedBy().intersect(topology.onlineCpus());
    }

    /** The smallest part of the tree holding every online CPU of the cache. */
    Place place(Cache c) {
        Place p = places.get(c);
        return p != null ? p : computePlace(c);
    }

    private Place computePlace(Cache c) {
        CpuSet cpus = online(c);
        Cpu anchor = topology.cpu(cpus.first()).orElseThrow();
        Set<String> cores = new LinkedHashSet<>();
        Set<String> parts = new LinkedHashSet<>();
        Set<Integer> nodes = new LinkedHashSet<>();
        for (int id : cpus) {
            Cpu cpu = topology.cpu(id).orElse(anchor);
            cores.add(cpu.packageId() + "/" + cpu.coreId());
            parts.add(cpu.node() + "/" + cpu.packageId());
            nodes.add(cpu.node());
        }
        if (cores.size() == 1) {
            return Place.CORE;
        }
        if (parts.size() == 1) {
            return Place.PACKAGE;
        }
        return nodes.size() == 1 ? Place.NODE : Place.MACHINE;
    }
}
