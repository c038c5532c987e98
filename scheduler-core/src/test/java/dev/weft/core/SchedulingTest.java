package dev.weft.core;

import dev.weft.PoolStats;
import dev.weft.Priority;
import dev.weft.TaskHandle;
import dev.weft.WeftPool;
import dev.weft.WeftRecursiveAction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** Which task a worker picks next: priorities, per-thread FIFO, inheritance, aging, stealing, stats. */
class SchedulingTest extends PoolTestBase {

    @Test
    void submit_mixedPriorities_highBeforeNormalBeforeLow() throws Exception {
        WorkStealingPool pool = pool(1);
        CountDownLatch gate = blockWorker(pool);
        List<Priority> order = Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < 5; i++) {
            for (Priority p : new Priority[] {Priority.LOW, Priority.NORMAL, Priority.HIGH}) {
                pool.submit(() -> order.add(p), p);
            }
        }
        gate.countDown();
        assertThat(pool.awaitQuiescence(WAIT_S, TimeUnit.SECONDS)).isTrue();
        assertThat(order).containsExactly(Priority.HIGH, Priority.HIGH, Priority.HIGH, Priority.HIGH, Priority.HIGH,
                Priority.NORMAL, Priority.NORMAL, Priority.NORMAL, Priority.NORMAL, Priority.NORMAL,
                Priority.LOW, Priority.LOW, Priority.LOW, Priority.LOW, Priority.LOW);
    }

    @Test
    void submit_oneThreadOnePriority_runsInSubmissionOrder() throws Exception {
        WorkStealingPool pool = pool(1);
        CountDownLatch gate = blockWorker(pool);
        int threads = 3;
        int each = 300;
        List<int[]> order = Collections.synchronizedList(new ArrayList<>());
        List<Thread> submitters = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            Thread s = new Thread(failures.guard(() -> {
                for (int i = 0; i < each; i++) {
                    int seq = i;
                    pool.submit(() -> order.add(new int[] {thread, seq}), Priority.NORMAL);
                }
            }));
            submitters.add(s);
            s.start();
        }
        for (Thread s : submitters) {
            s.join(WAIT_S * 1000);
            assertThat(s.isAlive()).isFalse();
        }
        gate.countDown();
        assertThat(pool.awaitQuiescence(WAIT_S, TimeUnit.SECONDS)).isTrue();
        assertThat(order).hasSize(threads * each);
        int[] next = new int[threads];
        synchronized (order) {
            for (int[] e : order) {
                assertThat(e[1]).as("submitter %d", e[0]).isEqualTo(next[e[0]]++);
            }
        }
    }

    @Test
    void execute_burstWhoseFirstTaskBlocks_theOtherWorkerRunsTheRest() throws Exception {
        // A worker moves a burst of external tasks into its own deque (up to WorkerThread.EXTERNAL_BATCH); if the
        // task it runs first blocks, the rest must still be reachable by the other worker.
        WorkStealingPool pool = pool(2);
        int rest = 500;
        CountDownLatch restDone = new CountDownLatch(rest);
        AtomicBoolean firstSawTheRestDone = new AtomicBoolean();
        CountDownLatch firstDone = new CountDownLatch(1);
        pool.execute(() -> {
            try {
                firstSawTheRestDone.set(restDone.await(WAIT_S, TimeUnit.SECONDS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                firstDone.countDown();
            }
        });
        for (int i = 0; i < rest; i++) {
            pool.execute(restDone::countDown);
        }
        assertThat(firstDone.await(WAIT_S + 5, TimeUnit.SECONDS)).isTrue();
        assertThat(firstSawTheRestDone).as("the other %d tasks ran while the first was blocked", rest).isTrue();
    }

    @Test
    void aging_lowTasksABurstMovedIntoTheDeque_stillRunOldestFirstUnderAHighFlood() throws Exception {
        // One worker: it takes L1..L5 in one batch (L2..L5 wait in its LOW deque), then meets a flood of HIGH
        // tasks and L6, all submitted from outside while L1 runs. Aging must pick the LOW tasks oldest first.
        WorkStealingPool pool = pool(1);
        CountDownLatch gate = blockWorker(pool);
        List<Integer> lowOrder = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch firstLowRunning = new CountDownLatch(1);
        CountDownLatch floodQueued = new CountDownLatch(1);
        pool.submit(() -> {
            lowOrder.add(1);
            firstLowRunning.countDown();
            floodQueued.await(WAIT_S, TimeUnit.SECONDS);
            return null;
        }, Priority.LOW);
        for (int i = 2; i <= 5; i++) {
            int id = i;
            pool.submit(() -> lowOrder.add(id), Priority.LOW);
        }
        gate.countDown();
        assertThat(firstLowRunning.await(WAIT_S, TimeUnit.SECONDS)).isTrue();
        for (int i = 0; i < 8 * WeftPool.AGING_BOUND; i++) {
            pool.submit(() -> { }, Priority.HIGH);
        }
        pool.submit(() -> lowOrder.add(6), Priority.LOW);
        floodQueued.countDown();

        assertThat(pool.awaitQuiescence(WAIT_S, TimeUnit.SECONDS)).isTrue();
        assertThat(lowOrder).containsExactly(1, 2, 3, 4, 5, 6);
    }

    @Test
    void fork_fromHighTask_subtasksInheritTheParentsPriority() throws Exception {
        WorkStealingPool pool = pool(2);
        TaskHandle<List<Priority>> h = pool.submit(() -> {
            TaskHandle<Priority> viaPool = pool.fork(() -> Priority.LOW);
            WeftRecursiveAction child = new WeftRecursiveAction() {
                @Override
                protected void compute() {
                }
            };
            child.fork();
            child.join();
            viaPool.join();
            return List.of(viaPool.priority(), child.priority());
        }, Priority.HIGH);
        assertThat(h.get(WAIT_S, TimeUnit.SECONDS)).containsExactly(Priority.HIGH, Priority.HIGH);
    }

    @Test
    void aging_lowTaskInPoolFloodedWithSelfResubmittingHighTasks_runsWithinTheAgingBound() throws Exception {
        WorkStealingPool pool = pool(1);
        AtomicLong highPicks = new AtomicLong();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong before = new AtomicLong(-1);
        AtomicLong after = new AtomicLong(-1);
        CountDownLatch lowRan = new CountDownLatch(1);
        Runnable low = () -> {
            after.set(highPicks.get());
            stop.set(true);
            lowRan.countDown();
        };
        Runnable high = new Runnable() {
            @Override
            public void run() {
                long n = highPicks.incrementAndGet();
                if (n == 1_000) {
                    // Submitted from the worker itself, so every later pick is counted exactly.
                    before.set(n);
                    pool.submit(low, Priority.LOW);
                }
                if (!stop.get()) {
                    pool.submit(this, Priority.HIGH);
                }
            }
        };
        for (int i = 0; i < 8; i++) {
            pool.submit(high, Priority.HIGH);
        }
        assertThat(lowRan.await(WAIT_S, TimeUnit.SECONDS)).isTrue();
        long highPicksWhileLowWaited = after.get() - before.get();
        assertThat(highPicksWhileLowWaited).isBetween(1L, (long) WeftPool.AGING_BOUND);
    }

    @Test
    void steal_oneTaskForksTenThousandSubtasks_otherWorkerRunsARealShare() throws Exception {
        WorkStealingPool pool = pool(2);
        int n = 10_000;
        AtomicLong sink = new AtomicLong();
        pool.submit(() -> {
            List<TaskHandle<Long>> subs = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                int seed = i;
                subs.add(pool.fork(() -> {
                    long x = seed;
                    // ~20 us of work each (~0.2 s in all): long enough that a thief's wake-up and the OS's
                    // placement of threads on a shared 2-CPU box are small against the whole run.
                    for (int k = 0; k < 20_000; k++) {
                        x = x * 6364136223846793005L + 1442695040888963407L;
                    }
                    sink.addAndGet(x & 1);
                    return x;
                }));
            }
            for (TaskHandle<Long> s : subs) {
                s.join();
            }
            return null;
        }).get(WAIT_S, TimeUnit.SECONDS);
        assertThat(pool.awaitQuiescence(WAIT_S, TimeUnit.SECONDS)).isTrue();
        PoolStats stats = pool.stats();
        // A real share, not a fair one: on a shared 2-CPU box the OS decides how much CPU each worker gets.
        assertThat(stats.tasksRunPerWorker()).hasSize(2);
        for (long perWorker : stats.tasksRunPerWorker()) {
            assertThat(perWorker).as("tasks per worker %s", stats.tasksRunPerWorker()).isGreaterThan(n / 20);
        }
        assertThat(stats.sameNodeSteals()).isGreaterThan(n / 20);
    }

    @Test
    void stats_quietPool_perWorkerCountsAddUpToCompleted() throws Exception {
        WorkStealingPool pool = pool(2);
        List<TaskHandle<?>> hs = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            int v = i;
            hs.add(pool.submit(() -> {
                if (v % 100 == 0) {
                    throw new IllegalStateException("planned failure");
                }
                return pool.fork(() -> v).join();
            }));
        }
        for (TaskHandle<?> h : hs) {
            h.toCompletableFuture().handle((r, x) -> null).get(WAIT_S, TimeUnit.SECONDS);
        }
        assertThat(pool.awaitQuiescence(WAIT_S, TimeUnit.SECONDS)).isTrue();
        PoolStats s = pool.stats();
        assertThat(s.tasksRunPerWorker().stream().mapToLong(Long::longValue).sum()).isEqualTo(s.completed());
        assertThat(s.completed()).isEqualTo(s.submitted());
        assertThat(s.submitted()).isEqualTo(2_000 + 2_000 - 20);
        assertThat(s.failed()).isEqualTo(20);
        assertThat(s.queuedTasks()).isZero();
        assertThat(s.activeCount()).isZero();
        assertThat(s.poolSize()).isEqualTo(2);
        assertThat(s.parallelism()).isEqualTo(2);
        assertThat(s.rejected()).isZero();
    }
    /**
     * The lost-wake-up test of the idle protocol: 100,000 bursts, each submitted into a pool whose workers have
     * all parked. A submit that publishes its task while the last searcher decides to park, without either side
     * noticing the other, leaves the task queued with every worker asleep: the bounded get below then times out.
     */
    @Test
    @Timeout(180)
    void submit_100000BurstsIntoAnIdlePool_neverStall() throws Exception {
        WorkStealingPool pool = pool(2);
        int bursts = 100_000;
        for (int i = 0; i < bursts; i++) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_S);
            while (!allParked(pool)) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("burst " + i + ": the workers never went idle");
                }
                Thread.onSpinWait();
            }
            TaskHandle<Integer> first = pool.submit(() -> 1);
            TaskHandle<Integer> second = (i & 1) == 0 ? pool.submit(() -> 2) : null;
            assertThat(first.get(WAIT_S, TimeUnit.SECONDS)).isEqualTo(1);
            if (second != null) {
                assertThat(second.get(WAIT_S, TimeUnit.SECONDS)).isEqualTo(2);
            }
        }
        assertThat(pool.awaitQuiescence(WAIT_S, TimeUnit.SECONDS)).isTrue();
        assertThat(pool.stats().completed()).isEqualTo(bursts + bursts / 2);
    }

    private static boolean allParked(WorkStealingPool pool) {
        for (WorkerSlot s : pool.workers().slots()) {
            WorkerThread t = s.thread;
            if (t == null || s.parkState() != WorkerSlot.PARKED
                    || (t.getState() != Thread.State.WAITING && t.getState() != Thread.State.TIMED_WAITING)) {
                return false;
            }
        }
        return true;
    }

    @Test
    void idle_poolWithoutWork_workersParkInsteadOfSpinning() {
        WorkStealingPool pool = pool(4);
        pool.submit(() -> 1).join();
        awaitUntil(() -> allParked(pool));
        assertThat(pool.workers().searching()).isZero();
    }

    @Test
    void submit_intoAParkedPool_wakesAtMostOneWorkerPerTask() throws Exception {
        WorkStealingPool pool = pool(4);
        awaitUntil(() -> allParked(pool));
        long parksBefore = pool.stats().parks();
        int rounds = 20;
        for (int i = 0; i < rounds; i++) {
            pool.submit(() -> 1).get(WAIT_S, TimeUnit.SECONDS);
            awaitUntil(() -> allParked(pool));
        }
        // Each submit woke one worker, which parked again after its task; waking all four would park four.
        assertThat(pool.stats().parks() - parksBefore).isLessThanOrEqualTo(rounds);
    }
}
