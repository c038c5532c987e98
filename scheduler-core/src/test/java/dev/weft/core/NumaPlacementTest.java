package dev.weft.core;

import dev.weft.PoolConfig;
import dev.weft.PoolStats;
import dev.weft.Priority;
import dev.weft.TaskHandle;
import dev.weft.WeftPool;
import dev.weft.spi.ThreadAffinity;
import dev.weft.topology.CpuSet;
import dev.weft.topology.Topology;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** An injected 8-node topology on a 2-CPU box: worker placement, node hints, steal accounting. */
class NumaPlacementTest extends PoolTestBase {

    private WorkStealingPool eightNodes(String name) {
        Topology t = Topology.builder().uniform(8, 2).build();
        return pool(PoolConfig.builder().parallelism(16).topology(t).name(name).build(),
                new FakeTopologyProvider(t, ThreadAffinity.unsupported("tests")));
    }

    private static int nodeOfCurrentThread() {
        String n = Thread.currentThread().getName();
        int i = n.lastIndexOf("-n");
        return Integer.parseInt(n.substring(i + 2, n.indexOf("-w", i)));
    }

    @Test
    void create_eightNodesSixteenWorkers_twoWorkersPerNodeNamedByNode() {
        WorkStealingPool pool = eightNodes("numa");
        Map<Integer, Integer> perNode = new HashMap<>();
        for (WorkerSlot s : pool.workers().slots()) {
            String name = s.thread.getName();
            assertThat(name).matches("weft-numa-n" + pool.placement().nodeId(s.nodeIndex) + "-w" + s.index);
            perNode.merge(s.nodeIndex, 1, Integer::sum);
        }
        assertThat(perNode).hasSize(8).allSatisfy((node, count) -> assertThat(count).isEqualTo(2));
    }

    /**
     * "When one is free": a worker that has just finished a task is busy until it is back to looking for work,
     * and on this overloaded 2-CPU box it may be descheduled in between. Wait until the node has a free worker.
     */
    private static void awaitFreeWorkerOn(WorkStealingPool pool, int nodeId) {
        int index = pool.placement().indexOf(nodeId);
        awaitUntil(() -> pool.workers().nodeHasIdle(index));
    }

    @Test
    void submit_withNodeHint_runsOnAWorkerOfThatNode() throws Exception {
        WorkStealingPool pool = eightNodes("hint");
        for (int i = 0; i < 100; i++) {
            int node = i % 8;
            awaitFreeWorkerOn(pool, node);
            assertThat(pool.submit(NumaPlacementTest::nodeOfCurrentThread, Priority.NORMAL, node)
                    .get(WAIT_S, TimeUnit.SECONDS)).isEqualTo(node);
        }
        assertThatThrownBy(() -> pool.submit(() -> 1, Priority.NORMAL, 8)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("node = 8").hasMessageContaining("[0, 1, 2, 3, 4, 5, 6, 7]");
        assertThat(pool.submit(() -> 1, Priority.NORMAL, WeftPool.ANY_NODE).get(WAIT_S, TimeUnit.SECONDS)).isEqualTo(1);
    }

    @Test
    void submit_withoutHint_goesToTheNodeOfTheSubmittersCpuAndSticks() throws Exception {
        Topology t = Topology.builder().uniform(8, 2).build();
        RecordingAffinity affinity = new RecordingAffinity(CpuSet.range(0, 15));
        WorkStealingPool pool = pool(PoolConfig.builder().parallelism(16).topology(t).name("sticky").build(),
                new FakeTopologyProvider(t, affinity));
        java.util.concurrent.atomic.AtomicReference<List<Integer>> nodes = new java.util.concurrent.atomic.AtomicReference<>();
        Thread submitter = new Thread(() -> {
            affinity.pinCurrent(CpuSet.of(5)); // CPU 5 is on node 2 (CPUs 4-5)
            List<Integer> seen = new ArrayList<>();
            try {
                for (int i = 0; i < 30; i++) {
                    awaitFreeWorkerOn(pool, 2);
                    seen.add(pool.submit(NumaPlacementTest::nodeOfCurrentThread).get(WAIT_S, TimeUnit.SECONDS));
                    if (i == 0) {
                        affinity.pinCurrent(CpuSet.of(14)); // moving later does not move its submissions: sticky
                    }
                }
            } catch (Exception e) {
                failures.add(e);
            }
            nodes.set(seen);
        });
        submitter.start();
        submitter.join(WAIT_S * 1000);
        assertThat(submitter.isAlive()).isFalse();
        assertThat(nodes.get()).hasSize(30).containsOnly(2);
    }

    @Test
    void stats_forksOnNodeZero_stealsCountedAsSameNodeOrOtherNodeByThief() throws Exception {
        WorkStealingPool pool = eightNodes("steals");
        Map<Integer, AtomicInteger> runsByNode = new ConcurrentHashMap<>();
        AtomicInteger parentWorker = new AtomicInteger(-1);
        int n = 3_000;
        pool.submit(() -> {
            parentWorker.set(((WorkerThread) Thread.currentThread()).slot.index);
            List<TaskHandle<Integer>> subs = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                subs.add(pool.fork(() -> {
                    long x = 0;
                    for (int k = 0; k < 300; k++) {
                        x += k * 31L;
                    }
                    runsByNode.computeIfAbsent(nodeOfCurrentThread(), k -> new AtomicInteger()).incrementAndGet();
                    return (int) x;
                }));
            }
            for (TaskHandle<Integer> s : subs) {
                s.join();
            }
            return nodeOfCurrentThread();
        }, Priority.NORMAL, 0).get(WAIT_S, TimeUnit.SECONDS);
        assertThat(pool.awaitQuiescence(WAIT_S, TimeUnit.SECONDS)).isTrue();
        PoolStats stats = pool.stats();
        // Every subtask ran either on the forking worker (popped), or was stolen exactly once.
        long parentRuns = stats.tasksRunPerWorker().get(parentWorker.get()) - 1;
        long onNodeZero = runsByNode.getOrDefault(0, new AtomicInteger()).get();
        long elsewhere = n - onNodeZero;
        assertThat(stats.otherNodeSteals()).isEqualTo(elsewhere);
        assertThat(stats.sameNodeSteals()).isEqualTo(onNodeZero - parentRuns);
        assertThat(stats.steals()).isPositive();
    }

    @Test
    void placement_distancesAndUnevenNodes_stealOrderByDistanceAndWorkersByUsableCpus() {
        int[][] d = {
                {10, 30, 20, 40},
                {30, 10, 40, 20},
                {20, 40, 10, 30},
                {40, 20, 30, 10}};
        Topology t = Topology.builder().uniform(4, 2).distances(d).allowedCpus(CpuSet.parseList("0-1,2,4-5,6-7"))
                .build();
        Placement p = new Placement(t);
        assertThat(p.stealOrder(0)).containsExactly(2, 1, 3);
        assertThat(p.stealOrder(1)).containsExactly(3, 0, 2);
        // Usable CPUs: node0 2, node1 1, node2 2, node3 2 -> 7 slots give 2,1,2,2.
        int[] count = new int[4];
        for (int s = 0; s < 7; s++) {
            count[p.nodeOfSlot(s)]++;
        }
        assertThat(count).containsExactly(2, 1, 2, 2);
        Topology memoryOnly = Topology.builder().uniform(2, 2).node(new dev.weft.topology.NumaNode(5, CpuSet.empty(), 1L << 30))
                .build();
        Placement q = new Placement(memoryOnly);
        assertThat(q.serving(q.indexOf(5))).isNotEqualTo(q.indexOf(5));
        for (int s = 0; s < 8; s++) {
            assertThat(q.nodeOfSlot(s)).isNotEqualTo(q.indexOf(5));
        }
    }
}
