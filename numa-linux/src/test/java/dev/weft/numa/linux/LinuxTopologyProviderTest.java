package dev.weft.numa.linux;

import dev.weft.Weft;
import dev.weft.spi.TopologyProvider;
import dev.weft.topology.CacheType;
import dev.weft.topology.Topology;
import dev.weft.topology.TopologyException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The provider as a service, on this machine: a single-node Linux guest with two CPUs and L1d/L1i/L2/L3 caches. The
 * CPU model is checked against {@code /proc/cpuinfo} itself, since the CI machine's vendor changes between runs.
 */
class LinuxTopologyProviderTest {

    private final LinuxTopologyProvider provider = new LinuxTopologyProvider();

    @Test
    void identity_nameAndPriority() {
        assertThat(provider.name()).isEqualTo("linux");
        assertThat(provider.priority()).isEqualTo(100);
        assertThat(provider.isSupported()).isTrue();
    }

    @Test
    void serviceLoader_findsTheProvider() {
        assertThat(Weft.topologyProviders()).extracting(TopologyProvider::name).contains("linux");
    }

    @Test
    void detect_thisMachine() throws Exception {
        Topology t = provider.detect();

        assertThat(t.provider()).isEqualTo("linux");
        assertThat(t.nodes()).hasSize(1);
        assertThat(t.node(0).cpus().toList()).isEqualTo("0-1");
        assertThat(t.node(0).memoryBytes()).isPositive();
        assertThat(t.onlineCpus().toList()).isEqualTo("0-1");
        assertThat(t.allowedCpus().toList()).isEqualTo("0-1");
        assertThat(t.cpuModel()).isEqualTo(firstModelNameInProcCpuinfo());
        assertThat(t.caches()).extracting(c -> "L" + c.level() + c.type())
                .contains("L1" + CacheType.DATA, "L1" + CacheType.INSTRUCTION, "L2" + CacheType.UNIFIED, "L3" + CacheType.UNIFIED);
        assertThat(t.cacheSize(1)).isPositive();
        assertThat(t.cacheSize(3)).isGreaterThan(t.cacheSize(2));
        assertThat(t.defaultParallelism()).isBetween(1, 2);
    }

    @Test
    void detect_twice_sameAnswer() {
        assertThat(provider.detect()).isEqualTo(provider.detect());
    }

    @Test
    void affinity_isTheJnaOne_andSupportedHere() {
        assertThat(provider.affinity()).isInstanceOf(LinuxThreadAffinity.class).isSameAs(provider.affinity());
        assertThat(provider.affinity().isSupported()).isTrue();
        assertThat(provider.affinity().allowedCpus()).isEqualTo(provider.detect().allowedCpus());
    }

    @Test
    void readDump_absentFolder_namesIt(@TempDir Path temp) {
        Path absent = temp.resolve("no-such-machine");

        assertThatThrownBy(() -> provider.readDump(absent))
                .isInstanceOf(TopologyException.class)
                .hasMessageContaining(absent.toString())
                .hasMessageContaining("no such folder");
    }

    @Test
    void readDump_folderWithoutSysfs_namesIt(@TempDir Path temp) throws Exception {
        Files.createDirectories(temp.resolve("sys/devices/system/node"));

        assertThatThrownBy(() -> provider.readDump(temp))
                .isInstanceOf(TopologyException.class)
                .hasMessageContaining(temp.toString())
                .hasMessageContaining("sys/devices/system/cpu");
    }

    @Test
    void readDump_ownFixture_isNotTheLiveMachine() {
        Topology t = provider.readDump(Fixtures.own("small"));

        assertThat(t.onlineCpus().toList()).isEqualTo("0-3,5");
        assertThat(t.allowedCpus().toList()).isEqualTo("0-2");
    }

    /** The kernel's own answer, read independently of the provider: the first {@code model name} line. */
    private static String firstModelNameInProcCpuinfo() throws Exception {
        try (var lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            return lines.filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).strip())
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("/proc/cpuinfo has no model name line"));
        }
    }
}
