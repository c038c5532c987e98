package dev.weft.numa.linux;

import dev.weft.spi.ThreadAffinity;
import dev.weft.spi.TopologyProvider;
import dev.weft.topology.CpuSet;
import dev.weft.topology.Topology;
import dev.weft.topology.TopologyException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The Linux topology provider ({@code linux}, priority 100): the machine from sysfs, procfs and the cgroup
 * files, and thread pinning through JNA. Supported where the OS is Linux and {@code /sys/devices/system/cpu}
 * exists (a container without sysfs falls back to the next provider); {@link #readDump(Path)} reads a recorded
 * tree and never looks at the live machine.
 *
 * <p>Found by {@link java.util.ServiceLoader}; applications do not name this class.
 */
public final class LinuxTopologyProvider implements TopologyProvider {

    private static final Path LIVE_ROOT = Path.of("/");

    private volatile ThreadAffinity affinity;

    /** Called by {@link java.util.ServiceLoader}. */
    public LinuxTopologyProvider() {
    }

    @Override
    public String name() {
        return SysfsReader.PROVIDER;
    }

    @Override
    public int priority() {
        return 100;
    }

    @Override
    public boolean isSupported() {
        return System.getProperty("os.name", "").startsWith("Linux")
                && Files.isDirectory(LIVE_ROOT.resolve("sys/devices/system/cpu"));
    }

    @Override
    public Topology detect() {
        return new SysfsReader(new SysfsFiles(LIVE_ROOT), true, this::nativeProcessMask).read();
    }

    @Override
    public boolean readsDumps() {
        return true;
    }

    @Override
    public Topology readDump(Path root) {
        Objects.requireNonNull(root, "root");
        if (!Files.isDirectory(root)) {
            throw new TopologyException(root + ": no such folder: a recorded sysfs tree is a folder holding"
                    + " sys/devices/system/cpu");
        }
        if (!Files.isDirectory(root.resolve("sys/devices/system/cpu"))) {
            throw new TopologyException(root + ": not a recorded sysfs tree: it has no sys/devices/system/cpu folder");
        }
        return SysfsReader.forDump(new SysfsFiles(root)).read();
    }

    @Override
    public ThreadAffinity affinity() {
        ThreadAffinity a = affinity;
        if (a == null) {
            synchronized (this) {
                a = affinity;
                if (a == null) {
                    a = createAffinity();
                    affinity = a;
                }
            }
        }
        return a;
    }

    private static ThreadAffinity createAffinity() {
        try {
            return new LinuxThreadAffinity(new SysfsFiles(LIVE_ROOT));
        } catch (LinkageError e) {
            // On the class path without the JNA jar, even loading LinuxThreadAffinity fails.
            return ThreadAffinity.unsupported("JNA is not available: " + e);
        }
    }

    /** The process's mask from the native call; empty (so /proc/self/status answers) when that is unavailable. */
    private Optional<CpuSet> nativeProcessMask() {
        try {
            return affinity() instanceof LinuxThreadAffinity linux ? linux.processMask() : Optional.empty();
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
