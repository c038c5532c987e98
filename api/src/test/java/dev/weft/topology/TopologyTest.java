package dev.weft.topology;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TopologyTest {

    private static Topology sixteenCpus(CpuQuota quota) {
        return Topology.builder().uniform(2, 8).cpuQuota(quota).build();
    }

    @ParameterizedTest(name = "quota {0}/{1} on 16 CPUs -> {2}")
    @CsvSource({
            "200000, 100000, 2",
            "150000, 100000, 2",
            "50000, 100000, 1",
            "1, 100000, 1",
            "1600000, 100000, 16",
            "9900000, 100000, 16",
    })
    void defaultParallelism_quota(long quota, long period, int expected) {
        assertThat(sixteenCpus(new CpuQuota(quota, period)).defaultParallelism()).isEqualTo(expected);
    }

    @Test
    void defaultParallelism_noQuota_isUsableCpus() {
        assertThat(sixteenCpus(null).defaultParallelism()).isEqualTo(16);
    }

    @Test
    void defaultParallelism_allowedSubset_capsIt() {
        Topology t = Topology.builder().uniform(2, 8).allowedCpus(CpuSet.parseList("0-2,20")).build();

        assertThat(t.usableCpus().toList()).isEqualTo("0-2");
        assertThat(t.defaultParallelism()).isEqualTo(3);
    }

    @Test
    void defaultParallelism_nothingUsable_isOne() {
        Topology t = Topology.builder().uniform(1, 4).allowedCpus(CpuSet.of(9)).build();

        assertThat(t.defaultParallelism()).isEqualTo(1);
    }

    @Test
    void cpuQuota_cpus_roundsUp() {
        assertThat(new CpuQuota(150_000, 100_000).cpus()).isEqualTo(2);
        assertThat(new CpuQuota(100_000, 100_000).cpus()).isEqualTo(1);
        assertThat(new CpuQuota(Long.MAX_VALUE, 1).cpus()).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void cpuQuota_nonPositive_namesValue() {
        assertThatThrownBy(() -> new CpuQuota(0, 100_000))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("CPU quota 0");
        assertThatThrownBy(() -> new CpuQuota(1, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("period 0");
    }

    @Test
    void build_noNode_isRejected() {
        assertThatThrownBy(() -> Topology.builder().build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one NUMA node");
    }

    @Test
    void build_cpuOnUnknownNode_namesNodeAndKnownNodes() {
        Topology.Builder b = Topology.builder()
                .node(new NumaNode(0, CpuSet.of(0), -1))
                .cpu(new Cpu(0, 0, 0, 0, -1, -1, CpuKind.UNIFORM, -1))
                .cpu(new Cpu(1, 3, 0, 1, -1, -1, CpuKind.UNIFORM, -1));

        assertThatThrownBy(b::build)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("CPU 1 names NUMA node 3")
                .hasMessageContaining("[0]");
    }

    @Test
    void build_duplicateNode_isRejected() {
        Topology.Builder b = Topology.builder()
                .node(new NumaNode(1, CpuSet.empty(), -1))
                .node(new NumaNode(1, CpuSet.empty(), -1));

        assertThatThrownBy(b::build).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("node 1 is listed twice");
    }

    @Test
    void build_duplicateCpu_isRejected() {
        Topology.Builder b = Topology.builder().uniform(1, 1).cpu(new Cpu(0, 0, 0, 0, -1, -1, CpuKind.UNIFORM, -1));

        assertThatThrownBy(b::build).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("CPU 0 is listed twice");
    }

    @Test
    void build_distanceMatrixOfWrongShape_namesShape() {
        assertThatThrownBy(() -> Topology.builder().uniform(2, 1).distances(new int[][] {{10}}).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1 rows for 2 NUMA nodes")
                .hasMessageContaining("2x2");
        assertThatThrownBy(() -> Topology.builder().uniform(2, 1).distances(new int[][] {{10, 20}, {20}}).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("row 1 has 1 entries");
    }

    @Test
    void uniform_badShape_namesArguments() {
        assertThatThrownBy(() -> Topology.builder().uniform(0, 4))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("uniform(0, 4)");
    }

    @Test
    void records_rejectBadValues_withNamedValue() {
        assertThatThrownBy(() -> new NumaNode(-1, CpuSet.empty(), -1)).hasMessageContaining("NUMA node id -1");
        assertThatThrownBy(() -> new NumaNode(0, CpuSet.empty(), -2)).hasMessageContaining("memoryBytes -2");
        assertThatThrownBy(() -> new Cache(0, CacheType.DATA, 1, 64, CpuSet.of(0))).hasMessageContaining("cache level 0");
        assertThatThrownBy(() -> new Cache(1, CacheType.DATA, -1, 64, CpuSet.of(0))).hasMessageContaining("cache size -1");
        assertThatThrownBy(() -> new Cpu(-1, 0, 0, 0, -1, -1, CpuKind.UNIFORM, -1)).hasMessageContaining("CPU id -1");
        assertThatThrownBy(() -> new Cpu(0, 0, 0, 0, -1, -1, null, -1)).hasMessageContaining("no kind");
    }

    @Test
    void queries_sparseNodesAndDistances() {
        Topology t = Topology.builder()
                .node(new NumaNode(4, CpuSet.of(0, 1), 1024))
                .node(new NumaNode(0, CpuSet.of(2, 3), 2048))
                .node(new NumaNode(9, CpuSet.empty(), 4096))
                .cpu(new Cpu(0, 4, 1, 0, -1, -1, CpuKind.UNIFORM, -1))
                .cpu(new Cpu(1, 4, 1, 0, -1, -1, CpuKind.UNIFORM, -1))
                .cpu(new Cpu(2, 0, 0, 0, -1, -1, CpuKind.UNIFORM, -1))
                .cpu(new Cpu(3, 0, 0, 1, -1, -1, CpuKind.UNIFORM, -1))
                .distances(new int[][] {{10, 21, 14}, {21, 10, 30}, {14, 30, 10}})
                .build();

        assertThat(t.nodes()).extracting(NumaNode::id).containsExactly(0, 4, 9);
        assertThat(t.distance(4, 9)).isEqualTo(30);
        assertThat(t.distance(0, 9)).isEqualTo(14);
        assertThat(t.nodesByDistance(0)).containsExactly(9, 4);
        assertThat(t.node(9).isCpuless()).isTrue();
        assertThat(t.packageCount()).isEqualTo(2);
        assertThat(t.coreCount()).isEqualTo(3);
        assertThat(t.cores()).containsExactly(CpuSet.of(0, 1), CpuSet.of(2), CpuSet.of(3));
        assertThat(t.puCount()).isEqualTo(4);
        assertThat(t.usableCpus(4)).isEqualTo(CpuSet.of(0, 1));
        assertThatThrownBy(() -> t.node(5)).hasMessageContaining("NUMA node 5 does not exist").hasMessageContaining("[0, 4, 9]");
    }

    @Test
    void cacheSize_ignoresInstructionCaches_andTakesSmallest() {
        Topology t = Topology.builder().uniform(1, 2)
                .cache(new Cache(1, CacheType.INSTRUCTION, 8 * 1024, 64, CpuSet.of(0)))
                .cache(new Cache(1, CacheType.DATA, 48 * 1024, 64, CpuSet.of(0)))
                .cache(new Cache(1, CacheType.DATA, 32 * 1024, 64, CpuSet.of(1)))
                .build();

        assertThat(t.cacheSize(1)).isEqualTo(32 * 1024);
        assertThat(t.cacheSize(2)).isEqualTo(-1);
        assertThat(t.caches()).hasSize(3);
    }

    @Test
    void equals_sameContent() {
        assertThat(Topology.builder().uniform(2, 2).build()).isEqualTo(Topology.builder().uniform(2, 2).build());
        assertThat(Topology.builder().uniform(2, 2).build()).isNotEqualTo(Topology.builder().uniform(1, 4).build());
    }

    @Test
    void topologyException_badContent_namesFileAndQuotesContent() {
        TopologyException e = TopologyException.badContent(Path.of("/sys/x/online"), "0-3\u0000junk\n",
                "not a cpulist", null);

        assertThat(e.getMessage()).isEqualTo("/sys/x/online: holds '0-3\\x00junk\\x0a': not a cpulist");
        assertThat(List.of(e.getMessage().split("\n"))).hasSize(1);
    }
}
