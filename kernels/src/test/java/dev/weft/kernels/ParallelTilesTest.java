package dev.weft.kernels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.kernels.ParallelTiles.Grid;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The partition and the execution protocol of the parallel path, on its own. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ParallelTilesTest {

    private static final int MR = 6;
    private static final int NR = 8;

    @ParameterizedTest(name = "{0}x{1} on {2} threads")
    @CsvSource({"1024, 1024, 2", "4000, 8, 2", "8, 4000, 2", "64, 64, 2", "13, 9, 2", "1000, 1000, 8", "30, 3000, 5",
                "100000, 2, 2", "7, 5, 2"})
    void choose_anyShape_coversCAndBalancesTheWork(int m, int n, int threads) {
        Grid grid = Grid.choose(m, n, MR, NR, threads);

        int tiles = ((m + MR - 1) / MR) * ((n + NR - 1) / NR);
        assertThat(grid.blocks()).isGreaterThanOrEqualTo(Math.min(threads, tiles));
        long covered = 0;
        long largest = 0;
        long smallest = Long.MAX_VALUE;
        for (int bi = 0; bi < grid.gm(); bi++) {
            for (int bj = 0; bj < grid.gn(); bj++) {
                int rows = grid.rowStart(bi + 1) - grid.rowStart(bi);
                int cols = grid.colStart(bj + 1) - grid.colStart(bj);
                assertThat(rows).isPositive();
                assertThat(cols).isPositive();
                covered += (long) rows * cols;
                largest = Math.max(largest, (long) rows * cols);
                smallest = Math.min(smallest, (long) rows * cols);
            }
        }
        assertThat(grid.rowStart(0)).isZero();
        assertThat(grid.colStart(0)).isZero();
        assertThat(grid.rowStart(grid.gm())).isEqualTo(m);
        assertThat(grid.colStart(grid.gn())).isEqualTo(n);
        assertThat(covered).isEqualTo((long) m * n);
        if (tiles >= 4L * threads) { // enough micro-tiles to balance: blocks within one micro-tile row/column
            assertThat((double) largest / smallest).isLessThan(1.5);
        }
    }

    @Test
    void choose_tallAndWide_splitTheLongDimension() {
        assertThat(Grid.choose(4000, 8, MR, NR, 2)).extracting(Grid::gm, Grid::gn).containsExactly(2, 1);
        assertThat(Grid.choose(8, 4000, MR, NR, 2)).extracting(Grid::gm, Grid::gn).containsExactly(1, 2);
    }

    /** Records which thread computed each cell, so a test can check coverage and who took part. */
    private static final class Recorder implements ParallelTiles.BlockTask {
        final int[] hits;
        final int n;
        final Set<Thread> threads = ConcurrentHashMap.newKeySet();

        Recorder(int m, int n) {
            this.hits = new int[m * n];
            this.n = n;
        }

        @Override
        public void computeBlock(int i0, int i1, int j0, int j1) {
            threads.add(Thread.currentThread());
            for (int i = i0; i < i1; i++) {
                for (int j = j0; j < j1; j++) {
                    hits[i * n + j]++;
                }
            }
        }
    }

    @Test
    void run_onFixedPool_computesEveryCellOnceAndUsesThePool() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Recorder recorder = new Recorder(600, 600);
            CountDownLatch bothBusy = new CountDownLatch(2);
            ParallelTiles.BlockTask waitForEachOther = (i0, i1, j0, j1) -> {
                bothBusy.countDown();
                awaitQuietly(bothBusy); // the caller and a helper hold one block each at the same time
                recorder.computeBlock(i0, i1, j0, j1);
            };

            ParallelTiles.run(pool, 2, Long.MAX_VALUE, 0, 600, 600, MR, NR, waitForEachOther);

            assertThat(recorder.hits).containsOnly(1);
            assertThat(recorder.threads).hasSize(2).contains(Thread.currentThread());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void run_belowThresholdOrWithoutExecutor_staysInTheCaller() {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Recorder small = new Recorder(100, 100);
            ParallelTiles.run(pool, 2, 10, 11, 100, 100, MR, NR, small);
            Recorder noExec = new Recorder(100, 100);
            ParallelTiles.run(null, 2, 10, 0, 100, 100, MR, NR, noExec);
            Recorder oneThread = new Recorder(100, 100);
            ParallelTiles.run(pool, 1, 10, 0, 100, 100, MR, NR, oneThread);

            for (Recorder r : List.of(small, noExec, oneThread)) {
                assertThat(r.hits).containsOnly(1);
                assertThat(r.threads).containsExactly(Thread.currentThread());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void run_shutDownExecutor_callerComputesEverything() {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        pool.shutdown();
        Recorder recorder = new Recorder(300, 300);

        ParallelTiles.run(pool, 4, Long.MAX_VALUE, 0, 300, 300, MR, NR, recorder);

        assertThat(recorder.hits).containsOnly(1);
        assertThat(recorder.threads).containsExactly(Thread.currentThread());
    }

    @Test
    void run_fromTheOnlyWorkerOfItsOwnPool_doesNotDeadlock() throws Exception {
        ExecutorService single = Executors.newSingleThreadExecutor();
        try {
            Recorder recorder = new Recorder(300, 300);
            Future<?> outer = single.submit(() -> ParallelTiles.run(single, 2, Long.MAX_VALUE, 0, 300, 300, MR, NR,
                    recorder));

            outer.get(20, TimeUnit.SECONDS);

            assertThat(recorder.hits).containsOnly(1);
        } finally {
            single.shutdownNow();
        }
    }

    @Test
    void run_insideForkJoinWorkers_nestedCallsComplete() throws Exception {
        ForkJoinPool pool = new ForkJoinPool(2);
        try {
            List<Future<int[]>> calls = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                calls.add(pool.submit(() -> {
                    Recorder recorder = new Recorder(200, 200);
                    ParallelTiles.run(pool, 2, Long.MAX_VALUE, 0, 200, 200, MR, NR, recorder);
                    return recorder.hits;
                }));
            }
            for (Future<int[]> call : calls) {
                assertThat(call.get(20, TimeUnit.SECONDS)).containsOnly(1);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void run_blockFails_rethrowsAfterHelpersFinish() {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            AtomicInteger running = new AtomicInteger();
            ParallelTiles.BlockTask failing = (i0, i1, j0, j1) -> {
                running.incrementAndGet();
                try {
                    if (i0 == 0 && j0 == 0) {
                        throw new IllegalStateException("block (0, 0) failed");
                    }
                } finally {
                    running.decrementAndGet();
                }
            };

            assertThatThrownBy(() -> ParallelTiles.run(pool, 3, Long.MAX_VALUE, 0, 600, 600, MR, NR, failing))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("block (0, 0) failed");
            assertThat(running.get()).as("blocks still running when run() returned").isZero();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void run_executorThrowsOnSubmit_failsAfterTheRunningHelpersFinish() {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            AtomicInteger submits = new AtomicInteger();
            AtomicInteger running = new AtomicInteger();
            ExecutorService brokenSecondSubmit = new Fixtures.ExecuteOnly() {
                @Override
                public void execute(Runnable command) {
                    if (submits.incrementAndGet() > 1) {
                        throw new IllegalStateException("broken executor");
                    }
                    pool.execute(command);
                }
            };
            ParallelTiles.BlockTask counting = (i0, i1, j0, j1) -> {
                running.incrementAndGet();
                running.decrementAndGet();
            };

            assertThatThrownBy(() -> ParallelTiles.run(brokenSecondSubmit, 3, Long.MAX_VALUE, 0, 600, 600, MR, NR,
                    counting))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("broken executor");
            assertThat(running.get()).isZero();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void run_callerInterrupted_waitsForHelpersAndKeepsTheFlag() {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Recorder recorder = new Recorder(300, 300);
            Thread.currentThread().interrupt();

            ParallelTiles.run(pool, 2, Long.MAX_VALUE, 0, 300, 300, MR, NR, recorder);

            assertThat(Thread.interrupted()).isTrue();
            assertThat(recorder.hits).containsOnly(1);
        } finally {
            Thread.interrupted();
            pool.shutdownNow();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the other thread never took a block");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
