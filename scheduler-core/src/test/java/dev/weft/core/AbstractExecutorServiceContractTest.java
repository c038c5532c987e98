package dev.weft.core;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The {@link ExecutorService} contract, run against Weft and against {@link java.util.concurrent.ThreadPoolExecutor}
 * (the reference: every case here passes on it). Habits of the JSR-166 TCK: assertions made in other threads
 * reach the test, every thread started is joined, every wait is bounded, nothing sleeps.
 */
@Timeout(60)
abstract class AbstractExecutorServiceContractTest {

    static final long LONG_DELAY_MS = 20_000;
    static final long SHORT_DELAY_MS = 50;
    static final int RACE_ROUNDS = 150;

    private final List<ExecutorService> created = new ArrayList<>();
    final TestPools.Failures failures = new TestPools.Failures();

    /** A pool of {@code threads} workers with an unbounded queue. */
    abstract ExecutorService newExecutor(int threads);

    /** A pool whose queue holds at most {@code capacity} tasks and rejects (REJECT / AbortPolicy) beyond. */
    abstract ExecutorService newBoundedExecutor(int threads, int capacity);

    /** A pool whose {@code execute} failures go to {@code handler}. */
    abstract ExecutorService newExecutor(int threads, Thread.UncaughtExceptionHandler handler);

    <E extends ExecutorService> E track(E e) {
        created.add(e);
        return e;
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        for (ExecutorService e : created) {
            TestPools.stop(e);
        }
        failures.rethrow();
    }

    private ExecutorService pool(int threads) {
        return track(newExecutor(threads));
    }

    // ---------------------------------------------------------------- results and exceptions

    @Test
    void submit_callable_returnsItsResult() throws Exception {
        ExecutorService e = pool(2);
        assertThat(e.submit(() -> 42).get(LONG_DELAY_MS, TimeUnit.MILLISECONDS)).isEqualTo(42);
        assertThat(e.submit(() -> { }, "done").get(LONG_DELAY_MS, TimeUnit.MILLISECONDS)).isEqualTo("done");
    }

    @Test
    void submit_failingTask_getThrowsExecutionExceptionWithTheCause() {
        ExecutorService e = pool(2);
        IllegalStateException boom = new IllegalStateException("boom");
        Future<Object> f = e.submit(() -> {
            throw boom;
        });
        assertThatThrownBy(() -> f.get(LONG_DELAY_MS, TimeUnit.MILLISECONDS))
                .isInstanceOf(ExecutionException.class).hasCause(boom);
    }

    @Test
    void execute_failingTask_reachesTheUncaughtExceptionHandler() throws Exception {
        AtomicReference<Throwable> seen = new AtomicReference<>();
        CountDownLatch handled = new CountDownLatch(1);
        ExecutorService e = track(newExecutor(1, (t, x) -> {
            seen.set(x);
            handled.countDown();
        }));
        IllegalStateException boom = new IllegalStateException("boom");
        e.execute(() -> {
            throw boom;
        });
        assertThat(handled.await(LONG_DELAY_MS, TimeUnit.MILLISECONDS)).isTrue();
        assertThat(seen.get()).isSameAs(boom);
        assertThat(e.submit(() -> 1).get(LONG_DELAY_MS, TimeUnit.MILLISECONDS)).isEqualTo(1);
    }

    @Test
    void execute_taskThrowingStackOverflowError_poolKeepsAllItsThreads() throws Exception {
        int threads = 2;
        CountDownLatch handled = new CountDownLatch(threads * 2);
        ExecutorService e = track(newExecutor(threads, (t, x) -> {
            if (x instanceof StackOverflowError) {
                handled.countDown();
            }
        }));
        for (int i = 0; i < threads * 2; i++) {
            e.execute(() -> recurse(0));
        }
        assertThat(handled.await(LONG_DELAY_MS, TimeUnit.MILLISECONDS)).isTrue();
        // Only a pool that still has `threads` threads can run `threads` tasks that wait for each other.
        CyclicBarrier barrier = new CyclicBarrier(threads);
        List<Future<Integer>> fs = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            fs.add(e.submit(() -> barrier.await(LONG_DELAY_MS, TimeUnit.MILLISECONDS)));
        }
        for (Future<Integer> f : fs) {
            f.get(LONG_DELAY_MS, TimeUnit.MILLISECONDS);
        }
    }

    static int recurse(int depth) {
        return recurse(depth + 1) + 1;
    }

    // ---------------------------------------------------------------- lifecycle

    @Test
    void shutdown_runsQueuedTasksAndRejectsNewOnes() throws Exception {
        ExecutorService e = pool(1);
        CountDownLatch gate = new CountDownLatch(1);
        AtomicInteger ran = new AtomicInteger();
        e.execute(failures.guard(() -> {
            gate.await(LONG_DELAY_MS, TimeUnit.MILLISECONDS);
            ran.incrementAndGet();
        }));
        for (int i = 0; i < 5; i++) {
            e.execute(ran::incrementAndGet);
        }
        e.shutdown();
        assertThat(e.isShutdown()).isTrue();
        assertThat(e.isTerminated()).isFalse();
        assertThatThrownBy(() -> e.submit(() -> 1)).isInstanceOf(RejectedExecutionException.class);
        assertThatThrownBy(() -> e.execute(() -> { })).isInstanceOf(RejectedExecutionException.class);
        gate.countDown();
        assertThat(e.awaitTermination(LONG_DELAY_MS, TimeUnit.MILLISECONDS)).isTrue();
        assertThat(e.isTerminated()).isTrue();
        assertThat(ran.get()).isEqualTo(6);
    }

    @Test
    void shutdownNow_interruptsRunningAndReturnsEveryTaskThatNeverStarted() throws Exception {
        ExecutorService e = pool(1);
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        e.execute(() -> {
            started.countDown();
            PoolTestBase.awaitInterrupt(interrupted);
        });
        assertThat(started.await(LONG_DELAY_MS, TimeUnit.MILLISECONDS)).isTrue();
        List<Future<?>> queued = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            queued.add(e.submit(() -> failures.add(new AssertionError("a queued task ran after shutdownNow"))));
        }
        List<Runnable> returned = e.shutdownNow();
        assertThat(returned).hasSize(5);
        assertThat(returned).allMatch(r -> queued.stream().anyMatch(f -> f == r));
        assertThat(interrupted.await(LONG_DELAY_MS, TimeUnit.MILLISECONDS)).isTrue();
        assertThat(e.awaitTermination(LONG_DELAY_MS, TimeUnit.MILLISECONDS)).isTrue();
    }

    @Test
    void awaitTermination_returnsTrueOnceTheLastTaskEnds() throws Exception {
        ExecutorService e = pool(2);
        CountDownLatch gate = new CountDownLatch(1);
        e.execute(failures.guard(() -> gate.await(LONG_DELAY_MS, TimeUnit.MILLISECONDS)));
        e.shutdown();
        assertThat(e.awaitTermination(SHORT_DELAY_MS, TimeUnit.MILLISECONDS)).isFalse();
        assertThat(e.isTerminated()).isFalse();
        gate.countDown();
        assertThat(e.awaitTermination(LONG_DELAY_MS, TimeUnit.MILLISECONDS)).isTrue();
    }

    @Test
    void accounting_shutdownRacingSubmitters_everyTaskStartedOnceOrRejected() throws Exception {
        for (int round = 0; round < RACE_ROUNDS; round++) {
            raceShutdown(track(newExecutor(2)), false, null);
        }
    }

    @Test
    void accounting_shutdownNowRacingSubmitters_everyTaskStartedRejectedOrReturned() throws Exception {
        for (int round = 0; round < RACE_ROUNDS; round++) {
            raceShutdown(track(newExecutor(2)), true, null);
        }
    }

    @Test
    void accounting_boundedQueueAndBlockedWorker_everyTaskAccountedFor() throws Exception {
        for (int round = 0; round < RACE_ROUNDS / 2; round++) {
            ExecutorService e = track(newBoundedExecutor(1, 4));
            CountDownLatch gate = new CountDownLatch(1);
            CountDownLatch blocked = new CountDownLatch(1);
            e.execute(() -> {
                blocked.countDown();
                try {
                    gate.await(LONG_DELAY_MS, TimeUnit.MILLISECONDS);
                } catch (InterruptedException expected) {
                    // shutdownNow() interrupts the running task
                }
            });
            assertThat(blocked.await(LONG_DELAY_MS, TimeUnit.MILLISECONDS)).isTrue();
            raceShutdown(e, round % 2 == 0, gate);
        }
    }

    /**
     * Three threads submit 100 tasks each while the test thread shuts the pool down after a random number of
     * submissions; then every task must be exactly one of: started once, rejected, returned by shutdownNow.
     */
    private void raceShutdown(ExecutorService e, boolean now, CountDownLatch gate) throws Exception {
        int submitters = 3;
        int perSubmitter = 100;
        int total = submitters * perSubmitter;
        AtomicIntegerArray started = new AtomicIntegerArray(total);
        AtomicIntegerArray rejected = new AtomicIntegerArray(total);
        AtomicIntegerArray lateAccepted = new AtomicIntegerArray(total);
        Map<Object, Integer> ids = new IdentityHashMap<>();
        AtomicBoolean shutdownReturned = new AtomicBoolean();
        CountDownLatch go = new CountDownLatch(1);
        CountDownLatch someSubmitted = new CountDownLatch(ThreadLocalRandom.current().nextInt(1, 60));
        List<Thread> threads = new ArrayList<>();
        for (int s = 0; s < submitters; s++) {
            int base = s * perSubmitter;
            Thread t = new Thread(failures.guard(() -> {
                go.await();
                for (int i = 0; i < perSubmitter; i++) {
                    int id = base + i;
                    boolean afterShutdown = shutdownReturned.get();
                    try {
                        Future<?> f = e.submit(() -> started.incrementAndGet(id));
                        synchronized (ids) {
                            ids.put(f, id);
                        }
                        if (afterShutdown) {
                            lateAccepted.set(id, 1);
                        }
                    } catch (RejectedExecutionException x) {
                        rejected.set(id, 1);
                    }
                    someSubmitted.countDown();
                }
            }));
            threads.add(t);
            t.start();
        }
        go.countDown();
        assertThat(someSubmitted.await(LONG_DELAY_MS, TimeUnit.MILLISECONDS)).isTrue();
        List<Runnable> returned = now ? e.shutdownNow() : List.of();
        if (!now) {
            e.shutdown();
        }
        shutdownReturned.set(true);
        if (gate != null) {
            gate.countDown();
        }
        for (Thread t : threads) {
            t.join(LONG_DELAY_MS);
            assertThat(t.isAlive()).as("submitter still running").isFalse();
        }
        assertThat(e.awaitTermination(LONG_DELAY_MS, TimeUnit.MILLISECONDS)).as("terminated").isTrue();
        int[] inList = new int[total];
        synchronized (ids) {
            for (Runnable r : returned) {
                Integer id = ids.get(r);
                if (id != null) {
                    inList[id]++;
                }
            }
        }
        for (int id = 0; id < total; id++) {
            int outcomes = started.get(id) + rejected.get(id) + inList[id];
            assertThat(outcomes).as("task %d: started %d times, rejected %d, returned %d", id, started.get(id),
                    rejected.get(id), inList[id]).isEqualTo(1);
            assertThat(lateAccepted.get(id)).as("task %d submitted after shutdown returned was accepted", id).isZero();
        }
    }

    // ---------------------------------------------------------------- cancellation and interrupts

    @Test
    void cancelFalse_queuedTask_neverRunsAndIsCancelled() throws Exception {
        ExecutorService e = pool(1);
        CountDownLatch gate = new CountDownLatch(1);
        e.execute(failures.guard(() -> gate.await(LONG_DELAY_MS, TimeUnit.MILLISECONDS)));
        AtomicBoolean ran = new AtomicBoolean();
        Future<?> f = e.submit(() -> ran.set(true));
        assertThat(f.cancel(false)).isTrue();
        assertThat(f.isCancelled()).isTrue();
        assertThat(f.isDone()).isTrue();
        gate.countDown();
        e.shutdown();
        assertThat(e.awaitTermination(LONG_DELAY_MS, TimeUnit.MILLISECONDS)).isTrue();
        assertThat(ran).isFalse();
        assertThatThrownBy(f::get).isInstanceOf(CancellationException.class);
    }

    @Test
    void cancelTrue_runningTask_isInterrupted() throws Exception {
        ExecutorService e = pool(1);
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        Future<?> f = e.submit(() -> {
            started.countDown();
            PoolTestBase.awaitInterrupt(interrupted);
        });
        assertThat(started.await(LONG_DELAY_MS, TimeUnit.MILLISECONDS)).isTrue();
        assertThat(f.cancel(true)).isTrue();
        assertThat(f.isCancelled()).isTrue();
        assertThat(interrupted.await(LONG_DELAY_MS, TimeUnit.MILLISECONDS)).isTrue();
    }

    @Test
    void cancelTrue_racingCompletion_nextTaskNeverStartsInterrupted() throws Exception {
        ExecutorService e = pool(1);
        for (int round = 0; round < 500; round++) {
            int spin = ThreadLocalRandom.current().nextInt(200);
            Future<?> a = e.submit(() -> {
                for (int i = 0; i < spin; i++) {
                    Thread.onSpinWait();
                }
            });
            Future<Boolean> b = e.submit(() -> Thread.currentThread().isInterrupted());
            for (int i = ThreadLocalRandom.current().nextInt(200); i > 0; i--) {
                Thread.onSpinWait();
            }
            a.cancel(true);
            assertThat(b.get(LONG_DELAY_MS, TimeUnit.MILLISECONDS)).as("round %d: next task started interrupted", round)
                    .isFalse();
        }
    }

    // ---------------------------------------------------------------- invokeAll / invokeAny

    @Test
    void invokeAll_allTasks_completeInOrderWithFailuresInTheirFutures() throws Exception {
        ExecutorService e = pool(2);
        List<Callable<Integer>> tasks = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            int v = i;
            tasks.add(() -> {
                if (v == 7) {
                    throw new IllegalStateException("seven");
                }
                return v;
            });
        }
        List<Future<Integer>> fs = e.invokeAll(tasks);
        assertThat(fs).hasSize(20).allMatch(Future::isDone);
        for (int i = 0; i < 20; i++) {
            if (i == 7) {
                int k = i;
                assertThatThrownBy(() -> fs.get(k).get()).isInstanceOf(ExecutionException.class)
                        .hasCauseInstanceOf(IllegalStateException.class);
            } else {
                assertThat(fs.get(i).get()).isEqualTo(i);
            }
        }
        assertThat(e.invokeAll(List.of())).isEmpty();
        assertThatThrownBy(() -> e.invokeAll(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void invokeAllTimed_timeout_cancelsWhatIsUnfinished() throws Exception {
        ExecutorService e = pool(2);
        CountDownLatch never = new CountDownLatch(1);
        List<Callable<String>> tasks = List.of(() -> "quick", () -> {
            never.await(LONG_DELAY_MS, TimeUnit.MILLISECONDS);
            return "slow";
        });
        List<Future<String>> fs = e.invokeAll(tasks, SHORT_DELAY_MS, TimeUnit.MILLISECONDS);
        assertThat(fs).hasSize(2).allMatch(Future::isDone);
        assertThat(fs.get(0).get()).isEqualTo("quick");
        assertThat(fs.get(1).isCancelled()).isTrue();
    }

    @Test
    void invokeAny_oneSucceeds_returnsItAndCancelsTheOthers() throws Exception {
        ExecutorService e = pool(2);
        CountDownLatch slowStarted = new CountDownLatch(1);
        CountDownLatch slowInterrupted = new CountDownLatch(1);
        List<Callable<String>> tasks = List.of(() -> {
            slowStarted.countDown();
            PoolTestBase.awaitInterrupt(slowInterrupted);
            return "slow";
        }, () -> {
            slowStarted.await(LONG_DELAY_MS, TimeUnit.MILLISECONDS);
            return "fast";
        });
        assertThat(e.invokeAny(tasks)).isEqualTo("fast");
        assertThat(slowInterrupted.await(LONG_DELAY_MS, TimeUnit.MILLISECONDS)).as("the other task was cancelled")
                .isTrue();
    }

    @Test
    void invokeAny_allFail_throwsExecutionException() {
        ExecutorService e = pool(2);
        List<Callable<String>> tasks = List.of(() -> {
            throw new IllegalStateException("one");
        }, () -> {
            throw new IllegalStateException("two");
        });
        assertThatThrownBy(() -> e.invokeAny(tasks)).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(IllegalStateException.class);
    }

    @Test
    void invokeAnyTimed_noneFinishes_throwsTimeoutExceptionAndCancels() throws Exception {
        ExecutorService e = pool(2);
        CountDownLatch interrupted = new CountDownLatch(1);
        List<Callable<String>> tasks = List.of(() -> {
            PoolTestBase.awaitInterrupt(interrupted);
            return "never";
        });
        assertThatThrownBy(() -> e.invokeAny(tasks, SHORT_DELAY_MS, TimeUnit.MILLISECONDS))
                .isInstanceOf(TimeoutException.class);
        assertThat(interrupted.await(LONG_DELAY_MS, TimeUnit.MILLISECONDS)).isTrue();
    }

    @Test
    void invokeAny_badArguments_throwAsDocumented() {
        ExecutorService e = pool(1);
        assertThatThrownBy(() -> e.invokeAny(List.<Callable<String>>of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> e.invokeAny(null)).isInstanceOf(NullPointerException.class);
        List<Callable<String>> withNull = new ArrayList<>();
        withNull.add(null);
        assertThatThrownBy(() -> e.invokeAny(withNull)).isInstanceOf(NullPointerException.class);
    }
}
