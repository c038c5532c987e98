package dev.weft.core;

import dev.weft.AffinityMode;
import dev.weft.ManagedBlocker;
import dev.weft.PoolConfig;
import dev.weft.Weft;
import dev.weft.topology.CpuSet;
import dev.weft.topology.Topology;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Pinning workers through a recording ThreadAffinity (deterministic), and on the real machine when possible. */
class AffinityTest extends PoolTestBase {

    private WorkStealingPool pool(PoolConfig config, Topology topology, RecordingAffinity affinity) {
        return pool(config, new FakeTopologyProvider(topology, affinity));
    }

    private static void awaitBinds(RecordingAffinity a, int n) {
        await().atMost(Duration.ofSeconds(WAIT_S)).until(() -> a.binds.size() >= n);
    }

    @Test
    void create_nodeMode_eachWorkerBoundToItsNodesCpus() {
        Topology t = Topology.builder().uniform(2, 1).build();
        RecordingAffinity a = new RecordingAffinity(CpuSet.range(0, 1));
        WorkStealingPool pool = pool(PoolConfig.builder().parallelism(2).topology(t).name("node")
                .affinityMode(AffinityMode.NODE).build(), t, a);
        awaitBinds(a, 2);
        assertThat(a.binds).containsEntry("weft-node-n0-w0", CpuSet.of(0)).containsEntry("weft-node-n1-w1", CpuSet.of(1));
        assertThat(pool.parallelism()).isEqualTo(2);
    }

    @Test
    void create_coreMode_eachWorkerBoundToOneCore() {
        Topology t = Topology.builder().uniform(1, 2).build();
        RecordingAffinity a = new RecordingAffinity(CpuSet.range(0, 1));
        pool(PoolConfig.builder().parallelism(2).topology(t).name("core").affinityMode(AffinityMode.CORE).build(), t, a);
        awaitBinds(a, 2);
        assertThat(a.binds).containsEntry("weft-core-n0-w0", CpuSet.of(0)).containsEntry("weft-core-n0-w1", CpuSet.of(1));
    }

    @Test
    void create_noneModeFromAPinnedThread_workersAndSparesGetTheAllowedSetNotThePin() throws Exception {
        Topology t = Topology.builder().uniform(1, 2).build();
        RecordingAffinity a = new RecordingAffinity(CpuSet.range(0, 1));
        a.pinCurrent(CpuSet.of(1));
        WorkStealingPool pool;
        try {
            pool = pool(PoolConfig.builder().parallelism(1).topology(t).name("none").build(), t, a);
        } finally {
            a.unpinCurrent();
        }
        awaitBinds(a, 1);
        assertThat(a.binds).containsEntry("weft-none-n0-w0", CpuSet.range(0, 1));
        // A task pins its worker, then blocks: the spare started from that pinned thread must not keep the pin.
        CountDownLatch release = new CountDownLatch(1);
        var blocked = pool.submit(() -> {
            a.bindCurrentThread(CpuSet.of(0));
            Weft.managedBlock(new ManagedBlocker() {
                @Override
                public boolean block() throws InterruptedException {
                    return release.await(WAIT_S, TimeUnit.SECONDS);
                }

                @Override
                public boolean isReleasable() {
                    return release.getCount() == 0;
                }
            });
            return null;
        });
        await().atMost(Duration.ofSeconds(WAIT_S)).until(() -> a.binds.containsKey("weft-none-n0-w1"));
        assertThat(a.binds).containsEntry("weft-none-n0-w1", CpuSet.range(0, 1));
        release.countDown();
        blocked.get(WAIT_S, TimeUnit.SECONDS);
    }

    @Test
    void create_bindFails_workersRunUnpinned() throws Exception {
        Topology t = Topology.builder().uniform(2, 1).build();
        RecordingAffinity a = new RecordingAffinity(CpuSet.range(0, 1));
        a.failAll = true;
        WorkStealingPool pool = pool(PoolConfig.builder().parallelism(2).topology(t).affinityMode(AffinityMode.NODE)
                .build(), t, a);
        CyclicBarrier both = new CyclicBarrier(2);
        var f1 = pool.submit(() -> both.await(WAIT_S, TimeUnit.SECONDS));
        var f2 = pool.submit(() -> both.await(WAIT_S, TimeUnit.SECONDS));
        f1.get(WAIT_S, TimeUnit.SECONDS);
        f2.get(WAIT_S, TimeUnit.SECONDS);
        assertThat(a.bindCalls.get()).isEqualTo(2);
        assertThat(a.binds).isEmpty();
    }

    @Test
    void worker_killedByAnErrorInSchedulerCode_isReplacedAndThePoolKeepsItsSize() throws Exception {
        Topology t = Topology.builder().uniform(2, 1).build();
        RecordingAffinity a = new RecordingAffinity(CpuSet.range(0, 1));
        a.failNext.set(new LinkageError("pretend failure inside the scheduler"));
        WorkStealingPool pool = pool(PoolConfig.builder().parallelism(2).topology(t).affinityMode(AffinityMode.NODE)
                .uncaughtExceptionHandler((th, x) -> { }).build(), t, a);
        await().atMost(Duration.ofSeconds(WAIT_S)).until(() -> pool.workerDeaths() == 1 && a.binds.size() == 2);
        CyclicBarrier both = new CyclicBarrier(2);
        var f1 = pool.submit(() -> both.await(WAIT_S, TimeUnit.SECONDS));
        var f2 = pool.submit(() -> both.await(WAIT_S, TimeUnit.SECONDS));
        f1.get(WAIT_S, TimeUnit.SECONDS);
        f2.get(WAIT_S, TimeUnit.SECONDS);
        assertThat(pool.stats().poolSize()).isEqualTo(2);
    }

    @Test
    void create_injectedTopologyWithCpusNotAllowed_isRefusedNamingThem() {
        Topology t = Topology.builder().uniform(4, 2).build();
        RecordingAffinity a = new RecordingAffinity(CpuSet.range(0, 1));
        assertThatThrownBy(() -> TestPools.create(PoolConfig.builder().parallelism(2).topology(t)
                .affinityMode(AffinityMode.NODE).build(), new FakeTopologyProvider(t, a)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2-7").hasMessageContaining("NODE");
        // NONE is fine: nothing is pinned to the pretend CPUs.
        WorkStealingPool ok = TestPools.create(PoolConfig.builder().parallelism(2).topology(t).build(),
                new FakeTopologyProvider(t, a));
        track(ok);
    }
}
