package dev.weft.spi;

import dev.weft.topology.CpuSet;

import java.util.Optional;

/**
 * Pins threads to CPUs. The scheduler reaches the operating system's affinity calls only through this
 * interface; {@link #unsupported(String)} is the null object for machines without them.
 */
public interface ThreadAffinity {

    /** Whether pinning works here. */
    boolean isSupported();

    /** Why pinning does not work here, when it does not. */
    Optional<Throwable> unavailabilityCause();

    /** The CPUs this process may use (its affinity mask within the cgroup cpuset). */
    CpuSet allowedCpus();

    /** The CPUs the calling thread may run on now. */
    CpuSet currentThreadCpus();

    /**
     * Pins the calling thread to {@code cpus}.
     *
     * @throws AffinityException when {@code cpus} is empty or holds CPUs outside {@link #allowedCpus()} (the
     *                           message names them), when pinning is unsupported, or when the system call
     *                           fails (with its errno)
     */
    void bindCurrentThread(CpuSet cpus);

    /** The CPU the calling thread runs on now, or -1 when unknown. */
    int currentCpu();

    /** An affinity that supports nothing, for machines or providers without pinning. */
    static ThreadAffinity unsupported(String why) {
        return new ThreadAffinity() {
            private final Throwable cause = new UnsupportedOperationException(why);

            @Override
            public boolean isSupported() {
                return false;
            }

            @Override
            public Optional<Throwable> unavailabilityCause() {
                return Optional.of(cause);
            }

            @Override
            public CpuSet allowedCpus() {
                return CpuSet.range(0, Runtime.getRuntime().availableProcessors() - 1);
            }

            @Override
            public CpuSet currentThreadCpus() {
                return allowedCpus();
            }

            @Override
            public void bindCurrentThread(CpuSet cpus) {
                throw new AffinityException("thread affinity is not supported here: " + why, -1);
            }

            @Override
            public int currentCpu() {
                return -1;
            }
        };
    }
}
