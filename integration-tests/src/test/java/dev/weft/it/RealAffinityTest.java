package dev.weft.it;

import dev.weft.AffinityMode;
import dev.weft.PoolConfig;
import dev.weft.TaskHandle;
import dev.weft.Weft;
import dev.weft.WeftPool;
import dev.weft.spi.ThreadAffinity;
import dev.weft.topology.CpuSet;
import dev.weft.topology.Topology;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Pool affinity on the real machine, with the real Linux provider and JNA: each worker pins itself at start and
 * the masks are read back with {@code sched_getaffinity}. The test runner's own thread is never re-pinned.
 */
@Timeout(60)
class RealAffinityTest {

    @Test
    void coreMode_oneWorkerPerCore_masksReadBackAreThoseCores() throws Exception {
        ThreadAffinity affinity = Weft.topologyProvider().affinity();
        assumeTrue(affinity.isSupported(), "thread affinity is not supported here: "
                + affinity.unavailabilityCause().map(Throwable::getMessage).orElse("no reason given"));
        Topology machine = Weft.topology();
        List<CpuSet> cores = new ArrayList<>();
        for (CpuSet core : machine.cores()) {
            CpuSet usable = core.intersect(machine.usableCpus());
            if (!usable.isEmpty()) {
                cores.add(usable);
            }
        }
        assumeTrue(cores.size() >= 2, "this machine has fewer than 2 usable cores: " + cores);
        CpuSet runnerMaskBefore = affinity.currentThreadCpus();

        int workers = 2;
        PoolConfig config = PoolConfig.builder().parallelism(workers).affinityMode(AffinityMode.CORE).build();
        Set<CpuSet> masks = new HashSet<>();
        try (WeftPool pool = Weft.newPool(config)) {
            // Both probes wait for each other, so each one runs on its own worker.
            CyclicBarrier bothRunning = new CyclicBarrier(workers);
            Callable<CpuSet> probe = () -> {
                bothRunning.await(30, TimeUnit.SECONDS);
                return affinity.currentThreadCpus();
            };
            List<TaskHandle<CpuSet>> handles = new ArrayList<>();
            for (int i = 0; i < workers; i++) {
                handles.add(pool.submit(probe));
            }
            for (TaskHandle<CpuSet> h : handles) {
                masks.add(h.get(30, TimeUnit.SECONDS));
            }
        }

        // On this 2-CPU machine: {0} and {1}. In general: two distinct cores of the machine.
        assertThat(masks).hasSize(workers);
        assertThat(cores).containsAll(masks);
        assertThat(affinity.currentThreadCpus()).isEqualTo(runnerMaskBefore);
    }

    @Test
    void nodeMode_workersArePinnedToTheirNodesUsableCpus() throws Exception {
        ThreadAffinity affinity = Weft.topologyProvider().affinity();
        assumeTrue(affinity.isSupported(), "thread affinity is not supported here");
        Topology machine = Weft.topology();
        PoolConfig config = PoolConfig.builder().parallelism(1).affinityMode(AffinityMode.NODE).build();
        try (WeftPool pool = Weft.newPool(config)) {
            CpuSet cpus = pool.submit(affinity::currentThreadCpus).get(30, TimeUnit.SECONDS);
            int node = machine.cpu(cpus.first()).orElseThrow().node();
            assertThat(cpus).isEqualTo(machine.usableCpus(node));
        }
    }

    @Test
    void noneMode_poolCreatedFromAPinnedThread_workersDoNotInheritThePin() throws Exception {
        ThreadAffinity affinity = Weft.topologyProvider().affinity();
        assumeTrue(affinity.isSupported(), "thread affinity is not supported here");
        CpuSet allowed = affinity.allowedCpus();
        assumeTrue(allowed.size() >= 2, "needs at least 2 allowed CPUs, has " + allowed);
        CpuSet pin = CpuSet.of(allowed.first());

        List<CpuSet> seen = new ArrayList<>();
        List<Throwable> failures = new ArrayList<>();
        // A thread of our own is pinned (never the runner), and creates the pool.
        Thread creator = new Thread(() -> {
            try {
                affinity.bindCurrentThread(pin);
                try (WeftPool pool = Weft.newPool(PoolConfig.builder().parallelism(1).build())) {
                    seen.add(pool.submit(affinity::currentThreadCpus).get(30, TimeUnit.SECONDS));
                }
            } catch (Throwable t) {
                failures.add(t);
            }
        }, "pinned-creator");
        creator.start();
        creator.join(TimeUnit.SECONDS.toMillis(45));

        assertThat(creator.isAlive()).as("the creator thread finished").isFalse();
        assertThat(failures).isEmpty();
        assertThat(seen).containsExactly(allowed);
    }
}
