package dev.weft.benchmarks;

import dev.ludovic.netlib.blas.JavaBLAS;
import dev.weft.Weft;
import dev.weft.kernels.Gemm;
import dev.weft.kernels.Matrix;
import dev.weft.kernels.Transpose;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.CommonOps_MT_DDRM;
import org.ojalgo.OjAlgoUtils;
import org.ojalgo.matrix.store.R064Store;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import pabeles.concurrency.ConcurrencyOps;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Square double GEMM, {@code C = A B} with n x n matrices, Weft's kernel against the pure-Java peers on 1 and 2
 * threads, in the same run:
 * <ul>
 *   <li>{@code weft}: {@code Gemm.forTopology(Weft.topology()).multiply(pool, threads, A, B, C)} on a Weft pool
 *       of {@code threads} workers;</li>
 *   <li>{@code weft-forkjoin}: the same kernel on a {@code ForkJoinPool} of {@code threads} workers: the pool's
 *       share of the difference;</li>
 *   <li>{@code ejml}: EJML {@code CommonOps_DDRM.mult} on 1 thread, {@code CommonOps_MT_DDRM.mult} with
 *       {@code ConcurrencyOps.setMaxThreads(threads)} on more;</li>
 *   <li>{@code ojalgo}: ojAlgo {@code R064Store.fillByMultiplying} after {@code OjAlgoUtils.limitThreadsTo(threads)};</li>
 *   <li>{@code netlib-java}: netlib's pure-Java BLAS named explicitly ({@code JavaBLAS.getInstance()}: the Vector
 *       API implementation when the fork resolves {@code jdk.incubator.vector}, as it does here, never a native
 *       or F2J one), column-major {@code dgemm("N", "N")} on the row-major arrays computing
 *       {@code C^T = B^T A^T}, which is C in row-major order. It is single-threaded, so with 2 threads C is cut
 *       into two bands of rows, one {@code dgemm} each on a fixed pool: the split a user would write;</li>
 *   <li>{@code weft-dgemm} (not run by default; {@code -p impl=weft-dgemm}): the BLAS-style entry
 *       {@code Gemm.dgemm(pool, threads, NONE, NONE, n, n, n, 1, A, n, B, n, 0, C, n)}.</li>
 * </ul>
 * Every implementation gets the same A and B (uniform in [-1, 1), fixed seeds); C is checked after every trial
 * at 64 random entries against a dot product (relative error 1e-9), so a peer computing the wrong product fails
 * the run. Each fork prints which netlib and Weft kernels it uses.
 *
 * <p><b>GFLOPS.</b> The primary score is multiplications per second; the auxiliary counter {@code gflop}
 * (an operations counter incremented by 2 n^3 / 10^9 per multiplication) is reported in the same unit, so it
 * reads directly as GFLOPS. Conversion by hand: GFLOPS = ops/s * 2 n^3 / 10^9.
 *
 * <p>Each fork runs a single (impl, n, threads) point, so the process-wide thread settings of EJML and ojAlgo
 * never leak into another point; do not run this class with {@code -f 0}. The fork adds
 * {@code --add-modules jdk.incubator.vector} for Weft's and netlib's Vector API kernels (and prints the
 * incubator warning).
 *
 * <p><b>Warm-up.</b> 5 warm-up and 5 measured iterations of 1 s each. Vector API code runs in the interpreter
 * and C1 at a fraction of its speed until C2 has compiled the micro-kernel and the loops around it, which
 * takes one to two seconds of use: with the former 2 x 0.5 s of warm-up, the first measured iterations still
 * caught compilation (a repeated 3 s loop of DGEMM 1024 on one thread gave 16 GFLOPS on average in its first
 * 3 s and 24 in the next 3 s, same JVM). At n = 2048 one multiplication takes 0.1 to 0.4 s, so an iteration
 * of 1 s holds several.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar GemmBenchmark -rf json
 * -rff benchmarks/results/gemm.json}; the numpy/OpenBLAS ceiling: {@code python3 benchmarks/numpy_dgemm.py}
 */
@Fork(value = 3, jvmArgsAppend = {BenchmarkBase.HEAP_MIN, BenchmarkBase.HEAP_MAX, BenchmarkBase.PRE_TOUCH,
        BenchmarkBase.NATIVE_ACCESS, "--add-modules", "jdk.incubator.vector"})
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 1, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 1, timeUnit = TimeUnit.SECONDS)
public class GemmBenchmark extends BenchmarkBase {

    /** Weft's kernel on a Weft pool. */
    public static final String WEFT = "weft";
    /** Weft's kernel on a ForkJoinPool. */
    public static final String WEFT_FORKJOIN = "weft-forkjoin";
    /** Weft's kernel through its BLAS-style entry point, on a Weft pool. */
    public static final String WEFT_DGEMM = "weft-dgemm";
    /** EJML. */
    public static final String EJML = "ejml";
    /** ojAlgo. */
    public static final String OJALGO = "ojalgo";
    /** netlib's pure-Java BLAS. */
    public static final String NETLIB_JAVA = "netlib-java";

    private static final int CHECKED_ENTRIES = 64;

    /** The implementation under test. */
    @Param({WEFT, WEFT_FORKJOIN, EJML, OJALGO, NETLIB_JAVA})
    public String impl;

    /** Matrix size. */
    @Param({"256", "512", "1024", "2048"})
    public int n;

    /** Threads computing one product. */
    @Param({"1", "2"})
    public int threads;

    private double[] a;
    private double[] b;
    private double[] c;
    private double gflopPerOp;
    private ExecutorService exec;
    private Gemm gemm;
    private Matrix ma;
    private Matrix mb;
    private Matrix mc;
    private DMatrixRMaj ea;
    private DMatrixRMaj eb;
    private DMatrixRMaj ec;
    private R064Store ojLeft;
    private R064Store ojRight;
    private R064Store ojProduct;
    private JavaBLAS blas;

    /** The GFLOP done, as an operations counter: JMH reports it per second, in GFLOPS. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Flops {
        /** GFLOP done in this iteration. */
        public double gflop;

        /** JMH keeps counters across iterations unless reset. */
        @Setup(Level.Iteration)
        public void reset() {
            gflop = 0;
        }
    }

    /** Prepares the inputs and the chosen implementation. */
    @Setup(Level.Trial)
    public void setUp() {
        if (n < 1 || threads < 1) {
            throw new IllegalArgumentException("n = " + n + ", threads = " + threads + " are invalid: allowed n >= 1, threads >= 1");
        }
        gflopPerOp = 2.0 * n * n * n / 1e9;
        a = random(n * n, 1);
        b = random(n * n, 2);
        c = new double[n * n];
        switch (impl) {
            case WEFT:
            case WEFT_DGEMM:
                exec = Pools.create(Pools.WEFT, threads);
                gemm = weftGemm();
                break;
            case WEFT_FORKJOIN:
                exec = Pools.create(Pools.FORKJOIN, threads);
                gemm = weftGemm();
                break;
            case EJML:
                ConcurrencyOps.setMaxThreads(threads);
                ea = DMatrixRMaj.wrap(n, n, a);
                eb = DMatrixRMaj.wrap(n, n, b);
                ec = DMatrixRMaj.wrap(n, n, c);
                break;
            case OJALGO:
                OjAlgoUtils.limitThreadsTo(threads);
                // Column-major stores over the row-major arrays: B^T, A^T and C^T, and C^T = B^T A^T.
                ojLeft = R064Store.wrap(b, n);
                ojRight = R064Store.wrap(a, n);
                ojProduct = R064Store.wrap(c, n);
                break;
            case NETLIB_JAVA:
                blas = JavaBLAS.getInstance();
                System.out.println("netlib JavaBLAS implementation: " + blas.getClass().getName());
                if (threads > 1) {
                    exec = Pools.create(Pools.TPE, threads);
                }
                break;
            default:
                throw new IllegalArgumentException("impl = '" + impl + "' is unknown: allowed " + WEFT + ", "
                        + WEFT_FORKJOIN + ", " + WEFT_DGEMM + ", " + EJML + ", " + OJALGO + ", " + NETLIB_JAVA);
        }
    }

    private Gemm weftGemm() {
        ma = Matrix.wrap(n, n, a);
        mb = Matrix.wrap(n, n, b);
        mc = Matrix.wrap(n, n, c);
        System.out.println("Weft GEMM kernel: " + Gemm.implementation());
        return Gemm.forTopology(Weft.topology());
    }

    /** Checks C, then closes the pool. */
    @TearDown(Level.Trial)
    public void tearDown() {
        try {
            checkProduct();
        } finally {
            if (exec != null) {
                Pools.close(exec);
            }
        }
    }

    /** One multiplication. */
    @Benchmark
    public void multiply(Flops flops) throws InterruptedException, ExecutionException {
        switch (impl) {
            case WEFT:
            case WEFT_FORKJOIN:
                gemm.multiply(exec, threads, ma, mb, mc);
                break;
            case WEFT_DGEMM:
                gemm.dgemm(exec, threads, Transpose.NONE, Transpose.NONE, n, n, n, 1.0, a, n, b, n, 0.0, c, n);
                break;
            case EJML:
                if (threads == 1) {
                    CommonOps_DDRM.mult(ea, eb, ec);
                } else {
                    CommonOps_MT_DDRM.mult(ea, eb, ec);
                }
                break;
            case OJALGO:
                ojProduct.fillByMultiplying(ojLeft, ojRight);
                break;
            default:
                netlib();
                break;
        }
        flops.gflop += gflopPerOp;
    }

    /** Column-major {@code C^T = B^T A^T}; with more threads, one band of C's rows per thread. */
    private void netlib() throws InterruptedException, ExecutionException {
        if (threads == 1) {
            blas.dgemm("N", "N", n, n, n, 1.0, b, 0, n, a, 0, n, 0.0, c, 0, n);
            return;
        }
        List<Callable<Void>> bands = new ArrayList<>(threads);
        for (int t = 0; t < threads; t++) {
            int from = (int) ((long) n * t / threads);
            int rows = (int) ((long) n * (t + 1) / threads) - from;
            // Rows [from, from + rows) of C are columns of C^T: offset from * n in A (as A^T) and in C.
            bands.add(() -> {
                blas.dgemm("N", "N", n, rows, n, 1.0, b, 0, n, a, from * n, n, 0.0, c, from * n, n);
                return null;
            });
        }
        for (Future<Void> f : exec.invokeAll(bands)) {
            f.get();
        }
    }

    private void checkProduct() {
        SplittableRandom rnd = new SplittableRandom(42);
        for (int e = 0; e < CHECKED_ENTRIES; e++) {
            int i = rnd.nextInt(n);
            int j = rnd.nextInt(n);
            double expected = 0;
            double scale = 0;
            for (int p = 0; p < n; p++) {
                double term = a[i * n + p] * b[p * n + j];
                expected += term;
                scale += Math.abs(term);
            }
            double got = resultAt(i, j);
            if (!(Math.abs(got - expected) <= 1e-9 * Math.max(scale, 1e-300))) {
                throw new IllegalStateException(impl + " computed C(" + i + ", " + j + ") = " + got + ", expected "
                        + expected + " (n = " + n + ", threads = " + threads + ")");
            }
        }
    }

    private double resultAt(int i, int j) {
        switch (impl) {
            case EJML:
                return ec.get(i, j);
            case OJALGO:
                return ojProduct.doubleValue(j, i);
            default:
                return c[i * n + j];
        }
    }

    private static double[] random(int length, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] x = new double[length];
        for (int i = 0; i < length; i++) {
            x[i] = rnd.nextDouble(-1.0, 1.0);
        }
        return x;
    }
}
