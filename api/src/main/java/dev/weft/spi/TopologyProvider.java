package dev.weft.spi;

import dev.weft.topology.Topology;
import dev.weft.topology.TopologyException;

import java.nio.file.Path;

/**
 * Describes the machine. Implementations are found with {@link java.util.ServiceLoader} (module path:
 * {@code provides dev.weft.spi.TopologyProvider}; class path: {@code META-INF/services}). For the live machine
 * the highest-{@link #priority()} provider that {@link #isSupported() is supported} and whose
 * {@link #detect()} succeeds wins; {@code -Dweft.topology.provider=NAME} forces one.
 */
public interface TopologyProvider {

    /** A short lower-case name, such as {@code linux} or {@code fallback}. */
    String name();

    /** Higher wins. The fallback uses {@link Integer#MIN_VALUE}. */
    int priority();

    /** Whether this provider can describe the machine this process runs on (a cheap probe). */
    boolean isSupported();

    /**
     * Reads the live machine.
     *
     * @throws TopologyException naming the file or call that failed
     */
    Topology detect();

    /**
     * Reads a recorded sysfs tree whose root is {@code root} (holding {@code sys/devices/system/...}). The
     * live process's own affinity says nothing about that machine: allowed CPUs come from the dump's cpuset
     * files, else all its online CPUs. Never falls back to the live machine.
     *
     * @throws TopologyException naming the file that could not be read, or saying this provider reads no dumps
     */
    default Topology readDump(Path root) {
        throw new TopologyException("topology provider '" + name() + "' cannot read a recorded sysfs tree ("
                + root + "); the 'linux' provider can");
    }

    /**
     * Whether {@link #readDump(Path)} is implemented. {@link dev.weft.Weft#readTopologyDump(Path)} uses the
     * highest-priority provider that says so. Default false.
     */
    default boolean readsDumps() {
        return false;
    }

    /** Thread pinning on this machine; {@link ThreadAffinity#unsupported} when there is none. */
    ThreadAffinity affinity();
}
