package dev.weft.numa.linux;

import dev.weft.topology.Cache;
import dev.weft.topology.CacheType;
import dev.weft.topology.Cpu;
import dev.weft.topology.CpuKind;
import dev.weft.topology.CpuSet;
import dev.weft.topology.NumaNode;
import dev.weft.topology.Topology;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Reads every real-machine dump of {@code <repo root>/../shared/fixtures/sysfs} and compares the topology with
 * the machine's expected.json (hwloc's own answer, not a parse of sysfs), following the corpus README: counts,
 * node ids and CPU lists, memory (exact or within hwloc's rounding range), distances, caches per (level, type,
 * size), core kinds, and the allowed CPUs (from the dump's cgroup files, else every online CPU).
 */
class SysfsCorpusTest {

    private static final String ABSENT = "(corpus absent)";

    static Stream<String> machines() {
        List<Path> found = Fixtures.machines();
        return found.isEmpty() ? Stream.of(ABSENT) : found.stream().map(p -> p.getFileName().toString());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("machines")
    void readDump_matchesExpected(String machine) throws IOException {
        Assumptions.assumeTrue(!machine.equals(ABSENT), () -> "the real-machine sysfs corpus is absent: looked for"
                + " shared/fixtures/sysfs above " + Path.of("").toAbsolutePath() + " (or -D" + Fixtures.CORPUS_PROPERTY + ")");
        Path root = Fixtures.corpus().orElseThrow().resolve(machine);
        @SuppressWarnings("unchecked")
        Map<String, Object> expected = (Map<String, Object>) Json.parse(Files.readString(root.resolve("expected.json")));

        Topology t = new LinuxTopologyProvider().readDump(root);

        SoftAssertions soft = new SoftAssertions();
        soft.assertThat(t.provider()).isEqualTo("linux");
        boolean allowedOnly = "allowed-only".equals(expected.get("view"));
        if (!allowedOnly) {
            soft.assertThat(t.packageCount()).as("packages").isEqualTo(num(expected.get("packages")));
            soft.assertThat(t.coreCount()).as("cores").isEqualTo(num(expected.get("cores")));
            soft.assertThat(t.puCount()).as("pus").isEqualTo(num(expected.get("pus")));
            soft.assertThat(t.onlineCpus().toList()).as("online PUs").isEqualTo(expected.get("pu_os_indexes"));
            soft.assertThat(t.nodes()).extracting(NumaNode::id).as("node ids")
                    .containsExactlyElementsOf(list(expected.get("numa_nodes")).stream().map(n -> num(map(n).get("os_index"))).toList());
            compareCaches(soft, t, list(expected.get("caches")));
            compareKinds(soft, t, expected.get("cpu_kinds"));
        }
        compareNodes(soft, t, list(expected.get("numa_nodes")));
        compareDistances(soft, t, expected.get("distances"));
        String allowed = (String) expected.getOrDefault("allowed_pus", expected.get("pu_os_indexes"));
        soft.assertThat(t.allowedCpus().toList()).as("allowed CPUs").isEqualTo(allowed);
        soft.assertThat(t.cpuQuota()).as("CPU quota (no dump has one)").isEmpty();
        soft.assertAll();
    }

    private static void compareNodes(SoftAssertions soft, Topology t, List<Object> nodes) {
        for (Object o : nodes) {
            Map<String, Object> n = map(o);
            int id = num(n.get("os_index"));
            if (n.get("cpus") == null && n.get("memory_bytes") == null && n.get("memory_bytes_range") == null) {
                continue; // hwloc's output does not describe this node (outside an allowed-only view)
            }
            soft.assertThat(t.hasNode(id)).as("node %d exists", id).isTrue();
            if (!t.hasNode(id)) {
                continue;
            }
            NumaNode node = t.node(id);
            if (n.get("cpus") != null) {
                soft.assertThat(node.cpus().toList()).as("CPUs of node %d", id).isEqualTo(n.get("cpus"));
            }
            if (n.get("cpuless") != null) {
                soft.assertThat(node.isCpuless()).as("node %d is CPU-less", id).isEqualTo(n.get("cpuless"));
            }
            if (n.get("memory_bytes") != null) {
                soft.assertThat(node.memoryBytes()).as("memory of node %d", id).isEqualTo(((Long) n.get("memory_bytes")));
            } else if (n.get("memory_bytes_range") != null) {
                List<Object> r = list(n.get("memory_bytes_range"));
                soft.assertThat(node.memoryBytes()).as("memory of node %d", id)
                        .isGreaterThanOrEqualTo((Long) r.get(0)).isLessThan((Long) r.get(1));
            }
        }
    }

    private static void compareDistances(SoftAssertions soft, Topology t, Object distances) {
        if (distances == null) {
            return; // hwloc printed no matrix (a single node, or no distance files)
        }
        List<Object> ids = list(map(distances).get("node_os_indexes"));
        List<Object> rows = list(map(distances).get("matrix"));
        for (int i = 0; i < ids.size(); i++) {
            for (int j = 0; j < ids.size(); j++) {
                int from = num(ids.get(i));
                int to = num(ids.get(j));
                if (t.hasNode(from) && t.hasNode(to)) {
                    soft.assertThat(t.distance(from, to)).as("distance %d -> %d", from, to)
                            .isEqualTo(num(list(rows.get(i)).get(j)));
                } else {
                    soft.fail("node %d or %d is missing from the distance matrix", from, to);
                }
            }
        }
    }

    private static void compareCaches(SoftAssertions soft, Topology t, List<Object> caches) {
        long expectedTotal = 0;
        for (Object o : caches) {
            Map<String, Object> c = map(o);
            if (c.get("count") == null) {
                continue;
            }
            int level = num(c.get("level"));
            CacheType type = CacheType.valueOf(((String) c.get("type")).toUpperCase(Locale.ROOT));
            long low;
            long high;
            if (c.get("size_bytes") != null) {
                low = (Long) c.get("size_bytes");
                high = low + 1;
            } else {
                low = (Long) list(c.get("size_bytes_range")).get(0);
                high = (Long) list(c.get("size_bytes_range")).get(1);
            }
            long count = t.caches().stream()
                    .filter(k -> k.level() == level && k.type() == type && k.sizeBytes() >= low && k.sizeBytes() < high)
                    .count();
            soft.assertThat(count).as("L%d %s caches of %d..%d bytes", level, type, low, high - 1)
                    .isEqualTo((long) num(c.get("count")));
            expectedTotal += num(c.get("count"));
        }
        if (caches.stream().allMatch(o -> map(o).get("count") != null)) {
            soft.assertThat(t.caches()).as("no caches beyond the expected ones").hasSize((int) expectedTotal);
        }
        for (Cache c : t.caches()) {
            soft.assertThat(t.onlineCpus().containsAll(c.sharedBy())).as("cache shared by online CPUs only: %s", c).isTrue();
        }
    }

    private static void compareKinds(SoftAssertions soft, Topology t, Object kinds) {
        List<Object> list = kinds == null ? List.of() : list(kinds);
        if (list.size() <= 1) {
            soft.assertThat(t.cpus()).extracting(Cpu::kind).as("one kind of core").containsOnly(CpuKind.UNIFORM);
            return;
        }
        int best = list.stream().mapToInt(k -> num(map(k).get("efficiency"))).max().orElseThrow();
        for (Object o : list) {
            Map<String, Object> k = map(o);
            CpuKind kind = num(k.get("efficiency")) == best ? CpuKind.PERFORMANCE : CpuKind.EFFICIENCY;
            for (int cpu : CpuSet.parseList((String) k.get("cpus")).toArray()) {
                soft.assertThat(t.cpu(cpu).map(Cpu::kind)).as("kind of CPU %d", cpu).contains(kind);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object o) {
        return (List<Object>) o;
    }

    private static int num(Object o) {
        return ((Long) o).intValue();
    }
}
