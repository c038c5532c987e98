package dev.weft.numa.linux;

import dev.weft.topology.CpuSet;
import dev.weft.topology.TopologyException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Reads the files of a Linux system tree under one root folder ({@code /} for the live machine, or a recorded
 * dump) and turns what they hold into values, so that every reader class fails the same way: a file that
 * exists but does not parse is a {@link TopologyException} naming the file and quoting what it held; a file
 * that is absent is {@link Optional#empty()} and the caller decides what that means.
 *
 * <p>Bounds: a file is read up to {@link #MAX_FILE_BYTES} (sysfs attributes are one page, {@code /proc/cpuinfo}
 * of a few thousand CPUs a few MiB), and paths built from file contents (cgroup paths, mount points) are
 * resolved with {@link #under(Path, String)}, which refuses to leave the root.
 *
 * <p>Text is decoded as ISO-8859-1, which maps every byte to one char: random bytes can never make decoding
 * fail, and error messages quote them byte for byte.
 */
final class SysfsFiles {

    /** Larger files are refused: no sysfs or procfs file the readers open is anywhere near this. */
    static final int MAX_FILE_BYTES = 16 << 20;

    private final Path root;
    private final Consumer<Path> onRead;

    /**
     * Files under {@code root}.
     *
     * @param onRead told of every file opened, for tests that corrupt each file a reader opens
     */
    SysfsFiles(Path root, Consumer<Path> onRead) {
        this.root = root.toAbsolutePath().normalize();
        this.onRead = Objects.requireNonNull(onRead, "onRead");
    }

    SysfsFiles(Path root) {
        this(root, p -> { });
    }

    Path root() {
        return root;
    }

    /** A path below the root, from a relative path written in code ("sys/devices/system/cpu"). */
    Path path(String relative) {
        return root.resolve(relative);
    }

    /**
     * A path below {@code base} from text that came out of a file (a mount point, a cgroup path), or empty when
     * the text is not a path or would lead outside the root (a {@code ..} in a dump must not read the host).
     */
    Optional<Path> under(Path base, String text) {
        String rel = text;
        while (rel.startsWith("/")) {
            rel = rel.substring(1);
        }
        try {
            Path p = base.resolve(rel).normalize();
            return p.startsWith(root) ? Optional.of(p) : Optional.empty();
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
    }

    boolean isDirectory(Path p) {
        return Files.isDirectory(p);
    }

    boolean exists(Path p) {
        return Files.exists(p);
    }

    /**
     * The entries of {@code dir} named {@code prefix} followed by a decimal number, by number: {@code cpu0},
     * {@code cpu1}, ..., {@code node4}. Other entries ({@code cpufreq}, {@code online}) are skipped.
     */
    TreeMap<Integer, Path> numbered(Path dir, String prefix) {
        TreeMap<Integer, Path> found = new TreeMap<>();
        if (!Files.isDirectory(dir)) {
            return found;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, prefix + "[0-9]*")) {
            for (Path e : entries) {
                String digits = e.getFileName().toString().substring(prefix.length());
                if (digits.length() <= 7 && digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
                    int n = Integer.parseInt(digits);
                    if (n <= CpuSet.MAX_CPU_ID) {
                        found.put(n, e);
                    }
                }
            }
        } catch (IOException e) {
            throw TopologyException.inFile(dir, "cannot list the folder: " + e, e);
        }
        return found;
    }

    /** The text of a file, or empty when it does not exist. */
    Optional<String> read(Path file) {
        // Open directly rather than test for existence first: one system call less per file, and thousands of
        // files make up a large machine's tree.
        try (InputStream in = Files.newInputStream(file)) {
            onRead.accept(file);
            byte[] bytes = in.readNBytes(MAX_FILE_BYTES + 1);
            if (bytes.length > MAX_FILE_BYTES) {
                throw TopologyException.inFile(file, "is larger than " + MAX_FILE_BYTES + " bytes", null);
            }
            return Optional.of(new String(bytes, StandardCharsets.ISO_8859_1));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw TopologyException.inFile(file, "cannot be read: " + e, e);
        }
    }

    /** The text of a file without surrounding whitespace and the NUL byte some kernels end files with. */
    Optional<String> value(Path file) {
        return read(file).map(SysfsFiles::clean);
    }

    /** A decimal integer file, such as {@code core_id} or {@code physical_package_id}. */
    Optional<Integer> integer(Path file) {
        return value(file).map(text -> parseInt(file, text, text));
    }

    /** A decimal {@code long} file, such as {@code cpu.cfs_quota_us}. */
    Optional<Long> longValue(Path file) {
        return value(file).map(text -> parseLong(file, text, text));
    }

    /** A cpulist file ({@code 0-3,8-11}). */
    Optional<CpuSet> cpuList(Path file) {
        return cpus(file, CpuSet::parseList, "not a CPU list: ");
    }

    /** A hex mask file ({@code 0000ffff,00000003}). */
    Optional<CpuSet> cpuMask(Path file) {
        return cpus(file, CpuSet::parseMask, "not a CPU mask: ");
    }

    private Optional<CpuSet> cpus(Path file, Function<String, CpuSet> parser, String problem) {
        return read(file).map(text -> {
            try {
                return parser.apply(text);
            } catch (IllegalArgumentException e) {
                throw TopologyException.badContent(file, text, problem + e.getMessage(), e);
            }
        });
    }

    /** The first of {@code dir/listName} (cpulist form) and {@code dir/maskName} (hex mask form) that exists. */
    Optional<CpuSet> cpusListOrMask(Path dir, String listName, String maskName) {
        Optional<CpuSet> list = cpuList(dir.resolve(listName));
        return list.isPresent() ? list : cpuMask(dir.resolve(maskName));
    }

    /** The whitespace-separated tokens of a file, such as a node's {@code distance} row. */
    Optional<List<String>> tokens(Path file) {
        return value(file).map(text -> {
            List<String> out = new ArrayList<>();
            for (String t : text.split("\\s+")) {
                if (!t.isEmpty()) {
                    out.add(t);
                }
            }
            return out;
        });
    }

    /** {@code token} as an int, or a {@link TopologyException} naming {@code file} and quoting {@code content}. */
    static int parseInt(Path file, String token, String content) {
        try {
            return Integer.parseInt(token);
        } catch (NumberFormatException e) {
            throw TopologyException.badContent(file, content, "expected decimal integers", e);
        }
    }

    /** {@code token} as a long, or a {@link TopologyException} naming {@code file} and quoting {@code content}. */
    static long parseLong(Path file, String token, String content) {
        try {
            return Long.parseLong(token);
        } catch (NumberFormatException e) {
            throw TopologyException.badContent(file, content, "expected decimal integers", e);
        }
    }

    /** Strips whitespace and a trailing NUL byte (kernel 5.15-era sysfs files end in "\n\0"). */
    static String clean(String text) {
        int end = text.length();
        while (end > 0 && (text.charAt(end - 1) == '\0' || Character.isWhitespace(text.charAt(end - 1)))) {
            end--;
        }
        return text.substring(0, end).strip();
    }
}
