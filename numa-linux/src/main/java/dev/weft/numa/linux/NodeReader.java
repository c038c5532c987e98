package dev.weft.numa.linux;

import dev.weft.topology.CpuSet;
import dev.weft.topology.NumaNode;
import dev.weft.topology.TopologyException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Reads {@code sys/devices/system/node}: the online NUMA nodes, the online CPUs of each, their memory and the
 * distance matrix.
 *
 * <p>Nodes come from {@code node/online}, or from the {@code nodeN} folders on kernels too old to have it;
 * never from {@code possible}, whose extra nodes have no folder worth reading. Ids may be sparse (0,1,4,5), and
 * the i-th number of a {@code distance} row belongs to the i-th online node. A node's CPU list may name offline
 * CPUs (dropped) and may be empty (a memory-only node). Without a {@code node} folder (s390) there is one node
 * 0 holding every online CPU, with the memory of {@code proc/meminfo}.
 */
final class NodeReader {

    /** The nodes in id order, their distance matrix (null when the tree has none), and each CPU's node. */
    record Result(List<NumaNode> nodes, int[][] distances, Map<Integer, Integer> nodeOfCpu) {
    }

    private final SysfsFiles files;

    NodeReader(SysfsFiles files) {
        this.files = files;
    }

    Result read(CpuReader.Online online) {
        Path nodeDir = files.path("sys/devices/system/node");
        TreeMap<Integer, Path> folders = files.numbered(nodeDir, "node");
        if (folders.isEmpty()) {
            return singleNode(online.cpus());
        }
        Optional<CpuSet> listed = files.cpuList(nodeDir.resolve("online"));
        // declared: the online nodes in the order distance rows use; ids: those with a folder to read.
        int[] declared = listed.map(CpuSet::toArray)
                .orElseGet(() -> folders.keySet().stream().mapToInt(Integer::intValue).toArray());
        List<Integer> ids = new ArrayList<>();
        for (int id : declared) {
            if (folders.containsKey(id)) {
                ids.add(id);
            }
        }
        if (ids.isEmpty()) {
            return singleNode(online.cpus());
        }

        Map<Integer, Integer> nodeOfCpu = new HashMap<>();
        Map<Integer, CpuSet> cpusOf = new TreeMap<>();
        for (int id : ids) {
            Path dir = folders.get(id);
            CpuSet listedCpus = files.cpusListOrMask(dir, "cpulist", "cpumap").orElse(CpuSet.empty())
                    .intersect(online.cpus());
            List<Integer> mine = new ArrayList<>();
            for (int cpu : listedCpus.toArray()) {
                // A CPU listed by two nodes belongs to the first: each CPU sits on exactly one node.
                if (nodeOfCpu.putIfAbsent(cpu, id) == null) {
                    mine.add(cpu);
                }
            }
            cpusOf.put(id, CpuSet.of(mine.stream().mapToInt(Integer::intValue).toArray()));
        }
        for (int cpu : online.cpus().minus(CpuSet.of(nodeOfCpu.keySet().stream().mapToInt(Integer::intValue).toArray())).toArray()) {
            int node = linkedNode(online.folder(cpu), ids);
            nodeOfCpu.put(cpu, node);
            cpusOf.put(node, cpusOf.get(node).union(CpuSet.of(cpu)));
        }

        List<NumaNode> nodes = new ArrayList<>();
        for (int id : ids) {
            long memory = memTotal(folders.get(id).resolve("meminfo")).orElse(-1L);
            nodes.add(new NumaNode(id, cpusOf.get(id), memory));
        }
        return new Result(List.copyOf(nodes), distances(folders, declared, ids), nodeOfCpu);
    }

    /** A CPU that no node lists: the node its {@code cpuN/nodeM} link names, else the lowest node. */
    private int linkedNode(Path cpuFolder, List<Integer> ids) {
        if (cpuFolder != null) {
            for (int node : files.numbered(cpuFolder, "node").keySet()) {
                if (ids.contains(node)) {
                    return node;
                }
            }
        }
        return ids.get(0);
    }

    private int[][] distances(TreeMap<Integer, Path> folders, int[] declared, List<Integer> ids) {
        Map<Integer, Integer> column = new HashMap<>();
        for (int i = 0; i < declared.length; i++) {
            column.put(declared[i], i);
        }
        int[][] matrix = new int[ids.size()][ids.size()];
        for (int i = 0; i < ids.size(); i++) {
            Path file = folders.get(ids.get(i)).resolve("distance");
            Optional<List<String>> row = files.tokens(file);
            if (row.isEmpty()) {
                return null;
            }
            List<String> values = row.get();
            String text = String.join(" ", values);
            if (values.size() != declared.length) {
                throw TopologyException.badContent(file, text, "expected " + declared.length
                        + " distances, one per online node", null);
            }
            for (int j = 0; j < ids.size(); j++) {
                int d = SysfsFiles.parseInt(file, values.get(column.get(ids.get(j))), text);
                if (d < 0) {
                    throw TopologyException.badContent(file, text, "distances cannot be negative", null);
                }
                matrix[i][j] = d;
            }
        }
        return matrix;
    }

    private Result singleNode(CpuSet online) {
        long memory = memTotal(files.path("proc/meminfo")).orElse(-1L);
        Map<Integer, Integer> nodeOfCpu = new HashMap<>();
        online.stream().forEach(cpu -> nodeOfCpu.put(cpu, 0));
        return new Result(List.of(new NumaNode(0, online, memory)), null, nodeOfCpu);
    }

    /**
     * The {@code MemTotal} of a meminfo file in bytes: {@code "Node 0 MemTotal:  16775084 kB"} (a node's) or
     * {@code "MemTotal:  2053992 kB"} (the machine's); empty when the file does not exist.
     */
    Optional<Long> memTotal(Path file) {
        return files.read(file).map(text -> {
            for (String line : text.split("\n")) {
                int at = line.indexOf("MemTotal:");
                if (at < 0) {
                    continue;
                }
                String[] rest = SysfsFiles.clean(line.substring(at + "MemTotal:".length())).split("\\s+");
                long kb = SysfsFiles.parseLong(file, rest[0], line);
                boolean unitOk = rest.length == 1 || (rest.length == 2 && rest[1].equals("kB"));
                if (kb < 0 || kb > Long.MAX_VALUE / 1024 || !unitOk) {
                    throw TopologyException.badContent(file, line, "expected MemTotal: <kilobytes> kB", null);
                }
                return kb * 1024;
            }
            throw TopologyException.badContent(file, text, "has no MemTotal line", null);
        });
    }
}
