package dev.weft.core;

import dev.weft.spi.AffinityException;
import dev.weft.spi.ThreadAffinity;
import dev.weft.topology.CpuSet;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A pretend affinity: each thread's mask lives in an inheritable thread-local (so a new thread starts with its
 * creator's mask, as on Linux), binds are recorded by thread name, and a bind can be made to fail.
 */
final class RecordingAffinity implements ThreadAffinity {
    private final CpuSet allowed;
    private final InheritableThreadLocal<CpuSet> mask;
    final Map<String, CpuSet> binds = new ConcurrentHashMap<>();
    final AtomicInteger bindCalls = new AtomicInteger();
    /** When set, the next bind throws it (once). */
    final AtomicReference<Throwable> failNext = new AtomicReference<>();
    /** When true, every bind fails with an AffinityException. */
    volatile boolean failAll;

    RecordingAffinity(CpuSet allowed) {
        this.allowed = allowed;
        this.mask = new InheritableThreadLocal<>() {
            @Override
            protected CpuSet initialValue() {
                return allowed;
            }
        };
    }

    /** Pins the calling (test) thread in this pretend world; tests restore it with {@link #unpinCurrent()}. */
    void pinCurrent(CpuSet cpus) {
        mask.set(cpus);
    }

    void unpinCurrent() {
        mask.remove();
    }

    @Override
    public boolean isSupported() {
        return true;
    }

    @Override
    public Optional<Throwable> unavailabilityCause() {
        return Optional.empty();
    }

    @Override
    public CpuSet allowedCpus() {
        return allowed;
    }

    @Override
    public CpuSet currentThreadCpus() {
        return mask.get();
    }

    @Override
    public void bindCurrentThread(CpuSet cpus) {
        bindCalls.incrementAndGet();
        Throwable t = failNext.getAndSet(null);
        if (t instanceof Error e) {
            throw e;
        }
        if (t instanceof RuntimeException e) {
            throw e;
        }
        if (failAll) {
            throw new AffinityException("pretend sched_setaffinity failure", 22);
        }
        if (!allowed.containsAll(cpus)) {
            throw new AffinityException("CPUs " + cpus.minus(allowed).toList() + " are not allowed", 22);
        }
        mask.set(cpus);
        binds.put(Thread.currentThread().getName(), cpus);
    }

    @Override
    public int currentCpu() {
        return mask.get().first();
    }
}
