package dev.weft.cli;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class TopologyTextTest {

    @Test
    void render_interleaved_treeWithCachesAtTheirLevel() {
        String text = TopologyText.render(Machines.interleaved(), MachineInfo.dump(Path.of("/dumps/x")));

        assertThat(text)
                .contains("2 NUMA nodes, 2 packages, 16 cores, 32 PUs")
                .contains("sysfs dump /dumps/x")
                .contains("Provider    linux")
                .contains("usable 0-31 (32 CPUs)")
                .contains("CPU quota   none")
                .contains("Parallelism 32 by default")
                .contains("Caches      L1d 32 KiB x16, L1i 32 KiB x16, L2 1 MiB x16, L3 11 MiB x2")
                .contains("Node 0: CPUs 0-7,16-23, memory 45.6 GiB\n  Package 0: CPUs 0-7,16-23\n    L3 11 MiB\n"
                        + "    Core 0: CPUs 0,16   L1d 32 KiB, L1i 32 KiB, L2 1 MiB\n")
                .contains("Node 1: CPUs 8-15,24-31, memory unknown")
                .contains("    Core 7: CPUs 15,31   L1d 32 KiB")
                .contains("     node   0   1\n        0  10  21\n        1  21  10\n");
    }

    @Test
    void render_cpulessNodeAndQuota_saysNoCpusAndCountsTheQuota() {
        String text = TopologyText.render(Machines.cpulessWithQuota(), MachineInfo.live());

        assertThat(text)
                .contains("Node 4: no CPUs, memory 2 GiB")
                .contains("Node 0: CPUs 0-1 (usable 1), memory 8 GiB")
                .contains("CPU quota   1.5 CPUs (150000 us per 100000 us period), counted as 2")
                .contains("Parallelism 1 by default (usable CPUs, capped by the CPU quota)")
                .contains("Caches      none reported")
                .contains("Source      this machine");
    }

    @Test
    void render_hybridAcrossNodes_kindsClusterCachesAndSharedCaches() {
        String text = TopologyText.render(Machines.hybridAcrossNodes(), MachineInfo.live());

        assertThat(text)
                .contains("CPU kinds   performance 0-3; efficiency 4-7")
                .contains("    Core 0 (performance): CPUs 0-1   L2 1.25 MiB")
                .contains("  Package 0: CPUs 4-7\n    L2 2 MiB\n    Core 4 (efficiency): CPU 4\n")
                .contains("Shared across nodes: L3 24 MiB (CPUs 0-7)");
    }
}
