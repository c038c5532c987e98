package dev.weft.kernels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The team protocol of {@link SharedPanels}: whoever is present finishes the call, failures stop everyone. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SharedPanelsTest {

    /** The scalar kernel, with hooks: who called it, how many calls are in flight, and a gate on calls. */
    private static class Probe implements DoubleKernel {
        final DoubleKernel inner = new ScalarDoubleKernel();
        final Set<Thread> threads = ConcurrentHashMap.newKeySet();
        final AtomicInteger inFlight = new AtomicInteger();
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public int mr() {
            return inner.mr();
        }

        @Override
        public int nr() {
            return inner.nr();
        }

        /** Runs before each call; tests override it to block or fail. */
        void beforeCall(int call) {
        }

        @Override
        public void multiply(int kc, double[] a, int aOff, double[] b, int bOff, double alpha, double[] c, int cOff,
                             int ldc) {
            inFlight.incrementAndGet();
            try {
                threads.add(Thread.currentThread());
                beforeCall(calls.incrementAndGet());
                inner.multiply(kc, a, aOff, b, bOff, alpha, c, cOff, ldc);
            } finally {
                inFlight.decrementAndGet();
            }
        }

        @Override
        public void update(double[] tile, double alpha, double beta, double[] c, int cOff, int ldc) {
            inner.update(tile, alpha, beta, c, cOff, ldc);
        }

        Gemm gemm() {
            return Gemm.forTesting(new KernelSet(this, new ScalarFloatKernel(), "probe"), Fixtures.ALWAYS_PARALLEL);
        }
    }

    /** {@code C = A*B} for random m x k and k x n inputs, checked against the reference loop. */
    private static void multiplyAndCheck(Gemm gemm, ExecutorService exec, int parallelism, int m, int n, int k) {
        double[] a = Fixtures.randomDoubles(m, k, 1);
        double[] b = Fixtures.randomDoubles(k, n, 2);
        double[] c = new double[m * n];
        double[] ref = new double[m * n];
        gemm.dgemm(exec, parallelism, Transpose.NONE, Transpose.NONE, m, n, k, 1.0, a, k, b, n, 0.0, c, n);
        Gemm.naive(Transpose.NONE, Transpose.NONE, m, n, k, 1.0, a, k, b, n, 0.0, ref, n);
        assertThat(Fixtures.normalizedError(c, ref, m, n, n)).isLessThan(1e-12);
    }

    @Test
    void execute_fromTheOnlyWorkerOfItsOwnPool_callerFinishesAlone() throws Exception {
        ExecutorService single = Executors.newSingleThreadExecutor();
        try {
            Probe probe = new Probe();
            Future<?> call = single.submit(() -> multiplyAndCheck(probe.gemm(), single, 2, 150, 140, 130));

            call.get(20, TimeUnit.SECONDS);

            assertThat(probe.threads).hasSize(1);
        } finally {
            single.shutdownNow();
        }
    }

    @Test
    void execute_executorRejectsEveryHelper_callerFinishesAlone() {
        Probe probe = new Probe();
        ExecutorService rejecting = Executors.newFixedThreadPool(1);
        rejecting.shutdown();
        ExecutorService alwaysRejects = new Fixtures.ExecuteOnly() {
            @Override
            public void execute(Runnable command) {
                throw new RejectedExecutionException("full");
            }
        };

        multiplyAndCheck(probe.gemm(), alwaysRejects, 2, 150, 140, 130);
        multiplyAndCheck(probe.gemm(), rejecting, 4, 150, 140, 130);

        assertThat(probe.threads).containsExactly(Thread.currentThread());
    }

    @Test
    void participate_helperStartsWhileTheCallerIsMidBlock_bothComputeAndCIsRight() throws Exception {
        CountDownLatch callerBusy = new CountDownLatch(1);
        CountDownLatch helperJoined = new CountDownLatch(1);
        Thread caller = Thread.currentThread();
        Probe probe = new Probe() {
            @Override
            void beforeCall(int call) {
                if (Thread.currentThread() == caller && callerBusy.getCount() > 0) {
                    callerBusy.countDown();
                    await(helperJoined); // hold the caller's first row block until the late helper computes
                } else if (Thread.currentThread() != caller) {
                    helperJoined.countDown();
                }
            }
        };
        ExecutorService late = Executors.newSingleThreadExecutor();
        try {
            // The helper is handed to the executor only once the caller is inside its first row block.
            ExecutorService startsLate = new DelegatingExecutor(late) {
                @Override
                public void execute(Runnable helper) {
                    late.execute(() -> {
                        await(callerBusy);
                        helper.run();
                    });
                }
            };

            multiplyAndCheck(probe.gemm(), startsLate, 2, 300, 100, 70);

            assertThat(probe.threads).hasSize(2).contains(caller);
        } finally {
            late.shutdownNow();
        }
    }

    @ParameterizedTest(name = "{0}x{1}x{2}")
    @CsvSource({"4000, 8, 64", "8, 4000, 64", "64, 64, 64", "1024, 1024, 16"})
    void execute_tallWideAndSmall_giveASecondThreadWorkWhileTheFirstIsBusy(int m, int n, int k) {
        // Each thread's first kernel call waits until the other thread is inside one too: the call can only
        // finish if the shape was cut so that two pieces of work exist at once, whichever thread comes first.
        CountDownLatch bothCompute = new CountDownLatch(2);
        Set<Thread> arrived = ConcurrentHashMap.newKeySet();
        Probe probe = new Probe() {
            @Override
            void beforeCall(int call) {
                if (arrived.add(Thread.currentThread())) {
                    bothCompute.countDown();
                    await(bothCompute);
                }
            }
        };
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            multiplyAndCheck(probe.gemm(), pool, 2, m, n, k);

            assertThat(probe.threads).hasSize(2);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void execute_kernelFailsInOneThread_rethrowsOnceNoThreadComputes() {
        Probe probe = new Probe() {
            @Override
            void beforeCall(int call) {
                if (call == 40) {
                    throw new IllegalStateException("kernel call 40 failed");
                }
            }
        };
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            assertThatThrownBy(() -> multiplyAndCheck(probe.gemm(), pool, 3, 400, 300, 200))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("kernel call 40 failed");
            assertThat(probe.inFlight.get()).as("kernel calls still running when dgemm returned").isZero();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void constructor_squareTallAndWideShapes_cutCIntoPiecesForTwoThreads() {
        Blocking blocking = Blocking.forCaches(32 << 10, 512 << 10, 32 << 20, Double.BYTES, 6, 8);
        for (int[] shape : new int[][] {{1024, 1024, 1024}, {512, 512, 512}, {2048, 2048, 2048}, {7, 5000, 3},
                                        {5000, 7, 3}}) {
            DoubleGemm call = new DoubleGemm(new ScalarDoubleKernel(), blocking, Transpose.NONE, Transpose.NONE,
                    shape[0], shape[1], shape[2], 1.0, new double[1], 1, new double[1], 1, 0.0, new double[1], 1);
            SharedPanels<?, ?> team = new SharedPanels<>(call, 2);

            assertThat(team.fits()).isTrue();
            assertThat(team.rowBlocks()).as(team.toString()).isGreaterThanOrEqualTo(2);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the other thread never computed");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** An executor that hands tasks to another one; tests override {@link #execute}. */
    private static class DelegatingExecutor extends java.util.concurrent.AbstractExecutorService {
        private final ExecutorService inner;

        DelegatingExecutor(ExecutorService inner) {
            this.inner = inner;
        }

        @Override
        public void execute(Runnable command) {
            inner.execute(command);
        }

        @Override
        public void shutdown() {
            inner.shutdown();
        }

        @Override
        public java.util.List<Runnable> shutdownNow() {
            return inner.shutdownNow();
        }

        @Override
        public boolean isShutdown() {
            return inner.isShutdown();
        }

        @Override
        public boolean isTerminated() {
            return inner.isTerminated();
        }

        @Override
        public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
            return inner.awaitTermination(timeout, unit);
        }
    }
}
