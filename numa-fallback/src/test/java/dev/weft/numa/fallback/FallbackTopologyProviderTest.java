package dev.weft.numa.fallback;

import dev.weft.Weft;
import dev.weft.spi.AffinityException;
import dev.weft.spi.TopologyProvider;
import dev.weft.topology.CpuSet;
import dev.weft.topology.Topology;
import dev.weft.topology.TopologyException;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FallbackTopologyProviderTest {

    private final FallbackTopologyProvider provider = new FallbackTopologyProvider();
    private final int cpus = Runtime.getRuntime().availableProcessors();

    @Test
    void identity_nameAndLowestPriority_alwaysSupported() {
        assertThat(provider.name()).isEqualTo("fallback");
        assertThat(provider.priority()).isEqualTo(Integer.MIN_VALUE);
        assertThat(provider.isSupported()).isTrue();
    }

    @Test
    void serviceLoader_findsTheProvider() {
        assertThat(Weft.topologyProviders()).extracting(TopologyProvider::name).contains("fallback");
    }

    @Test
    void detect_oneNodeOfAvailableProcessors() {
        Topology t = provider.detect();

        assertThat(t.provider()).isEqualTo("fallback");
        assertThat(t.nodes()).hasSize(1);
        assertThat(t.node(0).cpus()).isEqualTo(CpuSet.range(0, cpus - 1));
        assertThat(t.node(0).memoryBytes()).isEqualTo(-1);
        assertThat(t.puCount()).isEqualTo(cpus);
        assertThat(t.coreCount()).isEqualTo(cpus);
        assertThat(t.packageCount()).isEqualTo(1);
        assertThat(t.caches()).isEmpty();
        assertThat(t.cpuQuota()).isEmpty();
        assertThat(t.allowedCpus()).isEqualTo(t.onlineCpus());
        assertThat(t.defaultParallelism()).isEqualTo(cpus);
        assertThat(t.cpuModel()).isEqualTo("unknown");
    }

    @Test
    void topologyOf_sixteen() {
        Topology t = FallbackTopologyProvider.topologyOf(16);

        assertThat(t.onlineCpus().toList()).isEqualTo("0-15");
        assertThat(t.distance(0, 0)).isEqualTo(10);
    }

    @Test
    void topologyOf_zero_isRefused() {
        assertThatThrownBy(() -> FallbackTopologyProvider.topologyOf(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("returned 0");
    }

    @Test
    void affinity_isUnsupported_withCause() {
        assertThat(provider.affinity().isSupported()).isFalse();
        assertThat(provider.affinity().unavailabilityCause()).isPresent();
        assertThat(provider.affinity().currentCpu()).isEqualTo(-1);
        assertThat(provider.affinity().allowedCpus()).isEqualTo(CpuSet.range(0, cpus - 1));
        assertThatThrownBy(() -> provider.affinity().bindCurrentThread(CpuSet.of(0)))
                .isInstanceOf(AffinityException.class)
                .hasMessageContaining("not supported");
    }

    @Test
    void readDump_isRefused_namingTheLinuxProvider() {
        assertThatThrownBy(() -> provider.readDump(Path.of("/tmp/machine")))
                .isInstanceOf(TopologyException.class)
                .hasMessageContaining("'fallback' cannot read")
                .hasMessageContaining("'linux'");
    }
}
