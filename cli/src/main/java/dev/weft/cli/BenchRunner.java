package dev.weft.cli;

import dev.weft.PoolConfig;
import dev.weft.Weft;
import dev.weft.WeftPool;
import dev.weft.kernels.Gemm;
import dev.weft.kernels.Matrix;
import dev.weft.topology.Topology;

import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;

/**
 * Runs the GEMM part of {@code weft bench} and delegates the task part to {@link TaskBench}.
 *
 * <h2>Implementation notes</h2>
 * <b>Fairness.</b> Weft's pool and a {@link ForkJoinPool} of the same parallelism exist side by side for each
 * measurement and run the same kernel object on the same matrices, in alternating order (Weft first in even
 * rounds, ForkJoinPool first in odd ones), so drift on this shared machine (other processes, frequency, GC)
 * hits both alike.
 * <p>
 * <b>Runs.</b> Warm-up rounds continue until {@link #WARMUP_NANOS} has passed ({@link #FIRST_WARMUP_NANOS} for
 * the first measurement, which also warms the JIT up; at least one round, at most {@link #MAX_WARMUP_ROUNDS}); timed rounds until both {@code settings.runs()} rounds and {@link #TIMED_NANOS}
 * have passed (at most {@link #MAX_ROUNDS}): big sizes get the minimum, small ones more runs, so the default
 * bench stays well under two minutes on two cores. The reported figure is the median.
 * <p>
 * <b>Correctness.</b> Before every run C is filled with NaN and afterwards {@link #SPOT_CHECKS} entries are
 * compared with dot products computed here, so a pool that loses a tile cannot report a speed.
 */
final class BenchRunner {

    static final long WARMUP_NANOS = TimeUnit.MILLISECONDS.toNanos(300);
    /** The first measurement also warms the JIT up for the kernel and both pools. */
    static final long FIRST_WARMUP_NANOS = TimeUnit.SECONDS.toNanos(1);
    static final long TIMED_NANOS = TimeUnit.MILLISECONDS.toNanos(500);
    static final int MAX_WARMUP_ROUNDS = 100;
    static final int MAX_ROUNDS = 50;
    static final int SPOT_CHECKS = 16;

    private final BenchSettings settings;
    private final Topology topology;
    private final PrintWriter progress;

    BenchRunner(BenchSettings settings, Topology topology, PrintWriter progress) {
        this.settings = settings;
        this.topology = topology;
        this.progress = progress;
    }

    BenchResult run() {
        long start = System.nanoTime();
        LocalDate date = LocalDate.now();
        String scheduler = Weft.schedulerProvider().name();
        Gemm kernel = Gemm.forTopology(topology);
        String impl = Gemm.implementation();
        BenchMachine machine = BenchMachine.describe(topology, scheduler, impl, settings.vector().scalarReason());
        progress.printf(Locale.ROOT, "weft bench: kernel %s; scheduler %s; sizes %s; threads %s%n", impl, scheduler,
                IntList.format(settings.sizes()), IntList.format(settings.threads()));

        List<BenchResult.Gemm> gemm = new ArrayList<>();
        for (int n : settings.sizes()) {
            Matrix a = Matrix.random(n, n, 1);
            Matrix b = Matrix.random(n, n, 2);
            Matrix c = Matrix.zeros(n, n);
            double[] base = new double[2];
            for (int t : settings.threads()) {
                Timing timing = measure(kernel, n, t, a, b, c, gemm.isEmpty() ? FIRST_WARMUP_NANOS : WARMUP_NANOS);
                for (int p = 0; p < 2; p++) {
                    String pool = p == 0 ? BenchResult.WEFT : BenchResult.FORKJOIN;
                    double seconds = p == 0 ? timing.weft() : timing.forkjoin();
                    double gflops = 2.0 * n * n * (double) n / seconds / 1e9;
                    if (t == 1) {
                        base[p] = gflops;
                    }
                    double speedup = gflops / base[p];
                    gemm.add(new BenchResult.Gemm(n, t, pool, gflops, speedup, speedup / t, seconds, timing.runs()));
                }
                progress.printf(Locale.ROOT, "weft bench: gemm n=%d threads=%d: weft %s GFLOPS, forkjoin %s GFLOPS (%d runs each)%n",
                        n, t, Units.fixed(gemm.get(gemm.size() - 2).gflops(), 2), Units.fixed(gemm.get(gemm.size() - 1).gflops(), 2),
                        timing.runs());
            }
        }
        List<BenchResult.Task> tasks = settings.taskSection()
                ? new TaskBench(settings, progress).run()
                : List.of();
        return new BenchResult(machine, settings, List.copyOf(gemm), tasks, (System.nanoTime() - start) / 1e9, date);
    }

    /** Median seconds of one run for each pool, and the number of timed runs of each. */
    record Timing(double weft, double forkjoin, int runs) {
    }

    private Timing measure(Gemm kernel, int n, int t, Matrix a, Matrix b, Matrix c, long warmupNanos) {
        ForkJoinPool fjp = new ForkJoinPool(t);
        try (WeftPool weft = Weft.newPool(PoolConfig.builder().parallelism(t).name("bench-gemm").build())) {
            ExecutorService[] pools = {weft, fjp};
            long warmEnd = System.nanoTime() + warmupNanos;
            for (int round = 0; round < MAX_WARMUP_ROUNDS && (round == 0 || System.nanoTime() < warmEnd); round++) {
                for (int i = 0; i < 2; i++) {
                    int p = (round + i) & 1;
                    timeOnce(kernel, pools[p], t, a, b, c, p);
                }
            }
            List<Double> weftTimes = new ArrayList<>();
            List<Double> fjpTimes = new ArrayList<>();
            long timedEnd = System.nanoTime() + TIMED_NANOS;
            for (int round = 0; round < MAX_ROUNDS && (round < settings.runs() || System.nanoTime() < timedEnd); round++) {
                for (int i = 0; i < 2; i++) {
                    int p = (round + i) & 1;
                    double s = timeOnce(kernel, pools[p], t, a, b, c, p);
                    (p == 0 ? weftTimes : fjpTimes).add(s);
                }
            }
            return new Timing(median(weftTimes), median(fjpTimes), weftTimes.size());
        } finally {
            close(fjp);
        }
    }

    /** Shuts a ForkJoinPool down and waits for it (JDK 17's ForkJoinPool is not AutoCloseable). */
    static void close(ForkJoinPool fjp) {
        fjp.shutdown();
        try {
            fjp.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private double timeOnce(Gemm kernel, ExecutorService pool, int t, Matrix a, Matrix b, Matrix c, int p) {
        Arrays.fill(c.data(), Double.NaN);
        long s = System.nanoTime();
        kernel.multiply(pool, t, a, b, c);
        long e = System.nanoTime();
        check(a, b, c, p == 0 ? BenchResult.WEFT : BenchResult.FORKJOIN, t);
        return Math.max(1, e - s) / 1e9;
    }

    /** Compares a spread of entries of C with dot products of A's rows and B's columns. */
    static void check(Matrix a, Matrix b, Matrix c, String pool, int threads) {
        int n = a.rows();
        int k = a.cols();
        int m = b.cols();
        for (int s = 0; s < SPOT_CHECKS; s++) {
            // Corners and a scattered set of interior entries: tiles at every edge are covered.
            int i = s == 0 ? 0 : s == 1 ? n - 1 : (int) ((s * 2654435761L) % n);
            int j = s == 0 ? 0 : s == 1 ? m - 1 : (int) ((s * 40503L + 7) % m);
            double ref = 0;
            double mag = 0;
            for (int p = 0; p < k; p++) {
                double x = a.get(i, p) * b.get(p, j);
                ref += x;
                mag += Math.abs(x);
            }
            double got = c.get(i, j);
            if (!(Math.abs(got - ref) <= 1e-9 * mag + 1e-12)) {
                throw new Errors.BenchException("GEMM result is wrong with the " + pool + " pool (n=" + n + ", threads="
                        + threads + "): C[" + i + "][" + j + "] = " + got + ", expected " + ref);
            }
        }
    }

    static double median(List<Double> xs) {
        double[] v = xs.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        if (v.length == 0) {
            return Double.NaN;
        }
        int h = v.length / 2;
        return (v.length & 1) == 1 ? v[h] : (v[h - 1] + v[h]) / 2;
    }
}
