package dev.weft.core;

import dev.weft.TaskHandle;
import dev.weft.WeftPool;
import dev.weft.WeftRecursiveAction;
import dev.weft.WeftRecursiveTask;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Joins that help, fork/join task classes, parallelFor and quiescence. */
class JoinTest extends PoolTestBase {

    @Test
    void getWithTimeout_fromAWorkerOnATaskThatBlocks_timesOutInsteadOfRunningItInline() throws Exception {
        WorkStealingPool pool = pool(2);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        TaskHandle<String> outer = pool.submit(() -> {
            TaskHandle<Integer> inner = pool.submit(() -> {
                release.await();
                return 1;
            });
            try {
                inner.get(100, TimeUnit.MILLISECONDS);
                return "no timeout";
            } catch (java.util.concurrent.TimeoutException expected) {
                return "timed out";
            } finally {
                release.countDown();
            }
        });
        // Run inline, the inner task would block this worker on the latch that only the timeout releases.
        assertThat(outer.get(WAIT_S, TimeUnit.SECONDS)).isEqualTo("timed out");
    }

    @Test
    void join_failureDeepInNestedForkJoin_hasOneCompletionExceptionAroundTheCause() {
        WorkStealingPool pool = pool(2);
        final class Chain extends WeftRecursiveTask<Integer> {
            private final int depth;

            Chain(int depth) {
                this.depth = depth;
            }

            @Override
            protected Integer compute() {
                if (depth == 0) {
                    throw new IllegalStateException("leaf");
                }
                Chain child = new Chain(depth - 1);
                child.fork();
                return child.join();
            }
        }
        assertThatThrownBy(() -> pool.invoke(new Chain(5)))
                .isInstanceOf(CompletionException.class)
                .cause().isInstanceOf(IllegalStateException.class).hasMessage("leaf");
        Future<Integer> submitted = pool.submit(new Chain(5));
        assertThatThrownBy(() -> submitted.get(WAIT_S, TimeUnit.SECONDS))
                .isInstanceOf(java.util.concurrent.ExecutionException.class)
                .cause().isInstanceOf(IllegalStateException.class).hasMessage("leaf");
    }

    @Test
    void get_parallelismOneTaskWaitsOnInnerSubmittedTask_completes() throws Exception {
        WorkStealingPool pool = pool(1);
        for (int round = 0; round < 200; round++) {
            int r = round;
            assertThat(pool.submit(() -> pool.submit(() -> r + 1).get()).get(WAIT_S, TimeUnit.SECONDS)).isEqualTo(r + 1);
            assertThat(pool.submit(() -> pool.submit(() -> r + 2).join()).get(WAIT_S, TimeUnit.SECONDS)).isEqualTo(r + 2);
        }
    }

    @Test
    void get_onTheOldestOfItsForks_runsTheWorkersOwnTasksFirstNewestFirst() throws Exception {
        WorkStealingPool pool = pool(1);
        List<Integer> order = Collections.synchronizedList(new ArrayList<>());
        pool.submit(() -> {
            List<TaskHandle<Boolean>> forks = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                int id = i;
                forks.add(pool.fork(() -> order.add(id)));
            }
            // The oldest fork is at the top of the deque, not the bottom: the join helps with the others first.
            return forks.get(0).get();
        }).get(WAIT_S, TimeUnit.SECONDS);
        assertThat(order).containsExactly(4, 3, 2, 1, 0);
    }

    static int fibBySubmitAndGet(WeftPool pool, int n) throws Exception {
        if (n < 2) {
            return n;
        }
        Future<Integer> a = pool.submit(() -> fibBySubmitAndGet(pool, n - 1));
        Future<Integer> b = pool.submit(() -> fibBySubmitAndGet(pool, n - 2));
        return a.get() + b.get();
    }

    @Test
    void get_parallelismTwoRecursiveFibonacciBlockingOnGet_completes() throws Exception {
        WorkStealingPool pool = pool(2);
        assertThat(pool.submit(() -> fibBySubmitAndGet(pool, 22)).get(WAIT_S * 2, TimeUnit.SECONDS)).isEqualTo(17711);
    }

    static final class Fib extends WeftRecursiveTask<Integer> {
        final int n;

        Fib(int n) {
            this.n = n;
        }

        @Override
        protected Integer compute() {
            if (n < 2) {
                return n;
            }
            Fib f1 = new Fib(n - 1);
            Fib f2 = new Fib(n - 2);
            if ((n & 1) == 0) {
                f1.fork();
                return f2.compute() + f1.join();
            }
            invokeAll(f1, f2);
            return f1.join() + f2.join();
        }
    }

    @Test
    void invoke_recursiveTask_computesFibonacci() {
        WorkStealingPool pool = pool(2);
        assertThat(pool.invoke(new Fib(25))).isEqualTo(75025);
        assertThat(pool.invoke(new Fib(1))).isEqualTo(1);
    }

    @Test
    void invoke_recursiveActionThatFails_joinThrowsCompletionExceptionWithCause() {
        WorkStealingPool pool = pool(2);
        IllegalStateException boom = new IllegalStateException("boom");
        WeftRecursiveAction failing = new WeftRecursiveAction() {
            @Override
            protected void compute() {
                WeftRecursiveAction child = new WeftRecursiveAction() {
                    @Override
                    protected void compute() {
                        throw boom;
                    }
                };
                child.fork();
                child.join();
            }
        };
        assertThatThrownBy(() -> pool.invoke(failing)).isInstanceOf(CompletionException.class).hasRootCause(boom);
        assertThatThrownBy(() -> pool.submit(() -> {
            throw boom;
        }).join()).isInstanceOf(CompletionException.class).hasCause(boom);
        assertThatThrownBy(() -> pool.invoke(() -> {
            throw boom;
        })).isInstanceOf(CompletionException.class).hasCause(boom);
    }

    @Test
    void fork_outsideAWorker_throwsIllegalStateException() {
        WeftRecursiveAction a = new WeftRecursiveAction() {
            @Override
            protected void compute() {
            }
        };
        assertThatThrownBy(a::fork).isInstanceOf(IllegalStateException.class).hasMessageContaining("not a Weft worker");
    }

    @Test
    void awaitQuiescence_treeOfForks_returnsTrueOnceNothingIsQueuedOrRunning() {
        WorkStealingPool pool = pool(2);
        AtomicInteger ran = new AtomicInteger();
        for (int i = 0; i < 10; i++) {
            pool.submit(() -> {
                for (int k = 0; k < 100; k++) {
                    pool.fork(ran::incrementAndGet);
                }
                return ran.incrementAndGet();
            });
        }
        assertThat(pool.awaitQuiescence(WAIT_S, TimeUnit.SECONDS)).isTrue();
        assertThat(ran.get()).isEqualTo(10 * 101);
        assertThat(pool.stats().queuedTasks()).isZero();
        assertThat(pool.stats().activeCount()).isZero();
    }

    @Test
    void awaitQuiescence_calledFromAWorker_helpsAndReturns() throws Exception {
        WorkStealingPool pool = pool(1);
        AtomicInteger ran = new AtomicInteger();
        TaskHandle<Boolean> h = pool.submit(() -> {
            for (int k = 0; k < 100; k++) {
                pool.fork(ran::incrementAndGet);
            }
            return pool.awaitQuiescence(WAIT_S, TimeUnit.SECONDS);
        });
        assertThat(h.get(WAIT_S, TimeUnit.SECONDS)).isTrue();
        assertThat(ran.get()).isEqualTo(100);
    }

    @Test
    void parallelFor_range_visitsEveryIndexOnce() throws Exception {
        WorkStealingPool pool = pool(2);
        int n = 100_000;
        int[] visits = new int[n];
        LongAdder sum = new LongAdder();
        pool.parallelFor(0, n, i -> {
            visits[i]++;
            sum.add(i);
        });
        assertThat(sum.sum()).isEqualTo((long) n * (n - 1) / 2);
        for (int v : visits) {
            assertThat(v).isEqualTo(1);
        }
        AtomicLong nested = new AtomicLong();
        pool.submit(() -> {
            pool.parallelFor(10, 20, i -> nested.addAndGet(i));
            return null;
        }).get(WAIT_S, TimeUnit.SECONDS);
        assertThat(nested.get()).isEqualTo(145);
        pool.parallelFor(5, 5, i -> {
            throw new AssertionError("empty range ran");
        });
        assertThatThrownBy(() -> pool.parallelFor(5, 4, i -> { })).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("from = 5").hasMessageContaining("to = 4");
    }

    @Test
    void parallelFor_bodyThrows_rethrowsTheFirstException() {
        WorkStealingPool pool = pool(2);
        assertThatThrownBy(() -> pool.parallelFor(0, 10_000, i -> {
            if (i == 500 || i == 7_000) {
                throw new IllegalStateException("at " + i);
            }
        })).isInstanceOf(IllegalStateException.class).hasMessageStartingWith("at ");
    }
}
