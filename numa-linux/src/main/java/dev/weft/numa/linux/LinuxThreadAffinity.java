package dev.weft.numa.linux;

import com.sun.jna.LastErrorException;
import com.sun.jna.NativeLong;
import dev.weft.spi.AffinityException;
import dev.weft.spi.ThreadAffinity;
import dev.weft.topology.CpuSet;
import dev.weft.topology.TopologyException;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Thread pinning through glibc's {@code sched_getaffinity}/{@code sched_setaffinity}, reached through JNA.
 *
 * <p>Implementation notes.
 * <ul>
 *   <li>Availability (the Netty triple): {@link #isSupported()}, {@link #unavailabilityCause()}, and the system
 *       property {@value #DISABLE_PROPERTY}{@code =true} that switches pinning off without touching native code.
 *       When JNA cannot load, {@link NativeLibC} logs one warning per JVM and this object reports the cause.</li>
 *   <li>Masks: the kernel's mask may be wider than the 1024 CPUs of glibc's {@code cpu_set_t}; a buffer too
 *       small makes {@code sched_getaffinity} fail with EINVAL, so the buffer doubles until it fits (up to
 *       {@link CpuSet#MAX_CPU_ID}).</li>
 *   <li>Allowed CPUs are the process's mask (that of its first thread, so pinning one thread does not shrink
 *       them) within the cgroup cpuset. The cpuset is read once: a process's cgroup does not change under it
 *       in practice, and reading files on every bind would be wasteful.</li>
 *   <li>Thread safety: immutable after construction except the cpuset, computed once under a lock; the native
 *       calls act on the calling thread only.</li>
 * </ul>
 */
final class LinuxThreadAffinity implements ThreadAffinity {

    /** Set to {@code true} to switch thread pinning off. */
    static final String DISABLE_PROPERTY = "weft.affinity.disable";

    private static final System.Logger LOG = System.getLogger("dev.weft.numa.linux");
    private static final int INITIAL_WORDS = 1024 / Long.SIZE;
    private static final int MAX_WORDS = (CpuSet.MAX_CPU_ID + 1) / Long.SIZE;

    private final LibC lib;
    private final Throwable cause;
    private final SysfsFiles liveFiles;
    private Optional<CpuSet> cpuset;

    /** Pinning on this machine, unless {@value #DISABLE_PROPERTY} is {@code true}. */
    LinuxThreadAffinity(SysfsFiles liveFiles) {
        this(Boolean.getBoolean(DISABLE_PROPERTY), NativeLibC::shared, liveFiles);
    }

    /**
     * @param disabled  whether pinning is switched off (the library is then never loaded)
     * @param library   the library or why it is missing
     * @param liveFiles this machine's root, for the cgroup cpuset and {@code /proc/self/status}
     */
    LinuxThreadAffinity(boolean disabled, Supplier<NativeLibC> library, SysfsFiles liveFiles) {
        this.liveFiles = Objects.requireNonNull(liveFiles, "liveFiles");
        if (disabled) {
            this.lib = null;
            this.cause = new UnsupportedOperationException("thread affinity is disabled by -D" + DISABLE_PROPERTY + "=true");
        } else {
            NativeLibC loaded = library.get();
            this.lib = loaded.lib();
            this.cause = loaded.cause();
        }
    }

    @Override
    public boolean isSupported() {
        return lib != null;
    }

    @Override
    public Optional<Throwable> unavailabilityCause() {
        return Optional.ofNullable(cause);
    }

    /** The process's own affinity mask from the native call, or empty when pinning is unsupported. */
    Optional<CpuSet> processMask() {
        return lib == null ? Optional.empty() : Optional.of(getAffinity(pidOfProcess()));
    }

    @Override
    public CpuSet allowedCpus() {
        CpuSet mask = processMask()
                .or(() -> quietly(() -> new CgroupReader(liveFiles).statusMask()))
                .orElseGet(() -> CpuSet.range(0, Runtime.getRuntime().availableProcessors() - 1));
        return cgroupCpuset().map(mask::intersect).orElse(mask);
    }

    @Override
    public CpuSet currentThreadCpus() {
        return lib == null ? allowedCpus() : getAffinity(0);
    }

    @Override
    public void bindCurrentThread(CpuSet cpus) {
        Objects.requireNonNull(cpus, "cpus");
        if (cpus.isEmpty()) {
            throw new AffinityException("cannot bind a thread to an empty CPU set: name at least one CPU", -1);
        }
        CpuSet allowed = allowedCpus();
        CpuSet outside = cpus.minus(allowed);
        if (!outside.isEmpty()) {
            throw new AffinityException("cannot bind to CPUs " + cpus + ": CPUs " + outside
                    + " are outside the CPUs this process may use (" + allowed + ")", -1);
        }
        if (lib == null) {
            throw new AffinityException("thread affinity is not supported here: " + cause.getMessage(), -1);
        }
        long[] words = cpus.toWords();
        try {
            int rc = lib.sched_setaffinity(0, new NativeLong((long) words.length * Long.BYTES), words);
            if (rc != 0) {
                throw new AffinityException("sched_setaffinity(" + cpus + ") returned " + rc, -1);
            }
        } catch (LastErrorException e) {
            throw new AffinityException("sched_setaffinity(" + cpus + ") failed: " + errnoName(e.getErrorCode()),
                    e.getErrorCode());
        }
    }

    @Override
    public int currentCpu() {
        if (lib == null) {
            return -1;
        }
        try {
            return lib.sched_getcpu();
        } catch (LastErrorException e) {
            return -1;
        }
    }

    private CpuSet getAffinity(int pid) {
        for (int words = INITIAL_WORDS; ; words *= 2) {
            long[] mask = new long[words];
            try {
                int rc = lib.sched_getaffinity(pid, new NativeLong((long) words * Long.BYTES), mask);
                if (rc != 0) {
                    throw new AffinityException("sched_getaffinity(" + pid + ") returned " + rc, -1);
                }
                return CpuSet.fromWords(mask);
            } catch (LastErrorException e) {
                // EINVAL: the kernel's mask is wider than our buffer (more than words * 64 CPUs possible).
                if (e.getErrorCode() != LibC.EINVAL || words >= MAX_WORDS) {
                    throw new AffinityException("sched_getaffinity(" + pid + ", " + words * Long.BYTES + " bytes) failed: "
                            + errnoName(e.getErrorCode()), e.getErrorCode());
                }
            }
        }
    }

    private synchronized Optional<CpuSet> cgroupCpuset() {
        if (cpuset == null) {
            cpuset = quietly(() -> new CgroupReader(liveFiles).read().cpuset());
        }
        return cpuset;
    }

    /** Reads cgroup or proc files; a file that does not parse leaves the answer to the kernel's mask alone. */
    private static Optional<CpuSet> quietly(Supplier<Optional<CpuSet>> read) {
        try {
            return read.get();
        } catch (TopologyException e) {
            LOG.log(System.Logger.Level.WARNING, "ignoring unreadable cgroup or proc file: {0}", e.getMessage());
            return Optional.empty();
        }
    }

    private static int pidOfProcess() {
        long pid = ProcessHandle.current().pid();
        return pid <= Integer.MAX_VALUE ? (int) pid : 0;
    }

    static String errnoName(int errno) {
        String name;
        switch (errno) {
            case 1: name = " (EPERM)"; break;
            case 3: name = " (ESRCH)"; break;
            case 14: name = " (EFAULT)"; break;
            case LibC.EINVAL: name = " (EINVAL)"; break;
            default: name = "";
        }
        return "errno " + errno + name;
    }

    @Override
    public String toString() {
        return "LinuxThreadAffinity[" + (lib != null ? "supported" : "unsupported: " + cause.getMessage()) + "]";
    }
}
