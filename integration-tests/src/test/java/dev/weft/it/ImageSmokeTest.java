package dev.weft.it;

import dev.weft.it.support.ChildJvm;
import dev.weft.it.support.ChildJvm.Result;
import dev.weft.it.support.TopologyJson;
import dev.weft.it.support.WeftRuntime;
import dev.weft.topology.CpuSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The jlink image that dist builds, run as a user runs it: {@code bin/weft}. The image is found under
 * {@code dist/target}; without one (a build that skipped dist, such as the JDK 25 pass) every test here is
 * skipped with the reason.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class ImageSmokeTest {

    private static final String FIXTURE = "x86-2node-interleaved-smt2";

    private static Optional<Path> image;

    @BeforeAll
    static void findImage() throws IOException {
        image = findImage(WeftRuntime.repoRoot().resolve("dist").resolve("target"));
    }

    /** The first folder (in path order) under {@code target} that holds a jlink image with {@code bin/weft}. */
    static Optional<Path> findImage(Path target) throws IOException {
        if (!Files.isDirectory(target)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.walk(target, 4)) {
            return files.filter(p -> p.getFileName().toString().equals("weft") && Files.isRegularFile(p)
                            && p.getParent().getFileName().toString().equals("bin"))
                    .map(p -> p.getParent().getParent())
                    .filter(root -> Files.isRegularFile(root.resolve("release")) && Files.isRegularFile(root.resolve("bin/java")))
                    .min(Comparator.naturalOrder());
        }
    }

    private static Path image() {
        assumeTrue(image.isPresent(), () -> "no jlink image (a folder with bin/weft, bin/java and release) under "
                + WeftRuntime.repoRoot().resolve("dist/target") + ": build it with ./mvnw -pl dist install on JDK 17");
        return image.get();
    }

    private static Result weft(String... args) {
        List<String> command = new java.util.ArrayList<>();
        command.add(image().resolve("bin").resolve("weft").toString());
        command.addAll(List.of(args));
        return ChildJvm.run(command);
    }

    @Test
    void topologyJson_describesThisMachine() throws IOException {
        Result r = weft("topology", "--json");

        assertThat(r.exitCode()).as(r.describe()).isZero();
        TopologyJson t = TopologyJson.parse(r.stdout());
        assertThat(t.provider()).as(r.describe()).isEqualTo(ServiceSelectionTest.expectedDefaultProvider());
        Map<Integer, String> nodes = t.nodeCpus();
        assertThat(nodes).as(r.describe()).isNotEmpty();
        CpuSet all = CpuSet.empty();
        for (String cpus : nodes.values()) {
            all = all.union(CpuSet.parseList(cpus));
        }
        CpuSet allowed = CpuSet.parseList(t.allowedCpus());
        assertThat(allowed.isEmpty()).as("allowed CPUs %s", allowed).isFalse();
        assertThat(all.containsAll(allowed)).as("allowed CPUs %s lie in the nodes' %s", allowed, all).isTrue();

        // What this Linux machine says itself; on this 2-CPU box: one node with CPUs 0-1, all allowed.
        Path sysNode = Path.of("/sys/devices/system/node");
        if (Files.isDirectory(sysNode)) {
            assertThat(nodes).as(r.describe()).isEqualTo(sysfsNodes(sysNode));
        }
        Optional<String> mask = ownAllowedCpus();
        if (mask.isPresent()) {
            assertThat(allowed).as(r.describe()).isEqualTo(CpuSet.parseList(mask.get()));
        }
    }

    @Test
    void topologyJson_recordedTwoNodeMachine_readsItsNodesAndDistances() {
        Path root = WeftRuntime.sysfsFixture(FIXTURE);
        assumeTrue(Files.isDirectory(root), () -> "no sysfs fixture at " + root + ": ../shared is absent (a fresh clone)");

        Result r = weft("topology", "--root", root.toString(), "--json");

        assertThat(r.exitCode()).as(r.describe()).isZero();
        TopologyJson t = TopologyJson.parse(r.stdout());
        assertThat(t.nodeCpus()).as(r.describe()).containsExactly(Map.entry(0, "0-7,16-23"), Map.entry(1, "8-15,24-31"));
        assertThat(t.distances()).as(r.describe()).containsExactly(List.of(10, 21), List.of(21, 10));
    }

    @Test
    void weft_unknownSubcommand_exits2WithOneLineAndNoStackTrace() {
        Result r = weft("bogus");

        assertThat(r.exitCode()).as(r.describe()).isEqualTo(2);
        assertThat(r.stderrLines()).as(r.describe()).hasSize(1);
        assertThat(r.stderr()).as(r.describe()).contains("bogus").doesNotContain("\tat ").doesNotContain("Exception");
    }

    @Test
    void image_linksEveryProviderAndTheCore() {
        Result r = ChildJvm.run(List.of(image().resolve("bin").resolve("java").toString(), "--list-modules"));

        assertThat(r.exitCode()).as(r.describe()).isZero();
        assertThat(r.stdout().lines().map(l -> l.replaceFirst("@.*", "")))
                .as("providers are not pulled in by requires: dist must name them in addModules")
                .contains("dev.weft", "dev.weft.core", "dev.weft.numa.linux", "dev.weft.numa.fallback",
                        "dev.weft.kernels", "dev.weft.cli", "com.sun.jna", "info.picocli");
    }

    @Test
    void imageJava_fallbackForced_reportsTheFallbackProvider() {
        Result r = ChildJvm.run(List.of(image().resolve("bin").resolve("java").toString(),
                "--enable-native-access=com.sun.jna", "-Dweft.topology.provider=fallback",
                "-m", "dev.weft.cli/dev.weft.cli.Main", "topology", "--json"));

        assertThat(r.exitCode()).as(r.describe()).isZero();
        assertThat(TopologyJson.parse(r.stdout()).provider()).as(r.describe()).isEqualTo("fallback");
    }

    /** Node id to cpulist as sysfs lists them, restricted to online CPUs (node masks keep offline ones). */
    private static Map<Integer, String> sysfsNodes(Path sysNode) throws IOException {
        Path onlineFile = Path.of("/sys/devices/system/cpu/online");
        Optional<CpuSet> online = Files.isReadable(onlineFile)
                ? Optional.of(CpuSet.parseList(Files.readString(onlineFile).strip())) : Optional.empty();
        Map<Integer, String> nodes = new TreeMap<>();
        Pattern nodeDir = Pattern.compile("node(\\d+)");
        try (Stream<Path> dirs = Files.list(sysNode)) {
            for (Path d : (Iterable<Path>) dirs::iterator) {
                Matcher m = nodeDir.matcher(d.getFileName().toString());
                if (m.matches() && Files.isReadable(d.resolve("cpulist"))) {
                    CpuSet cpus = CpuSet.parseList(Files.readString(d.resolve("cpulist")).strip());
                    nodes.put(Integer.parseInt(m.group(1)), online.map(cpus::intersect).orElse(cpus).toList());
                }
            }
        }
        return nodes;
    }

    /** This process's affinity mask from /proc, which the child inherits, when there is a /proc. */
    private static Optional<String> ownAllowedCpus() throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.isReadable(status)) {
            return Optional.empty();
        }
        return Files.readAllLines(status).stream().filter(l -> l.startsWith("Cpus_allowed_list:"))
                .map(l -> l.substring(l.indexOf(':') + 1).strip()).findFirst();
    }
}
