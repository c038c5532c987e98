package dev.weft.numa.linux;

import dev.weft.topology.CpuQuota;
import dev.weft.topology.CpuSet;
import dev.weft.topology.TopologyException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the process's cgroup limits under a root folder: the cpuset (which CPUs it may use) and the CPU
 * bandwidth quota.
 *
 * <p>How the folder is found: {@code proc/self/cgroup} names the process's cgroup per hierarchy (v1 lines
 * {@code 4:cpu,cpuacct:/path}, the v2 line {@code 0::/path}); when it is absent, {@code proc/self/cpuset} names
 * the cpuset path. The mount table ({@code proc/self/mountinfo}, else {@code proc/mounts}, all a dump may have)
 * says where each hierarchy is mounted: a v1 {@code cgroup} mount carrying the controller among its options, a
 * {@code cgroup2} mount, or an old {@code cpuset} file system at {@code /dev/cpuset}. A v1 controller wins
 * over v2 when the process's cgroup file lists it (hybrid hosts mount both). When the process's folder does not
 * exist under the mount (a dump, or a container that mounts only its own subtree), its nearest existing
 * ancestor is used.
 *
 * <p>Files: v2 {@code cpuset.cpus.effective} and {@code cpu.max} ({@code "max 100000"}, {@code "200000
 * 100000"} or {@code "200000"} with the default period of 100000 us); v1 {@code cpuset.effective_cpus} or
 * {@code cpuset.cpus} (or the old {@code cpus}), {@code cpu.cfs_quota_us} (-1 for none) and
 * {@code cpu.cfs_period_us}. A quota or period that is not positive means no limit.
 */
final class CgroupReader {

    /** Linux's default CFS period, used when {@code cpu.max} names none. */
    static final long DEFAULT_PERIOD_US = 100_000;

    /** What the cgroup files say; empty where they say nothing. */
    record Result(Optional<CpuSet> cpuset, Optional<CpuQuota> quota) {
    }

    private record Mount(String point, String type, Set<String> options, String root) {
    }

    private final SysfsFiles files;
    private List<Mount> mounts;
    private Map<String, String> v1Paths;
    private String v2Path;
    private boolean cgroupFileMissing;

    CgroupReader(SysfsFiles files) {
        this.files = files;
    }

    Result read() {
        readMembership();
        return new Result(cpuset(), quota());
    }

    /**
     * The live process's own affinity mask as {@code proc/self/status} reports it ({@code Cpus_allowed_list}):
     * the answer when the native call is unavailable. Empty when the file or the line is absent.
     */
    Optional<CpuSet> statusMask() {
        Path file = files.path("proc/self/status");
        return files.read(file).flatMap(text -> {
            for (String line : text.split("\n")) {
                if (line.startsWith("Cpus_allowed_list:")) {
                    String list = line.substring("Cpus_allowed_list:".length());
                    try {
                        return Optional.of(CpuSet.parseList(list));
                    } catch (IllegalArgumentException e) {
                        throw TopologyException.badContent(file, line, e.getMessage(), e);
                    }
                }
            }
            return Optional.empty();
        });
    }

    private Optional<CpuSet> cpuset() {
        String v1 = v1Paths.getOrDefault("cpuset", cgroupFileMissing ? selfCpuset() : null);
        if (v1 != null) {
            Optional<CpuSet> set = mount("cgroup", "cpuset").flatMap(m -> locate(m, v1))
                    .flatMap(dir -> firstCpuList(dir, "cpuset.effective_cpus", "cpuset.cpus", "cpus"));
            if (set.isPresent()) {
                return set;
            }
        }
        String v2 = v2Path != null ? v2Path : cgroupFileMissing ? selfCpuset() : null;
        if (v2 != null) {
            Optional<CpuSet> set = mount("cgroup2", null).flatMap(m -> locate(m, v2))
                    .flatMap(dir -> firstCpuList(dir, "cpuset.cpus.effective"));
            if (set.isPresent()) {
                return set;
            }
        }
        Optional<Mount> legacy = mount("cpuset", null);
        if (legacy.isPresent()) {
            String path = selfCpuset();
            if (path != null) {
                return locate(legacy.get(), path).flatMap(dir -> firstCpuList(dir, "cpus", "cpuset.cpus"));
            }
        }
        return Optional.empty();
    }

    private Optional<CpuQuota> quota() {
        String v1 = v1Paths.get("cpu");
        if (v1 != null) {
            Optional<Path> dir = mount("cgroup", "cpu").flatMap(m -> locate(m, v1));
            if (dir.isPresent()) {
                Optional<Long> quota = files.longValue(dir.get().resolve("cpu.cfs_quota_us"));
                if (quota.isPresent()) {
                    long period = files.longValue(dir.get().resolve("cpu.cfs_period_us")).orElse(DEFAULT_PERIOD_US);
                    return quota(quota.get(), period);
                }
            }
        }
        String v2 = v2Path != null ? v2Path : cgroupFileMissing ? selfCpuset() : null;
        if (v2 == null) {
            return Optional.empty();
        }
        return mount("cgroup2", null).flatMap(m -> locate(m, v2)).flatMap(dir -> {
            Path file = dir.resolve("cpu.max");
            return files.tokens(file).flatMap(t -> parseCpuMax(file, t));
        });
    }

    private static Optional<CpuQuota> parseCpuMax(Path file, List<String> tokens) {
        String text = String.join(" ", tokens);
        if (tokens.isEmpty() || tokens.size() > 2) {
            throw TopologyException.badContent(file, text, "expected '<quota|max> [period]'", null);
        }
        long period = tokens.size() == 2 ? SysfsFiles.parseLong(file, tokens.get(1), text) : DEFAULT_PERIOD_US;
        if (tokens.get(0).equals("max")) {
            return Optional.empty();
        }
        return quota(SysfsFiles.parseLong(file, tokens.get(0), text), period);
    }

    private static Optional<CpuQuota> quota(long quota, long period) {
        // -1 is v1's "no limit"; a period of 0 cannot be divided by and means no usable limit either.
        return quota > 0 && period > 0 ? Optional.of(new CpuQuota(quota, period)) : Optional.empty();
    }

    private Optional<CpuSet> firstCpuList(Path dir, String... names) {
        for (String name : names) {
            Optional<CpuSet> set = files.cpuList(dir.resolve(name));
            if (set.isPresent()) {
                // An empty cpuset is not a limit the process could run under: say nothing rather than "none".
                return set.get().isEmpty() ? Optional.empty() : set;
            }
        }
        return Optional.empty();
    }

    /** The process's folder under {@code mount}, or its nearest existing ancestor there. */
    private Optional<Path> locate(Mount mount, String cgroupPath) {
        Optional<Path> base = files.under(files.root(), mount.point).filter(files::isDirectory);
        if (base.isEmpty()) {
            return Optional.empty();
        }
        String rel = cgroupPath;
        String mroot = mount.root;
        if (mroot != null && !mroot.equals("/") && (rel.equals(mroot) || rel.startsWith(mroot + "/"))) {
            rel = rel.substring(mroot.length());
        }
        Path dir = files.under(base.get(), rel).filter(p -> p.startsWith(base.get())).orElse(base.get());
        while (!files.isDirectory(dir) && !dir.equals(base.get())) {
            dir = dir.getParent();
        }
        return Optional.of(dir);
    }

    private Optional<Mount> mount(String type, String controller) {
        for (Mount m : mounts) {
            if (m.type.equals(type) && (controller == null || m.options.contains(controller))) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }

    private String selfCpuset() {
        return files.value(files.path("proc/self/cpuset")).filter(p -> p.startsWith("/")).orElse(null);
    }

    private void readMembership() {
        mounts = readMounts();
        v1Paths = new HashMap<>();
        Path file = files.path("proc/self/cgroup");
        Optional<String> text = files.read(file);
        cgroupFileMissing = text.isEmpty();
        for (String line : text.orElse("").split("\n")) {
            String l = SysfsFiles.clean(line);
            if (l.isEmpty()) {
                continue;
            }
            String[] parts = l.split(":", 3);
            if (parts.length != 3 || !parts[0].chars().allMatch(Character::isDigit) || parts[0].isEmpty()
                    || !parts[2].startsWith("/")) {
                throw TopologyException.badContent(file, line, "expected lines like '4:cpu,cpuacct:/path' or '0::/path'", null);
            }
            if (parts[1].isEmpty()) {
                v2Path = parts[2];
            } else {
                for (String controller : parts[1].split(",")) {
                    v1Paths.putIfAbsent(controller, parts[2]);
                }
            }
        }
    }

    private List<Mount> readMounts() {
        List<Mount> out = new ArrayList<>();
        Path info = files.path("proc/self/mountinfo");
        Optional<String> text = files.read(info);
        if (text.isPresent()) {
            for (String line : text.get().split("\n")) {
                if (line.isBlank()) {
                    continue;
                }
                // id parent major:minor root mount-point options [optional...] - type source super-options
                String[] f = line.strip().split(" ");
                int dash = List.of(f).indexOf("-");
                if (dash < 6 || f.length < dash + 3) {
                    throw TopologyException.badContent(info, line, "expected a mountinfo line: id parent dev root point"
                            + " options [fields] - type source super-options", null);
                }
                Set<String> options = new HashSet<>(List.of(f[5].split(",")));
                if (f.length > dash + 3) {
                    options.addAll(List.of(f[dash + 3].split(",")));
                }
                out.add(new Mount(unescape(f[4]), f[dash + 1], options, unescape(f[3])));
            }
            return out;
        }
        Path mountsFile = files.path("proc/mounts");
        for (String line : files.read(mountsFile).orElse("").split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            // source mount-point type options dump pass
            String[] f = line.strip().split("\\s+");
            if (f.length < 4) {
                throw TopologyException.badContent(mountsFile, line, "expected a mounts line: source point type options", null);
            }
            out.add(new Mount(unescape(f[1]), f[2], new HashSet<>(List.of(f[3].split(","))), null));
        }
        return out;
    }

    /** Undoes the kernel's octal escapes in mount tables ({@code \040} is a space). */
    static String unescape(String s) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && isOctal(s, i + 1)) {
                sb.append((char) Integer.parseInt(s.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private static boolean isOctal(String s, int from) {
        for (int i = from; i < from + 3; i++) {
            if (i >= s.length() || s.charAt(i) < '0' || s.charAt(i) > '7') {
                return false;
            }
        }
        return true;
    }
}
