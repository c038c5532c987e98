package dev.weft.numa.linux;

import dev.weft.topology.Topology;
import dev.weft.topology.TopologyException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Garbage in any file the reader opens gives a valid topology or a {@link TopologyException}: never another
 * exception type, never a hang. The files are those the reader opens on the small fixture (recorded through
 * {@link SysfsFiles}'s hook, so a file the reader starts to read later is covered without editing this test),
 * in a temporary copy; each try overwrites one with random bytes or with text built from the characters sysfs
 * files are made of, then puts it back.
 */
class SysfsGarbagePropertiesTest {

    private static final Duration BOUND = Duration.ofSeconds(10);

    private static Path root;
    private static List<String> opened;

    @BeforeContainer
    static void copyFixture() throws IOException {
        root = Fixtures.copy(Fixtures.own("small"), Files.createTempDirectory("weft-garbage").resolve("small"));
        // The process mask and /proc/self/status feed the live path: add them so it is exercised too.
        Fixtures.write(root, "proc/self/status", "Name:\tjava\nCpus_allowed_list:\t0-3\n");
        Fixtures.write(root, "proc/meminfo", "MemTotal:        2053992 kB\n");
        List<Path> paths = new ArrayList<>();
        read(new SysfsFiles(root, paths::add), true);
        read(new SysfsFiles(root, paths::add), false);
        opened = paths.stream().map(p -> root.relativize(p).toString()).distinct().sorted().toList();
    }

    @AfterContainer
    static void deleteCopy() throws IOException {
        SysfsReaderTest.deleteTree(root.getParent());
    }

    private static Topology read(SysfsFiles files, boolean live) {
        return live ? new SysfsReader(files, true, Optional::empty).read() : SysfsReader.forDump(files).read();
    }

    @Property(tries = 400)
    void anyFileHoldingGarbage_givesTopologyOrTopologyException(
            @ForAll("openedFiles") String file, @ForAll("garbage") byte[] content, @ForAll boolean live) throws IOException {
        Path path = root.resolve(file);
        byte[] original = Files.readAllBytes(path);
        Files.write(path, content);
        try {
            assertTimeoutPreemptively(BOUND, () -> {
                try {
                    Topology t = read(new SysfsFiles(root), live);
                    assertThat(t.nodes()).isNotEmpty();
                    assertThat(t.puCount()).isPositive();
                } catch (TopologyException e) {
                    assertThat(e.getMessage()).as("the message names the root").contains(root.toString());
                }
            }, () -> "reading with " + file + " holding " + new String(content, StandardCharsets.ISO_8859_1));
        } finally {
            Files.write(path, original);
        }
    }

    @Property(tries = 1)
    void recordedFiles_coverEveryKindOfFile(@ForAll boolean ignored) {
        assertThat(opened).contains("sys/devices/system/cpu/online", "sys/devices/system/node/online",
                "sys/devices/system/node/node0/cpulist", "sys/devices/system/node/node0/distance",
                "sys/devices/system/node/node0/meminfo", "sys/devices/system/cpu/cpu0/topology/core_id",
                "sys/devices/system/cpu/cpu0/cache/index0/size", "proc/self/cgroup", "proc/self/mountinfo",
                "sys/fs/cgroup/app.slice/cpu.max", "sys/fs/cgroup/app.slice/cpuset.cpus.effective",
                "proc/self/status", "proc/cpuinfo");
    }

    @Provide
    Arbitrary<String> openedFiles() {
        return Arbitraries.of(opened);
    }

    @Provide
    Arbitrary<byte[]> garbage() {
        Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(200);
        Arbitrary<byte[]> sysfsLike = Arbitraries.strings()
                .withChars("0123456789,-:/ \n\t\0abcdefxKMmaxkB")
                .ofMaxLength(60)
                .map(s -> s.getBytes(StandardCharsets.ISO_8859_1));
        Arbitrary<byte[]> bigNumbers = Arbitraries.of("0-1048575\n", "99999999999999999999\n", "-1\n", "0\n",
                        "4294967296\n", "0-3,1048575\n", "ffffffff,ffffffff,ffffffff\n", "max\n", "\n", "\0")
                .map(s -> s.getBytes(StandardCharsets.ISO_8859_1));
        return Arbitraries.oneOf(random, sysfsLike, bigNumbers);
    }
}
