package dev.weft.numa.linux;

import dev.weft.topology.Topology;
import dev.weft.topology.TopologyException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

import static dev.weft.numa.linux.Properties.forAll;
import static dev.weft.numa.linux.Properties.intBetween;
import static dev.weft.numa.linux.Properties.seed;
import static dev.weft.numa.linux.Properties.string;
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
    private static final List<String> BIG_NUMBERS = List.of("0-1048575\n", "99999999999999999999\n", "-1\n", "0\n",
            "4294967296\n", "0-3,1048575\n", "ffffffff,ffffffff,ffffffff\n", "max\n", "\n", "\0");

    private static Path root;
    private static List<String> opened;

    /** One try: which file holds what, and which of the reader's two modes reads it. */
    private record Garbage(String file, byte[] content, boolean live) {
        @Override
        public String toString() {
            return file + " holding \"" + new String(content, StandardCharsets.ISO_8859_1) + "\" (" + content.length
                    + " bytes), " + (live ? "live" : "dump") + " mode";
        }
    }

    @BeforeAll
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

    @AfterAll
    static void deleteCopy() throws IOException {
        SysfsReaderTest.deleteTree(root.getParent());
    }

    private static Topology read(SysfsFiles files, boolean live) {
        return live ? new SysfsReader(files, true, Optional::empty).read() : SysfsReader.forDump(files).read();
    }

    /** A file the reader opens, and in equal shares: random bytes, sysfs-like text, or an out-of-range number. */
    private static Garbage garbage(SplittableRandom random) {
        String file = opened.get(random.nextInt(opened.size()));
        byte[] content = switch (random.nextInt(3)) {
            case 0 -> {
                byte[] bytes = new byte[intBetween(random, 0, 200)];
                random.nextBytes(bytes);
                yield bytes;
            }
            case 1 -> string(random, "0123456789,-:/ \n\t\0abcdefxKMmaxkB", 60).getBytes(StandardCharsets.ISO_8859_1);
            default -> BIG_NUMBERS.get(random.nextInt(BIG_NUMBERS.size())).getBytes(StandardCharsets.ISO_8859_1);
        };
        return new Garbage(file, content, random.nextBoolean());
    }

    @Test
    void anyFileHoldingGarbage_givesTopologyOrTopologyException() {
        forAll("anyFileHoldingGarbage_givesTopologyOrTopologyException", 400, seed(),
                SysfsGarbagePropertiesTest::garbage, g -> {
                    Path path = root.resolve(g.file());
                    byte[] original = Files.readAllBytes(path);
                    Files.write(path, g.content());
                    try {
                        assertTimeoutPreemptively(BOUND, () -> {
                            try {
                                Topology t = read(new SysfsFiles(root), g.live());
                                assertThat(t.nodes()).isNotEmpty();
                                assertThat(t.puCount()).isPositive();
                            } catch (TopologyException e) {
                                assertThat(e.getMessage()).as("the message names the root").contains(root.toString());
                            }
                        }, () -> "reading with " + g);
                    } finally {
                        Files.write(path, original);
                    }
                });
    }

    @Test
    void recordedFiles_coverEveryKindOfFile() {
        assertThat(opened).contains("sys/devices/system/cpu/online", "sys/devices/system/node/online",
                "sys/devices/system/node/node0/cpulist", "sys/devices/system/node/node0/distance",
                "sys/devices/system/node/node0/meminfo", "sys/devices/system/cpu/cpu0/topology/core_id",
                "sys/devices/system/cpu/cpu0/cache/index0/size", "proc/self/cgroup", "proc/self/mountinfo",
                "sys/fs/cgroup/app.slice/cpu.max", "sys/fs/cgroup/app.slice/cpuset.cpus.effective",
                "proc/self/status", "proc/cpuinfo");
    }
}
