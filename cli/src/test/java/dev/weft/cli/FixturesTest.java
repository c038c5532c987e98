package dev.weft.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code weft topology --root} on every recorded machine in {@code ../shared/fixtures/sysfs}, through the real
 * providers found by {@link java.util.ServiceLoader}. Skipped, with the reason, when the fixtures or the Linux
 * provider are absent.
 */
class FixturesTest {

    @BeforeAll
    static void needFixturesAndLinuxProvider() {
        assumeTrue(Runtimes.hasFixtures(), "skipped: no sysfs fixtures at " + Runtimes.FIXTURES + " (a fresh clone has no ../shared)");
        assumeTrue(Runtimes.hasDumpReader(), "skipped: the 'linux' topology provider (weft-numa-linux) is not on the test path");
    }

    static Stream<String> machines() throws IOException {
        if (!Runtimes.hasFixtures()) {
            return Stream.of("(none)");
        }
        try (Stream<Path> dirs = Files.list(Runtimes.FIXTURES)) {
            return dirs.filter(d -> Files.isRegularFile(d.resolve("expected.json")))
                    .map(d -> d.getFileName().toString()).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("machines")
    void topologyRoot_fixture_readableReport(String machine) {
        Cli r = Cli.run("topology", "--root", Runtimes.FIXTURES.resolve(machine).toString());

        assertThat(r.err()).isEmpty();
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("sysfs dump").contains("Node ").contains("Node distances");
    }

    @ParameterizedTest
    @MethodSource("machines")
    void topologyRootJson_fixture_nodesMatchExpectedJson(String machine) throws IOException {
        Path dir = Runtimes.FIXTURES.resolve(machine);
        Cli r = Cli.run("topology", "--json", "--root", dir.toString());

        assertThat(r.err()).isEmpty();
        assertThat(r.exit()).isZero();
        Map<String, Object> json = TestJson.object(r.out());
        assertThat(json).containsKeys("provider", "nodes", "packages", "cores", "pus", "distances", "caches",
                "allowedCpus", "defaultParallelism", "machine");
        Map<BigDecimal, Object> ours = new HashMap<>();
        for (Object n : (List<?>) json.get("nodes")) {
            ours.put((BigDecimal) ((Map<?, ?>) n).get("id"), ((Map<?, ?>) n).get("cpus"));
        }
        List<?> rows = (List<?>) json.get("distances");
        assertThat(rows).hasSize(ours.size());
        rows.forEach(row -> assertThat((List<?>) row).hasSize(ours.size()));
        Map<String, Object> expected = TestJson.object(Files.readString(dir.resolve("expected.json")));
        for (Object n : (List<?>) expected.get("numa_nodes")) {
            Map<?, ?> node = (Map<?, ?>) n;
            if (node.get("cpus") != null) {
                assertThat(ours).as("node %s of %s", node.get("os_index"), machine)
                        .containsEntry((BigDecimal) node.get("os_index"), node.get("cpus"));
            }
        }
    }

    @Test
    void topologyRootJson_interleavedTwoNodes_doneMeansCheck() {
        Cli r = Cli.run("topology", "--root", Runtimes.FIXTURES.resolve("x86-2node-interleaved-smt2").toString(), "--json");

        assertThat(r.exit()).isZero();
        Map<String, Object> json = TestJson.object(r.out());
        List<?> nodes = (List<?>) json.get("nodes");
        assertThat(nodes).hasSize(2);
        assertThat(((Map<?, ?>) nodes.get(0)).get("cpus")).isEqualTo("0-7,16-23");
        assertThat(((Map<?, ?>) nodes.get(1)).get("cpus")).isEqualTo("8-15,24-31");
        assertThat(json.get("distances").toString()).isEqualTo("[[10, 21], [21, 10]]");
    }

    @Test
    void topologyRoot_folderWithoutSysfs_oneLineAndExit1() {
        Cli r = Cli.run("topology", "--root", Runtimes.FIXTURES.toString());

        assertThat(r.exit()).isEqualTo(Main.EXIT_FAILURE);
        assertThat(r.out()).isEmpty();
        assertThat(r.errLines()).hasSize(1);
        assertThat(r.errLines()[0]).startsWith("weft: ");
        UsageErrorsTest.assertNoStackTrace(r.err());
    }
}
