package dev.weft.numa.linux;

import dev.weft.topology.CpuSet;
import dev.weft.topology.TopologyException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Reads {@code sys/devices/system/cpu}: which CPUs are online, and for each the package, core, die and
 * cluster it sits in.
 *
 * <p>Online CPUs come from {@code cpu/online}; kernels too old to have it get them from the {@code cpuN}
 * folders, where a CPU without an {@code online} file (cpu0, often) is online. {@code possible} and
 * {@code present} are never used: they name CPUs that do not run.
 *
 * <p>Packages and cores get logical ids such that equal ids mean the same package (core). The kernel's
 * {@code physical_package_id} is used unless some CPU reports -1 (POWER, s390), in which case packages are the
 * distinct {@code package_cpus}/{@code core_siblings} sets. Cores are the distinct {@code core_cpus}/
 * {@code thread_siblings} sets within a package; the kernel's {@code core_id} names them only when it agrees
 * with those sets (it repeats inside a package on s390 and on some AMD machines, where CPUs 0 and 4 report
 * core 0 yet are not siblings).
 */
final class CpuReader {

    /** One online CPU as the kernel describes it, with its logical package and core ids. */
    record CpuTopology(int id, int packageId, int coreId, int dieId, int clusterId, int capacity, CpuSet threads) {
    }

    private final SysfsFiles files;
    private final Path cpuDir;

    CpuReader(SysfsFiles files) {
        this.files = files;
        this.cpuDir = files.path("sys/devices/system/cpu");
    }

    /** The online CPUs and the folders that describe them. */
    record Online(CpuSet cpus, TreeMap<Integer, Path> folders) {
        /** The CPU's folder, or null when the tree has none (a dump with only {@code cpu/online}). */
        Path folder(int cpu) {
            return folders.get(cpu);
        }
    }

    Online online() {
        if (!files.isDirectory(cpuDir)) {
            throw TopologyException.inFile(cpuDir, "is missing: not a Linux sysfs tree", null);
        }
        TreeMap<Integer, Path> folders = files.numbered(cpuDir, "cpu");
        Path onlineFile = cpuDir.resolve("online");
        Optional<CpuSet> listed = files.cpuList(onlineFile);
        CpuSet online;
        if (listed.isPresent()) {
            // The kernel creates cpuN before the CPU can come online and keeps it while the CPU is offline, so an
            // online CPU without its folder is a broken tree (a partial dump, a corrupt online file claiming a
            // million CPUs), never a hot-plug race: say so rather than quietly describe fewer CPUs.
            CpuSet withoutFolder = folders.isEmpty() ? CpuSet.empty() : listed.get().minus(folderSet(folders));
            if (!withoutFolder.isEmpty()) {
                throw TopologyException.inFile(onlineFile, "lists CPU " + withoutFolder.toList() + " online, but "
                        + cpuDir + " has no cpuN folder for " + (withoutFolder.size() == 1 ? "it" : "them"), null);
            }
            online = listed.get();
        } else {
            List<Integer> ids = new ArrayList<>();
            for (Map.Entry<Integer, Path> e : folders.entrySet()) {
                Path flag = e.getValue().resolve("online");
                Optional<String> v = files.value(flag);
                // An absent online file means the CPU cannot go offline (cpu0, often); the ia64 dump has an empty one.
                if (v.isEmpty() || v.get().isEmpty() || v.get().equals("1")) {
                    ids.add(e.getKey());
                } else if (!v.get().equals("0")) {
                    throw TopologyException.badContent(flag, v.get(), "expected 0 or 1", null);
                }
            }
            online = CpuSet.of(ids.stream().mapToInt(Integer::intValue).toArray());
        }
        if (online.isEmpty()) {
            throw TopologyException.inFile(listed.isPresent() ? onlineFile : cpuDir,
                    "names no online CPU (folders: " + folders.keySet().size() + ")", null);
        }
        return new Online(online, folders);
    }

    /** The topology of every online CPU, in id order. */
    List<CpuTopology> read(Online online) {
        Map<Integer, Raw> raw = new LinkedHashMap<>();
        for (int cpu : online.cpus().toArray()) {
            raw.put(cpu, readRaw(cpu, online));
        }
        Map<Integer, Integer> packages = packageIds(raw, online.cpus());
        return coreIds(raw, packages);
    }

    /** What one CPU's topology folder says; -1 or null where a file is absent. */
    private record Raw(int id, int packageId, int coreId, int dieId, int clusterId, int capacity,
                       CpuSet packageCpus, CpuSet threads) {
    }

    private Raw readRaw(int cpu, Online online) {
        Path dir = online.folder(cpu);
        if (dir == null) {
            return new Raw(cpu, -1, -1, -1, -1, -1, null, CpuSet.of(cpu));
        }
        Path topo = dir.resolve("topology");
        CpuSet self = CpuSet.of(cpu);
        CpuSet pkgCpus = files.cpusListOrMask(topo, "package_cpus_list", "package_cpus")
                .or(() -> files.cpusListOrMask(topo, "core_siblings_list", "core_siblings"))
                .map(s -> s.intersect(online.cpus()).union(self))
                .orElse(null);
        CpuSet threads = files.cpusListOrMask(topo, "core_cpus_list", "core_cpus")
                .or(() -> files.cpusListOrMask(topo, "thread_siblings_list", "thread_siblings"))
                .map(s -> s.intersect(online.cpus()).union(self))
                .orElse(null);
        return new Raw(cpu,
                files.integer(topo.resolve("physical_package_id")).orElse(-1),
                files.integer(topo.resolve("core_id")).orElse(-1),
                files.integer(topo.resolve("die_id")).orElse(-1),
                files.integer(topo.resolve("cluster_id")).orElse(-1),
                files.integer(dir.resolve("cpu_capacity")).orElse(-1),
                pkgCpus, threads);
    }

    private static Map<Integer, Integer> packageIds(Map<Integer, Raw> raw, CpuSet online) {
        Map<Integer, Integer> ids = new HashMap<>();
        boolean kernelIds = raw.values().stream().allMatch(r -> r.packageId >= 0);
        if (kernelIds) {
            raw.values().forEach(r -> ids.put(r.id, r.packageId));
            return ids;
        }
        // No usable ids: a package is a distinct sibling set; number the sets by their first CPU. CPUs that
        // have no set either share one unknown package (-1).
        Map<CpuSet, Integer> index = new HashMap<>();
        raw.values().stream().map(Raw::packageCpus).filter(s -> s != null).distinct()
                .sorted(Comparator.comparingInt(CpuSet::first))
                .forEach(s -> index.put(s, index.size()));
        raw.values().forEach(r -> ids.put(r.id, r.packageCpus == null ? -1 : index.get(r.packageCpus)));
        return ids;
    }

    private static List<CpuTopology> coreIds(Map<Integer, Raw> raw, Map<Integer, Integer> packages) {
        // A core is a set of sibling threads within a package. CPUs with no sibling file are grouped by
        // core_id within their package (each on its own core when core_id is missing too).
        Map<Integer, CpuSet> siblings = new HashMap<>();
        Map<Long, List<Integer>> byKernelCore = new HashMap<>();
        for (Raw r : raw.values()) {
            if (r.threads != null) {
                siblings.put(r.id, r.threads);
            } else if (r.coreId >= 0) {
                long key = ((long) packages.get(r.id) << 32) | (r.coreId & 0xffffffffL);
                byKernelCore.computeIfAbsent(key, k -> new ArrayList<>()).add(r.id);
            } else {
                siblings.put(r.id, CpuSet.of(r.id));
            }
        }
        for (List<Integer> group : byKernelCore.values()) {
            CpuSet set = CpuSet.of(group.stream().mapToInt(Integer::intValue).toArray());
            group.forEach(cpu -> siblings.put(cpu, set));
        }

        // Group CPUs by (package, sibling set), then decide whether core_id can name the groups.
        Map<Integer, Map<CpuSet, List<Raw>>> groups = new TreeMap<>();
        for (Raw r : raw.values()) {
            groups.computeIfAbsent(packages.get(r.id), k -> new LinkedHashMap<>())
                    .computeIfAbsent(siblings.get(r.id), k -> new ArrayList<>()).add(r);
        }
        boolean kernelIdsAgree = true;
        for (Map<CpuSet, List<Raw>> inPackage : groups.values()) {
            Map<Integer, CpuSet> seen = new HashMap<>();
            for (Map.Entry<CpuSet, List<Raw>> g : inPackage.entrySet()) {
                int id = g.getValue().get(0).coreId;
                boolean oneId = id >= 0 && g.getValue().stream().allMatch(r -> r.coreId == id);
                CpuSet other = seen.put(id, g.getKey());
                if (!oneId || (other != null && !other.equals(g.getKey()))) {
                    kernelIdsAgree = false;
                }
            }
        }

        List<CpuTopology> out = new ArrayList<>();
        for (Map<CpuSet, List<Raw>> inPackage : groups.values()) {
            List<CpuSet> order = new ArrayList<>(inPackage.keySet());
            order.sort(Comparator.comparingInt(s -> inPackage.get(s).get(0).id));
            for (int i = 0; i < order.size(); i++) {
                for (Raw r : inPackage.get(order.get(i))) {
                    int core = kernelIdsAgree ? r.coreId : i;
                    out.add(new CpuTopology(r.id, packages.get(r.id), core, r.dieId, r.clusterId, r.capacity,
                            CpuSet.of(inPackage.get(order.get(i)).stream().mapToInt(Raw::id).toArray())));
                }
            }
        }
        out.sort(Comparator.comparingInt(CpuTopology::id));
        return out;
    }

    private static CpuSet folderSet(TreeMap<Integer, Path> folders) {
        return CpuSet.of(folders.keySet().stream().mapToInt(Integer::intValue).toArray());
    }
}
