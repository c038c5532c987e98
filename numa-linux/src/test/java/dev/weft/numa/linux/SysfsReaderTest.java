package dev.weft.numa.linux;

import dev.weft.topology.Cache;
import dev.weft.topology.CacheType;
import dev.weft.topology.Cpu;
import dev.weft.topology.CpuKind;
import dev.weft.topology.CpuQuota;
import dev.weft.topology.CpuSet;
import dev.weft.topology.NumaNode;
import dev.weft.topology.Topology;
import dev.weft.topology.TopologyException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The reader on this module's own small fixture (see src/test/resources/fixtures/README.md) and variants of it. */
class SysfsReaderTest {

    private static final String CPU = "sys/devices/system/cpu/";
    private static final String NODE = "sys/devices/system/node/";

    @TempDir
    Path temp;
    private Path root;

    @BeforeEach
    void copyFixture() {
        root = Fixtures.copy(Fixtures.own("small"), temp.resolve("small"));
    }

    private Topology read() {
        return SysfsReader.forDump(new SysfsFiles(root)).read();
    }

    @Test
    void read_small_nodesAndCpus() {
        Topology t = read();

        assertThat(t.provider()).isEqualTo("linux");
        assertThat(t.cpuModel()).isEqualTo("Weft Test CPU @ 1.00GHz");
        assertThat(t.onlineCpus().toList()).isEqualTo("0-3,5");
        assertThat(t.nodes()).containsExactly(
                new NumaNode(0, CpuSet.parseList("0-3,5"), 1024L * 1024 * 1024),
                new NumaNode(1, CpuSet.empty(), 2048L * 1024 * 1024));
        assertThat(t.node(1).isCpuless()).isTrue();
        assertThat(t.distance(0, 1)).isEqualTo(21);
        assertThat(t.cpus()).extracting(Cpu::node).containsOnly(0);
    }

    @Test
    void read_twoPackagesOnOneNode_smtSiblingsShareACore() {
        Topology t = read();

        assertThat(t.packageCount()).isEqualTo(2);
        assertThat(t.coreCount()).isEqualTo(4);
        assertThat(t.cores()).containsExactly(CpuSet.of(0, 1), CpuSet.of(2), CpuSet.of(3), CpuSet.of(5));
        assertThat(t.cpu(0).orElseThrow().packageId()).isEqualTo(0);
        assertThat(t.cpu(5).orElseThrow().packageId()).isEqualTo(1);
        assertThat(t.cpu(2).orElseThrow().coreId()).isEqualTo(1);
        assertThat(t.cpus()).extracting(Cpu::kind).containsOnly(CpuKind.UNIFORM);
    }

    @Test
    void read_caches_areDeduplicatedInstances() {
        Topology t = read();

        assertThat(count(t, 1, CacheType.DATA)).isEqualTo(4);
        assertThat(count(t, 1, CacheType.INSTRUCTION)).isEqualTo(4);
        assertThat(count(t, 2, CacheType.UNIFIED)).isEqualTo(4);
        assertThat(t.caches().stream().filter(c -> c.level() == 3).map(Cache::sharedBy))
                .containsExactly(CpuSet.of(0, 1, 2), CpuSet.of(3, 5));
        assertThat(t.cacheSize(3)).isEqualTo(8L << 20);
        assertThat(t.caches()).allSatisfy(c -> assertThat(c.lineSize()).isEqualTo(64));
    }

    @Test
    void read_unlistedNodeFolder_isNeverOpened() throws IOException {
        Path node2 = root.resolve(NODE + "node2");
        try (Stream<Path> files = Files.list(node2)) {
            for (Path f : files.toList()) {
                Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("---------"));
            }
        }
        List<Path> opened = new ArrayList<>();

        Topology t = SysfsReader.forDump(new SysfsFiles(root, opened::add)).read();

        assertThat(t.hasNode(2)).isFalse();
        assertThat(opened).isNotEmpty().noneMatch(p -> p.startsWith(node2));
        assertThat(opened).noneMatch(p -> p.endsWith("possible") || p.endsWith("present"));
    }

    @Test
    void read_cgroupFolderMissing_usesNearestAncestor() {
        Topology t = read();

        assertThat(t.allowedCpus().toList()).isEqualTo("0-2");
        assertThat(t.cpuQuota()).contains(new CpuQuota(150_000, 100_000));
        assertThat(t.defaultParallelism()).isEqualTo(2);
    }

    @Test
    void read_noCgroupFiles_allowsEveryOnlineCpu() throws IOException {
        deleteTree(root.resolve("sys/fs"));

        assertThat(read().allowedCpus()).isEqualTo(CpuSet.parseList("0-3,5"));
        assertThat(read().cpuQuota()).isEmpty();
    }

    @Test
    void read_liveMode_intersectsProcessMaskWithCpuset() {
        Topology t = new SysfsReader(new SysfsFiles(root), true, () -> Optional.of(CpuSet.of(1, 2, 5))).read();

        assertThat(t.allowedCpus().toList()).isEqualTo("1-2");
    }

    @Test
    void read_liveModeWithoutNativeMask_readsProcSelfStatus() {
        Fixtures.write(root, "proc/self/status", "Name:\tjava\nCpus_allowed:\t3\nCpus_allowed_list:\t0-1\n");

        Topology t = new SysfsReader(new SysfsFiles(root), true, Optional::empty).read();

        assertThat(t.allowedCpus().toList()).isEqualTo("0-1");
    }

    @Test
    void read_noCpuOnlineFile_usesFolders() throws IOException {
        Files.delete(root.resolve(CPU + "online"));

        assertThat(read().onlineCpus().toList()).isEqualTo("0-3,5");
    }

    @Test
    void read_noCpuOnlineFile_garbageInACpuOnlineFlag_namesIt() throws IOException {
        Files.delete(root.resolve(CPU + "online"));
        Fixtures.write(root, CPU + "cpu3/online", "maybe\n");

        assertThatThrownBy(this::read).isInstanceOf(TopologyException.class)
                .hasMessageContaining(root.resolve(CPU + "cpu3/online") + ": holds 'maybe")
                .hasMessageContaining("expected 0 or 1");
    }

    @Test
    void read_filesEndingInNul_parse() {
        Fixtures.write(root, CPU + "online", "0-3,5\n\0");
        Fixtures.write(root, NODE + "online", "0-1\n\0");
        Fixtures.write(root, CPU + "cpu0/topology/core_id", "0\n\0");
        Fixtures.write(root, NODE + "node0/distance", "10 21\n\0");

        assertThat(read().onlineCpus().toList()).isEqualTo("0-3,5");
    }

    @Test
    void read_oldKernelMasksOnly() throws IOException {
        Files.delete(root.resolve(NODE + "node0/cpulist"));
        Files.delete(root.resolve(NODE + "node1/cpulist"));
        Fixtures.write(root, NODE + "node0/cpumap", "00000000,0000003f\n");
        Fixtures.write(root, NODE + "node1/cpumap", "00000000,00000000\n");
        for (int cpu : new int[] {0, 1, 2, 3, 5}) {
            String topo = CPU + "cpu" + cpu + "/topology/";
            String threads = CpuSet.parseList(Files.readString(root.resolve(topo + "thread_siblings_list"))).toMask();
            String siblings = CpuSet.parseList(Files.readString(root.resolve(topo + "core_siblings_list"))).toMask();
            Files.delete(root.resolve(topo + "thread_siblings_list"));
            Files.delete(root.resolve(topo + "core_siblings_list"));
            Fixtures.write(root, topo + "thread_siblings", threads + "\n");
            Fixtures.write(root, topo + "core_siblings", siblings + "\n");
        }

        Topology t = read();

        assertThat(t.node(0).cpus().toList()).isEqualTo("0-3,5");
        assertThat(t.cores()).containsExactly(CpuSet.of(0, 1), CpuSet.of(2), CpuSet.of(3), CpuSet.of(5));
    }

    @Test
    void read_noNodeFolder_oneNodeWithMachineMemory() throws IOException {
        deleteTree(root.resolve(NODE));
        Fixtures.write(root, "proc/meminfo", "MemTotal:        2053992 kB\nMemFree:         1853820 kB\n");

        Topology t = read();

        assertThat(t.nodes()).containsExactly(new NumaNode(0, CpuSet.parseList("0-3,5"), 2053992L * 1024));
        assertThat(t.distances()).isEqualTo(new int[][] {{10}});
    }

    @Test
    void read_noNodeOnlineFile_usesNodeFolders_sparseIds() throws IOException {
        Files.delete(root.resolve(NODE + "online"));
        deleteTree(root.resolve(NODE + "node2"));
        Files.move(root.resolve(NODE + "node1"), root.resolve(NODE + "node4"));

        Topology t = read();

        assertThat(t.nodes()).extracting(NumaNode::id).containsExactly(0, 4);
        assertThat(t.distance(4, 0)).isEqualTo(21);
    }

    @Test
    void read_sparseOnlineNodes_distanceColumnsFollowOnlineOrder() throws IOException {
        Fixtures.write(root, NODE + "online", "0,2,5\n");
        deleteTree(root.resolve(NODE + "node2"));
        Files.move(root.resolve(NODE + "node1"), root.resolve(NODE + "node5"));
        Fixtures.write(root, NODE + "node2/cpulist", "\n");
        Fixtures.write(root, NODE + "node0/distance", "10 20 30\n");
        Fixtures.write(root, NODE + "node2/distance", "20 10 40\n");
        Fixtures.write(root, NODE + "node5/distance", "30 40 10\n");

        Topology t = read();

        assertThat(t.distance(0, 5)).isEqualTo(30);
        assertThat(t.distance(2, 5)).isEqualTo(40);
        assertThat(t.distance(5, 2)).isEqualTo(40);
        assertThat(t.nodesByDistance(0)).containsExactly(2, 5);
    }

    @Test
    void read_packageIdMinusOne_groupsBySiblingSets() {
        for (int cpu : new int[] {0, 1, 2, 3, 5}) {
            Fixtures.write(root, CPU + "cpu" + cpu + "/topology/physical_package_id", "-1\n");
        }

        Topology t = read();

        assertThat(t.packageCount()).isEqualTo(2);
        assertThat(t.cpu(2).orElseThrow().packageId()).isEqualTo(t.cpu(0).orElseThrow().packageId());
        assertThat(t.cpu(3).orElseThrow().packageId()).isNotEqualTo(t.cpu(0).orElseThrow().packageId());
    }

    @Test
    void read_coreIdRepeatedBySeparateCores_groupsByThreadSiblings() {
        Fixtures.write(root, CPU + "cpu2/topology/core_id", "0\n");

        Topology t = read();

        assertThat(t.cores()).containsExactly(CpuSet.of(0, 1), CpuSet.of(2), CpuSet.of(3), CpuSet.of(5));
    }

    @Test
    void read_cpuCapacity_marksHybridKinds() {
        for (int cpu : new int[] {0, 1, 2, 3, 5}) {
            Fixtures.write(root, CPU + "cpu" + cpu + "/cpu_capacity", cpu < 3 ? "1024\n" : "446\n");
        }

        Topology t = read();

        assertThat(t.cpu(0).orElseThrow().kind()).isEqualTo(CpuKind.PERFORMANCE);
        assertThat(t.cpu(0).orElseThrow().capacity()).isEqualTo(1024);
        assertThat(t.cpu(5).orElseThrow().kind()).isEqualTo(CpuKind.EFFICIENCY);
    }

    @Test
    void read_noCacheFolders_noCaches() throws IOException {
        for (int cpu : new int[] {0, 1, 2, 3, 5}) {
            deleteTree(root.resolve(CPU + "cpu" + cpu + "/cache"));
        }

        assertThat(read().caches()).isEmpty();
        assertThat(read().cacheSize(1)).isEqualTo(-1);
    }

    @ParameterizedTest(name = "{0} holding ''{1}''")
    @CsvSource(delimiter = '|', value = {
        "sys/devices/system/cpu/online|0-3,x|0-3,x",
        "sys/devices/system/node/online|zero|zero",
        "sys/devices/system/node/node0/cpulist|0-2;5|0-2;5",
        "sys/devices/system/node/node0/distance|10 2o|10 2o",
        "sys/devices/system/node/node0/distance|10 21 30|10 21 30",
        "sys/devices/system/node/node0/meminfo|Node 0 MemTotal: lots kB|lots",
        "sys/devices/system/node/node1/meminfo|Node 1 MemFree: 5 kB|MemFree",
        "sys/devices/system/cpu/cpu0/cache/index0/coherency_line_size|sixty|sixty",
        "sys/devices/system/cpu/cpu0/topology/core_id|first|first",
        "sys/devices/system/cpu/cpu0/topology/thread_siblings_list|0-1-2|0-1-2",
        "sys/devices/system/cpu/cpu0/cache/index0/size|32Q|32Q",
        "sys/devices/system/cpu/cpu0/cache/index0/type|Trace|Trace",
        "sys/devices/system/cpu/cpu0/cache/index0/level|10|10",
        "sys/fs/cgroup/app.slice/cpu.max|lots 100000|lots 100000",
        "sys/fs/cgroup/app.slice/cpu.max|1 2 3|1 2 3",
        "sys/fs/cgroup/app.slice/cpuset.cpus.effective|0-2,|0-2,",
        "proc/self/cgroup|not a cgroup line|not a cgroup line",
        "proc/self/mountinfo|short line|short line",
    })
    void read_fileThatDoesNotParse_namesFileAndContent(String file, String content, String quoted) {
        Fixtures.write(root, file, content + "\n");

        assertThatThrownBy(this::read)
                .isInstanceOf(TopologyException.class)
                .hasMessageStartingWith(root.resolve(file).toString())
                .hasMessageContaining(quoted);
    }

    @Test
    void read_controlCharactersInAFile_areEscapedInTheMessage() {
        Fixtures.write(root, CPU + "online", "0-3\u001b[2J\n");

        assertThatThrownBy(this::read)
                .isInstanceOf(TopologyException.class)
                .hasMessageContaining("0-3\\x1b[2J")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\u001b"));
    }

    @Test
    void read_noCpuFolder_namesIt() throws IOException {
        deleteTree(root.resolve(CPU));

        assertThatThrownBy(this::read).isInstanceOf(TopologyException.class)
                .hasMessageContaining(root.resolve("sys/devices/system/cpu").toString());
    }

    @Test
    void read_onlineCpuWithoutItsFolder_namesItInsteadOfDroppingIt() throws IOException {
        deleteTree(root.resolve(CPU + "cpu0"));

        assertThatThrownBy(this::read).isInstanceOf(TopologyException.class)
                .hasMessageStartingWith(root.resolve(CPU + "online").toString())
                .hasMessageContaining("lists CPU 0 online, but " + root.resolve("sys/devices/system/cpu")
                        + " has no cpuN folder for it");
    }

    @Test
    void read_onlineFileClaimingAMillionCpus_isAnError() {
        Fixtures.write(root, CPU + "online", "0-1048575\n");

        assertThatThrownBy(this::read).isInstanceOf(TopologyException.class)
                .hasMessageContaining("lists CPU 6-1048575 online");
    }

    @Test
    void read_noOnlineCpu_isAnError() {
        Fixtures.write(root, CPU + "online", "\n");

        assertThatThrownBy(this::read).isInstanceOf(TopologyException.class).hasMessageContaining("no online CPU");
    }

    private static long count(Topology t, int level, CacheType type) {
        return t.caches().stream().filter(c -> c.level() == level && c.type() == type).count();
    }

    static void deleteTree(Path dir) throws IOException {
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
