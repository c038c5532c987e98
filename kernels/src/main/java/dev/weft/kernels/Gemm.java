package dev.weft.kernels;

import dev.weft.topology.Cache;
import dev.weft.topology.CacheType;
import dev.weft.topology.Topology;
import java.util.Objects;
import java.util.concurrent.ExecutorService;

/**
 * General matrix multiplication, BLAS style, on row-major arrays: {@code C = alpha*op(A)*op(B) + beta*C} where
 * {@code op(X)} is {@code X} or {@code X^T}, {@code op(A)} is {@code m x k}, {@code op(B)} is {@code k x n} and C
 * is {@code m x n}; element {@code (i, j)} of a stored matrix with leading dimension {@code ld} is
 * {@code x[i*ld + j]}.
 *
 * <p>BLAS rules: with {@code beta == 0} C is written, never read (NaN or garbage in C does not survive); with
 * {@code alpha == 0} or {@code k == 0} A and B are not read and C is only scaled by beta. NaN and infinity in A
 * or B propagate exactly as in {@link #naive(Transpose, Transpose, int, int, int, double, double[], int, double[],
 * int, double, double[], int) the reference triple loop}.
 *
 * <p>How it is fast: A and B are packed into contiguous micro-panels, a register-blocked micro-kernel (on the
 * incubator Vector API when the JVM resolves {@code jdk.incubator.vector}, scalar Java otherwise: see
 * {@link #implementation()}) computes {@code MR x NR} tiles of C, and the loops around it are blocked for the L1,
 * L2 and L3 caches ({@link #forTopology(Topology)}). Given an executor and a parallelism above 1, the tiles of C
 * are shared among the calling thread and up to {@code parallelism - 1} tasks submitted to the executor, which
 * can be any {@link ExecutorService}: a Weft pool, a {@link java.util.concurrent.ForkJoinPool}, a fixed thread
 * pool. Calling from one of the executor's own threads is safe: the caller computes every block no helper has
 * started.
 *
 * <p>Instances are immutable and thread-safe; independent calls may run concurrently on one instance. The
 * arrays of one call must not be changed while it runs, and C must not share its array with A or B.
 */
public final class Gemm {

    private static final Gemm DEFAULTS = new Gemm(-1, -1, -1, KernelSet.best(), ParallelTiles.PARALLEL_THRESHOLD);

    private final KernelSet kernels;
    private final Blocking doubleBlocking;
    private final Blocking floatBlocking;
    private final long parallelThreshold;

    private Gemm(long l1, long l2, long l3, KernelSet kernels, long parallelThreshold) {
        this.kernels = kernels;
        this.parallelThreshold = parallelThreshold;
        DoubleKernel dk = kernels.doubles();
        FloatKernel fk = kernels.floats();
        this.doubleBlocking = Blocking.forCaches(l1, l2, l3, Double.BYTES, dk.mr(), dk.nr());
        this.floatBlocking = Blocking.forCaches(l1, l2, l3, Float.BYTES, fk.mr(), fk.nr());
    }

    /** Blocking for typical caches: 32 KiB L1 data, 1 MiB L2, 32 MiB L3. */
    public static Gemm defaults() {
        return DEFAULTS;
    }

    /**
     * Blocking sized from the topology's caches: {@code t.cacheSize(1)}, {@code (2)} and {@code (3)}, where L3
     * counts only this core's share of a shared instance; a size of -1 (unknown) takes the default of
     * {@link #defaults()}.
     */
    public static Gemm forTopology(Topology t) {
        Objects.requireNonNull(t, "topology");
        return new Gemm(t.cacheSize(1), t.cacheSize(2), l3SharePerCore(t), KernelSet.best(),
                ParallelTiles.PARALLEL_THRESHOLD);
    }

    /**
     * A GEMM with the given kernels, default blocking, and products of at least {@code parallelThreshold}
     * multiply-adds run in parallel: lets tests force the scalar kernels and the parallel path for small shapes.
     */
    static Gemm forTesting(KernelSet kernels, long parallelThreshold) {
        return new Gemm(-1, -1, -1, kernels, parallelThreshold);
    }

    /** The smallest per-core share of an L3 instance, or -1 when the topology lists none. */
    private static long l3SharePerCore(Topology t) {
        long share = -1;
        for (Cache cache : t.caches()) {
            if (cache.level() == 3 && cache.type() != CacheType.INSTRUCTION) {
                int cores = Math.max(1, sharingCores(t, cache));
                long s = cache.sizeBytes() / cores;
                share = share < 0 ? s : Math.min(share, s);
            }
        }
        return share > 0 ? share : t.cacheSize(3);
    }

    /** The number of distinct cores among a cache's sharing CPUs (SMT siblings share one core's share). */
    private static int sharingCores(Topology t, Cache cache) {
        return (int) t.cores().stream().filter(core -> core.intersect(cache.sharedBy()).size() > 0).count();
    }

    /**
     * What computes the tiles in this JVM: for example {@code "vector-avx512 (jdk.incubator.vector, 8 doubles)"},
     * or {@code "scalar (...)"} with the reason the Vector API is not used.
     */
    public static String implementation() {
        return KernelSet.best().description();
    }

    /**
     * Double GEMM: {@code C = alpha*op(A)*op(B) + beta*C} (see the class notes for the layout).
     *
     * @param exec        the executor for helper tasks, or null to compute in the calling thread only
     * @param parallelism the most threads (caller included) to use; 1 computes in the calling thread only
     * @throws IllegalArgumentException when a dimension is negative, a leading dimension is too small for its
     *                                  operand, an array is null or too short, C is the same array as A or B, or
     *                                  {@code parallelism < 1}; the message names the values and what is needed
     */
    public void dgemm(ExecutorService exec, int parallelism, Transpose ta, Transpose tb, int m, int n, int k,
                      double alpha, double[] a, int lda, double[] b, int ldb, double beta, double[] c, int ldc) {
        GemmArgs.checkParallelism(parallelism);
        GemmArgs.check(ta, tb, m, n, k, length(a), lda, length(b), ldb, length(c), ldc);
        GemmArgs.checkNotAliased(a, b, c);
        if (m == 0 || n == 0) {
            return;
        }
        DoubleKernel kernel = kernels.doubles();
        DoubleGemm call = new DoubleGemm(kernel, doubleBlocking, ta, tb, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
        call.run(exec, parallelism, parallelThreshold);
    }

    /**
     * Float GEMM, the twin of {@link #dgemm}: the micro-kernel accumulates in float, like BLAS {@code sgemm}.
     *
     * @throws IllegalArgumentException as {@link #dgemm}
     */
    public void sgemm(ExecutorService exec, int parallelism, Transpose ta, Transpose tb, int m, int n, int k,
                      float alpha, float[] a, int lda, float[] b, int ldb, float beta, float[] c, int ldc) {
        GemmArgs.checkParallelism(parallelism);
        GemmArgs.check(ta, tb, m, n, k, length(a), lda, length(b), ldb, length(c), ldc);
        GemmArgs.checkNotAliased(a, b, c);
        if (m == 0 || n == 0) {
            return;
        }
        FloatKernel kernel = kernels.floats();
        FloatGemm call = new FloatGemm(kernel, floatBlocking, ta, tb, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
        call.run(exec, parallelism, parallelThreshold);
    }

    /**
     * {@code C = A*B}.
     *
     * @throws IllegalArgumentException when the shapes do not fit ({@code A.cols != B.rows}, or C is not
     *                                  {@code A.rows x B.cols}), C shares its array with A or B, or
     *                                  {@code parallelism < 1}
     */
    public void multiply(ExecutorService exec, int parallelism, Matrix a, Matrix b, Matrix c) {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
        Objects.requireNonNull(c, "c");
        if (a.cols() != b.rows()) {
            throw new IllegalArgumentException("A is " + a.rows() + "x" + a.cols() + " and B is " + b.rows() + "x"
                    + b.cols() + ": A's columns (" + a.cols() + ") must equal B's rows (" + b.rows() + ")");
        }
        if (c.rows() != a.rows() || c.cols() != b.cols()) {
            throw new IllegalArgumentException("C is " + c.rows() + "x" + c.cols() + " but A*B is " + a.rows() + "x"
                    + b.cols() + ": C must be " + a.rows() + "x" + b.cols());
        }
        dgemm(exec, parallelism, Transpose.NONE, Transpose.NONE, a.rows(), b.cols(), a.cols(),
                1.0, a.data(), Math.max(1, a.cols()), b.data(), Math.max(1, b.cols()),
                0.0, c.data(), Math.max(1, c.cols()));
    }

    /**
     * The reference triple loop, in the calling thread: for every {@code (i, j)},
     * {@code s = sum over p of op(A)(i,p) * op(B)(p,j)} in order of p, then {@code C(i,j) = alpha*s + beta*C(i,j)}
     * (with {@code beta == 0}: {@code alpha*s}, C not read; with {@code alpha == 0}: A and B not read).
     * Slow on purpose: it is what tests and benchmarks compare against.
     *
     * @throws IllegalArgumentException as {@link #dgemm}
     */
    public static void naive(Transpose ta, Transpose tb, int m, int n, int k, double alpha, double[] a, int lda,
                             double[] b, int ldb, double beta, double[] c, int ldc) {
        GemmArgs.check(ta, tb, m, n, k, length(a), lda, length(b), ldb, length(c), ldc);
        GemmArgs.checkNotAliased(a, b, c);
        boolean transA = ta == Transpose.TRANSPOSE;
        boolean transB = tb == Transpose.TRANSPOSE;
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                int ci = i * ldc + j;
                double scaled = beta == 0 ? 0 : beta * c[ci];
                if (alpha == 0) {
                    c[ci] = scaled;
                    continue;
                }
                double s = 0;
                for (int p = 0; p < k; p++) {
                    double x = transA ? a[p * lda + i] : a[i * lda + p];
                    double y = transB ? b[j * ldb + p] : b[p * ldb + j];
                    s += x * y;
                }
                c[ci] = beta == 0 ? alpha * s : alpha * s + scaled;
            }
        }
    }

    /**
     * The float twin of {@link #naive(Transpose, Transpose, int, int, int, double, double[], int, double[], int,
     * double, double[], int)}, accumulating in float like reference {@code sgemm}.
     *
     * @throws IllegalArgumentException as {@link #dgemm}
     */
    public static void naive(Transpose ta, Transpose tb, int m, int n, int k, float alpha, float[] a, int lda,
                             float[] b, int ldb, float beta, float[] c, int ldc) {
        GemmArgs.check(ta, tb, m, n, k, length(a), lda, length(b), ldb, length(c), ldc);
        GemmArgs.checkNotAliased(a, b, c);
        boolean transA = ta == Transpose.TRANSPOSE;
        boolean transB = tb == Transpose.TRANSPOSE;
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                int ci = i * ldc + j;
                float scaled = beta == 0 ? 0 : beta * c[ci];
                if (alpha == 0) {
                    c[ci] = scaled;
                    continue;
                }
                float s = 0;
                for (int p = 0; p < k; p++) {
                    float x = transA ? a[p * lda + i] : a[i * lda + p];
                    float y = transB ? b[j * ldb + p] : b[p * ldb + j];
                    s += x * y;
                }
                c[ci] = beta == 0 ? alpha * s : alpha * s + scaled;
            }
        }
    }

    private static int length(double[] x) {
        return x == null ? GemmArgs.NULL_ARRAY : x.length;
    }

    private static int length(float[] x) {
        return x == null ? GemmArgs.NULL_ARRAY : x.length;
    }

    /** The kernels and the blocking, for logs and benchmark reports. */
    @Override
    public String toString() {
        return "Gemm[" + kernels.description() + "; double " + describe(kernels.doubles().mr(), kernels.doubles().nr(),
                doubleBlocking) + "; float " + describe(kernels.floats().mr(), kernels.floats().nr(), floatBlocking) + "]";
    }

    private static String describe(int mr, int nr, Blocking blocking) {
        return "MRxNR=" + mr + "x" + nr + " MC=" + blocking.mc() + " KC=" + blocking.kc() + " NC=" + blocking.nc();
    }
}
