package dev.weft.kernels;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a GEMM over a grid of C blocks on any {@link ExecutorService}.
 *
 * <h2>Implementation notes</h2>
 * <b>Partition.</b> C is cut into {@code gm x gn} blocks whose edges fall on micro-tile boundaries (MR rows, NR
 * columns), with micro-tiles spread evenly, so blocks differ by at most one micro-tile per dimension. Among the
 * grids of at least {@code parallelism} blocks (or as many as there are micro-tiles), {@link Grid#choose} takes
 * the one whose slowest round finishes first: the cost of a block is its padded area plus a packing term for the
 * A rows and B columns it packs, so tall, wide and square problems all split where they are largest, and a block
 * never gets fewer than one micro-tile. Products of fewer than {@value #PARALLEL_THRESHOLD} multiply-adds (64^3)
 * run in the caller: below that, handing work to another thread costs more than it saves.
 * <p>
 * <b>Execution.</b> Blocks are claimed from one {@link AtomicInteger} by the calling thread and by
 * {@code parallelism - 1} helper tasks submitted to the executor, so whoever is free takes the next block. When
 * the blocks run out, the caller retracts the helpers that never started (so a saturated or single-thread
 * executor, even one whose only worker is the caller itself, cannot deadlock the call) and waits with
 * {@link Future#get()} for those that did; a start/retract CAS per helper makes "started" unambiguous. An executor that rejects a helper (shut down, bounded queue) only
 * leaves more blocks to the caller.
 * <p>
 * <b>Memory ordering.</b> Blocks write disjoint parts of C. Everything a helper wrote happens-before its
 * {@code Future.get()} returns (the {@code Future} contract), and a retracted helper wrote nothing, so C is
 * complete and visible to the caller when {@link #run} returns.
 * <p>
 * <b>Failures and interrupts.</b> The first failure stops further claims, is rethrown after every started helper
 * has finished (none may still be writing C when the call returns), and carries later failures as suppressed.
 * An interrupt does not abandon the helpers for the same reason: the caller waits on and restores the flag.
 */
final class ParallelTiles {

    /** Below this many multiply-adds ({@code m*n*k}) a call runs in the calling thread only. */
    static final long PARALLEL_THRESHOLD = 64L * 64 * 64;

    /** Packing one element costs about as much as this many multiply-adds in the micro-kernel. */
    private static final long PACK_WEIGHT = 8;

    private ParallelTiles() {
    }

    /** Computes one block of C; implementations are shared by the threads computing disjoint blocks. */
    interface BlockTask {
        /** Computes rows {@code [i0, i1)} and columns {@code [j0, j1)} of C in the calling thread. */
        void computeBlock(int i0, int i1, int j0, int j1);
    }

    /**
     * Runs {@code task} over all of the {@code m x n} C: in parallel when there is an executor, a parallelism
     * above 1 and at least {@code threshold} multiply-adds of work.
     */
    static void run(ExecutorService exec, int parallelism, long work, long threshold, int m, int n, int mr, int nr,
                    BlockTask task) {
        if (exec == null || parallelism == 1 || work < threshold) {
            task.computeBlock(0, m, 0, n);
            return;
        }
        Grid grid = Grid.choose(m, n, mr, nr, parallelism);
        if (grid.blocks() == 1) {
            task.computeBlock(0, m, 0, n);
            return;
        }
        new Run(grid, task).execute(exec, Math.min(parallelism, grid.blocks()));
    }

    /**
     * A grid of {@code gm x gn} blocks over an {@code m x n} C whose edges fall on multiples of MR and NR.
     *
     * @param m  rows of C
     * @param n  columns of C
     * @param mr micro-tile rows
     * @param nr micro-tile columns
     * @param gm blocks down
     * @param gn blocks across
     */
    record Grid(int m, int n, int mr, int nr, int gm, int gn) {

        int blocks() {
            return gm * gn;
        }

        int rowStart(int bi) {
            return edge(bi, gm, m, mr);
        }

        int colStart(int bj) {
            return edge(bj, gn, n, nr);
        }

        /** The start of part {@code part} of {@code parts}: tiles spread evenly, the last part ends at size. */
        private static int edge(int part, int parts, int size, int tile) {
            if (part >= parts) {
                return size;
            }
            int tiles = (size + tile - 1) / tile;
            return (int) Math.min(size, (long) part * tiles / parts * tile);
        }

        /** The grid with the cheapest slowest round for {@code threads} workers (see the class notes). */
        static Grid choose(int m, int n, int mr, int nr, int threads) {
            int tilesM = (m + mr - 1) / mr;
            int tilesN = (n + nr - 1) / nr;
            int target = (int) Math.min(threads, (long) tilesM * tilesN);
            Grid best = null;
            long bestCost = Long.MAX_VALUE;
            for (int gm = 1; gm <= Math.min(target, tilesM); gm++) {
                int gn = Math.min(tilesN, (target + gm - 1) / gm);
                if ((long) gm * gn < target) {
                    continue;
                }
                long rows = (long) ((tilesM + gm - 1) / gm) * mr;
                long cols = (long) ((tilesN + gn - 1) / gn) * nr;
                long rounds = ((long) gm * gn + threads - 1) / threads;
                long cost = rounds * (rows * cols + PACK_WEIGHT * (rows + cols));
                // Ties go to splitting the larger dimension more (fewer, squarer blocks of the long side).
                boolean better = cost < bestCost || cost == bestCost && best != null
                        && (m >= n ? gm > best.gm() : gn > best.gn());
                if (better) {
                    best = new Grid(m, n, mr, nr, gm, gn);
                    bestCost = cost;
                }
            }
            return best;
        }
    }

    /**
     * One helper task. Whether it computes is decided by one CAS on {@code started}: the helper's own when it
     * starts, or the caller's when it retracts the helper. {@link Future#cancel} cannot decide this, because a
     * {@code FutureTask} or {@code ForkJoinTask} that is already running can still be cancelled and then keeps
     * running while {@code get()} no longer waits for it.
     */
    private static final class Helper implements Runnable {
        private final Runnable body;
        private final AtomicBoolean started = new AtomicBoolean();
        /** Written by the caller before anyone reads it; the helper itself never reads it. */
        Future<?> future;

        Helper(Runnable body) {
            this.body = body;
        }

        @Override
        public void run() {
            if (started.compareAndSet(false, true)) {
                body.run();
            }
        }

        /** True when the helper had not started and now never will. */
        boolean tryRetract() {
            return started.compareAndSet(false, true);
        }
    }

    /** The shared state of one parallel call. */
    private static final class Run implements Runnable {
        private final Grid grid;
        private final BlockTask task;
        private final AtomicInteger next = new AtomicInteger();

        Run(Grid grid, BlockTask task) {
            this.grid = grid;
            this.task = task;
        }

        /** Claims and computes blocks until none is left. */
        @Override
        public void run() {
            int blocks = grid.blocks();
            for (int b = next.getAndIncrement(); b < blocks; b = next.getAndIncrement()) {
                int bi = b / grid.gn();
                int bj = b % grid.gn();
                task.computeBlock(grid.rowStart(bi), grid.rowStart(bi + 1), grid.colStart(bj), grid.colStart(bj + 1));
            }
        }

        void execute(ExecutorService exec, int threads) {
            team(exec, threads, this, () -> next.set(grid.blocks()));
        }
    }

    /**
     * Runs {@code body} in the calling thread and in up to {@code threads - 1} helper tasks on {@code exec}, and
     * returns once every started copy has finished. {@code body} must share its work out among whoever runs it
     * (claiming from counters), so that any number of copies, the caller's alone included, completes it: helpers
     * that have not started when the caller's copy returns are retracted. {@code stop} is called on the first
     * failure, so that the other copies stop taking work; the failure is rethrown once no copy is running.
     */
    static void team(ExecutorService exec, int threads, Runnable body, Runnable stop) {
        List<Helper> helpers = new ArrayList<>(threads - 1);
        Throwable failure = null;
        for (int t = 1; t < threads; t++) {
            Helper helper = new Helper(body);
            try {
                helper.future = exec.submit(helper);
            } catch (RejectedExecutionException e) {
                break; // the caller takes the work this helper would have taken
            } catch (RuntimeException | Error e) {
                failure = e; // a broken executor: fail, but only once the helpers already running are done
                stop.run();
                break;
            }
            helpers.add(helper);
        }
        try {
            body.run();
        } catch (RuntimeException | Error e) {
            stop.run(); // stop the helpers claiming more; they still finish their current piece
            failure = addFailure(failure, e);
        }
        boolean interrupted = false;
        for (Helper helper : helpers) {
            if (helper.tryRetract()) {
                helper.future.cancel(false); // it will never compute: just drop it from the queue if it can
                continue;
            }
            while (true) {
                try {
                    helper.future.get();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true; // the helper may still be writing C: keep waiting
                } catch (ExecutionException e) {
                    failure = addFailure(failure, e.getCause() == null ? e : e.getCause());
                    stop.run();
                    break;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (failure instanceof RuntimeException r) {
            throw r;
        }
        if (failure instanceof Error e) {
            throw e;
        }
        if (failure != null) {
            throw new IllegalStateException("a GEMM block failed", failure);
        }
    }

    private static Throwable addFailure(Throwable first, Throwable next) {
        if (first == null) {
            return next;
        }
        if (first != next) {
            first.addSuppressed(next);
        }
        return first;
    }
}
