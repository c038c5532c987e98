package dev.weft.cli;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TopologyJsonTest {

    @Test
    void render_interleavedTwoNodes_reportsNodesDistancesAndCaches() {
        Map<String, Object> json = TestJson.object(TopologyJson.render(Machines.interleaved(), MachineInfo.dump(Path.of("/dumps/x"))));

        assertThat(json.get("provider")).isEqualTo("linux");
        List<?> nodes = (List<?>) json.get("nodes");
        assertThat(nodes).hasSize(2);
        assertThat(((Map<?, ?>) nodes.get(0)).get("cpus")).isEqualTo("0-7,16-23");
        assertThat(((Map<?, ?>) nodes.get(1)).get("cpus")).isEqualTo("8-15,24-31");
        assertThat(((Map<?, ?>) nodes.get(0)).get("memoryBytes")).isEqualTo(new BigDecimal("49000000000"));
        assertThat(((Map<?, ?>) nodes.get(1)).get("memoryBytes")).isNull();
        assertThat(json.get("distances")).isEqualTo(List.of(List.of(num(10), num(21)), List.of(num(21), num(10))));
        assertThat(json.get("packages")).isEqualTo(num(2));
        assertThat(json.get("cores")).isEqualTo(num(16));
        assertThat(json.get("pus")).isEqualTo(num(32));
        assertThat(json.get("allowedCpus")).isEqualTo("0-31");
        assertThat(json.get("defaultParallelism")).isEqualTo(num(32));
        assertThat(json.get("cpuQuota")).isNull();
        assertThat(json.get("caches")).isEqualTo(List.of(
                cache(1, "data", 32768, 16), cache(1, "instruction", 32768, 16),
                cache(2, "unified", 1 << 20, 16), cache(3, "unified", 11 << 20, 2)));
        Map<String, Object> machine = TestJson.map(json.get("machine"));
        assertThat(machine.get("source")).isEqualTo("dump");
        assertThat(machine.get("root")).isEqualTo("/dumps/x");
        assertThat(machine.get("jdk")).isNull();
    }

    @Test
    void render_cpulessNodeAndQuota_emptyCpusQuotaAndCappedParallelism() {
        String text = TopologyJson.render(Machines.cpulessWithQuota(), MachineInfo.live());
        Map<String, Object> json = TestJson.object(text);

        List<?> nodes = (List<?>) json.get("nodes");
        assertThat(TestJson.map(nodes.get(1))).containsEntry("id", num(4)).containsEntry("cpus", "");
        assertThat(json.get("allowedCpus")).isEqualTo("1");
        assertThat(json.get("usableCpus")).isEqualTo("1");
        assertThat(json.get("cpuQuota")).isEqualTo(Map.of("quotaMicros", num(150000), "periodMicros", num(100000), "cpus", num(2)));
        assertThat(json.get("defaultParallelism")).isEqualTo(num(1));
        assertThat(json.get("caches")).isEqualTo(List.of());
        Map<String, Object> machine = TestJson.map(json.get("machine"));
        assertThat(machine.get("cpuModel")).isEqualTo("Odd \"CPU\"\\ model\twith\u0001controls");
        assertThat(machine.get("jdk")).isEqualTo(System.getProperty("java.runtime.version"));
        assertThat(text).contains("\\u0001").doesNotContain("\u0001");
    }

    @Test
    void render_hybrid_countsDistinctOnlineCacheInstancesPerSize() {
        Map<String, Object> json = TestJson.object(TopologyJson.render(Machines.hybridAcrossNodes(), MachineInfo.live()));

        assertThat(json.get("caches")).isEqualTo(List.of(
                cache(2, "unified", 2 << 20, 1), cache(2, "unified", 1_310_720, 2), cache(3, "unified", 24 << 20, 1)));
        assertThat(json.get("cpuKinds")).isEqualTo(Map.of("performance", "0-3", "efficiency", "4-7"));
    }

    private static Map<String, Object> cache(int level, String type, long size, int count) {
        return Map.of("level", num(level), "type", type, "sizeBytes", num(size), "count", num(count), "lineSize", num(64));
    }

    private static BigDecimal num(long v) {
        return BigDecimal.valueOf(v);
    }
}
