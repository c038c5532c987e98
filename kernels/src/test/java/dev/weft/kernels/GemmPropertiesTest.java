package dev.weft.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.kernels.Fixtures.Kernels;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Random shapes (1..300 per dimension), transposes, padded leading dimensions, alpha and beta (0, 1, -1 and random),
 * both kernel sets, in the caller or on a ForkJoinPool(2) with the parallel threshold at 0, against the naive
 * reference. Inputs are uniform in [-1, 1]. Double must agree within {@code max|C - Cref| / max(1, max|Cref|)
 * <= 1e-12}; float within 1e-5 of a reference computed in double from the same float inputs.
 */
class GemmPropertiesTest {

    private static final ExecutorService POOL = new ForkJoinPool(2);

    @AfterContainer
    static void stopPool() throws InterruptedException {
        POOL.shutdown();
        POOL.awaitTermination(10, TimeUnit.SECONDS);
    }

    @Provide
    Arbitrary<Double> scalars() {
        return Arbitraries.oneOf(Arbitraries.of(0.0, 1.0, -1.0), Arbitraries.doubles().between(-2, 2));
    }

    private static ExecutorService executor(int parallelism) {
        return parallelism == 1 ? null : POOL;
    }

    /** One random problem: op shapes, stored layouts with padded leading dimensions, and inputs. */
    private static final class Problem {
        final int m;
        final int n;
        final int k;
        final Transpose ta;
        final Transpose tb;
        final int lda;
        final int ldb;
        final int ldc;
        final double[] a;
        final double[] b;
        final double[] c;

        Problem(int m, int n, int k, Transpose ta, Transpose tb, int pad, long seed) {
            this.m = m;
            this.n = n;
            this.k = k;
            this.ta = ta;
            this.tb = tb;
            this.lda = Math.max(1, ta == Transpose.NONE ? k : m) + pad;
            this.ldb = Math.max(1, tb == Transpose.NONE ? n : k) + pad;
            this.ldc = Math.max(1, n) + pad;
            this.a = Fixtures.randomDoubles(ta == Transpose.NONE ? m : k, lda, seed);
            this.b = Fixtures.randomDoubles(tb == Transpose.NONE ? k : n, ldb, seed + 1);
            this.c = Fixtures.randomDoubles(m, ldc, seed + 2);
        }

        double[] reference(double alpha, double beta) {
            double[] ref = c.clone();
            Gemm.naive(ta, tb, m, n, k, alpha, a, lda, b, ldb, beta, ref, ldc);
            return ref;
        }

        double[] compute(Kernels kernels, int parallelism, double alpha, double beta) {
            double[] out = c.clone();
            kernels.gemm().dgemm(executor(parallelism), parallelism, ta, tb, m, n, k, alpha, a, lda, b, ldb, beta,
                    out, ldc);
            return out;
        }

        /** Puts NaN, +Inf and -Inf at a few random elements of A and B. */
        void poison(long seed) {
            SplittableRandom random = new SplittableRandom(seed);
            double[] specials = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
            for (int i = 0; i < 3; i++) {
                a[random.nextInt(a.length)] = specials[random.nextInt(specials.length)];
                b[random.nextInt(b.length)] = specials[random.nextInt(specials.length)];
            }
        }
    }

    @Property(tries = 60)
    void dgemm_randomProblems_matchNaive(@ForAll @IntRange(min = 1, max = 300) int m,
                                         @ForAll @IntRange(min = 1, max = 300) int n,
                                         @ForAll @IntRange(min = 1, max = 300) int k,
                                         @ForAll Transpose ta, @ForAll Transpose tb,
                                         @ForAll @IntRange(min = 0, max = 3) int pad,
                                         @ForAll("scalars") double alpha, @ForAll("scalars") double beta,
                                         @ForAll Kernels kernels, @ForAll @IntRange(min = 1, max = 2) int parallelism,
                                         @ForAll long seed) {
        Problem p = new Problem(m, n, k, ta, tb, pad, seed);
        double[] ref = p.reference(alpha, beta);

        double[] c = p.compute(kernels, parallelism, alpha, beta);

        assertThat(Fixtures.normalizedError(c, ref, m, n, p.ldc)).isLessThanOrEqualTo(1e-12);
        assertPaddingUntouched(c, p.c, m, n, p.ldc);
    }

    @Property(tries = 40)
    void sgemm_randomProblems_matchDoubleReference(@ForAll @IntRange(min = 1, max = 300) int m,
                                                   @ForAll @IntRange(min = 1, max = 300) int n,
                                                   @ForAll @IntRange(min = 1, max = 300) int k,
                                                   @ForAll Transpose ta, @ForAll Transpose tb,
                                                   @ForAll @IntRange(min = 0, max = 3) int pad,
                                                   @ForAll("scalars") double alpha, @ForAll("scalars") double beta,
                                                   @ForAll Kernels kernels,
                                                   @ForAll @IntRange(min = 1, max = 2) int parallelism,
                                                   @ForAll long seed) {
        int lda = (ta == Transpose.NONE ? k : m) + pad;
        int ldb = (tb == Transpose.NONE ? n : k) + pad;
        int ldc = n + pad;
        float[] a = Fixtures.randomFloats(ta == Transpose.NONE ? m : k, lda, seed);
        float[] b = Fixtures.randomFloats(tb == Transpose.NONE ? k : n, ldb, seed + 1);
        float[] c = Fixtures.randomFloats(m, ldc, seed + 2);
        float fa = (float) alpha;
        float fb = (float) beta;
        double[] ref = Fixtures.widen(c);
        Gemm.naive(ta, tb, m, n, k, fa, Fixtures.widen(a), lda, Fixtures.widen(b), ldb, fb, ref, ldc);

        kernels.gemm().sgemm(executor(parallelism), parallelism, ta, tb, m, n, k, fa, a, lda, b, ldb, fb, c, ldc);

        assertThat(Fixtures.normalizedError(c, ref, m, n, ldc)).isLessThanOrEqualTo(1e-5);
    }

    @Property(tries = 30)
    void dgemm_nanAndInfinityInInputs_propagateLikeNaive(@ForAll @IntRange(min = 1, max = 120) int m,
                                                        @ForAll @IntRange(min = 1, max = 120) int n,
                                                        @ForAll @IntRange(min = 1, max = 300) int k,
                                                        @ForAll Transpose ta, @ForAll Transpose tb,
                                                        @ForAll("scalars") double alpha,
                                                        @ForAll("scalars") double beta,
                                                        @ForAll Kernels kernels,
                                                        @ForAll @IntRange(min = 1, max = 2) int parallelism,
                                                        @ForAll long seed) {
        Problem p = new Problem(m, n, k, ta, tb, 0, seed);
        p.poison(seed + 3);
        double[] ref = p.reference(alpha, beta);

        double[] c = p.compute(kernels, parallelism, alpha, beta);

        double scale = 1;
        for (double r : ref) {
            if (Double.isFinite(r)) {
                scale = Math.max(scale, Math.abs(r));
            }
        }
        for (int x = 0; x < m * n; x++) {
            if (Double.isNaN(ref[x])) {
                assertThat(c[x]).as("C[%d] where the reference is NaN", x).isNaN();
            } else if (Double.isInfinite(ref[x])) {
                assertThat(c[x]).as("C[%d] where the reference is infinite", x).isEqualTo(ref[x]);
            } else {
                assertThat(Math.abs(c[x] - ref[x]) / scale).as("C[%d] error", x).isLessThanOrEqualTo(1e-12);
            }
        }
    }

    @Property(tries = 30)
    void dgemm_betaZero_ignoresNaNInC(@ForAll @IntRange(min = 1, max = 200) int m,
                                      @ForAll @IntRange(min = 1, max = 200) int n,
                                      @ForAll @IntRange(min = 0, max = 300) int k,
                                      @ForAll Transpose ta, @ForAll Transpose tb,
                                      @ForAll("scalars") double alpha, @ForAll Kernels kernels,
                                      @ForAll @IntRange(min = 1, max = 2) int parallelism, @ForAll long seed) {
        Problem p = new Problem(m, n, k, ta, tb, 0, seed);
        java.util.Arrays.fill(p.c, Double.NaN);
        double[] ref = p.reference(alpha, 0);

        double[] c = p.compute(kernels, parallelism, alpha, 0);

        assertThat(c).doesNotContain(Double.NaN);
        assertThat(Fixtures.normalizedError(c, ref, m, n, n)).isLessThanOrEqualTo(1e-12);
    }

    @Property(tries = 20)
    void dgemm_alphaZero_onlyScalesCAndIgnoresNaNInInputs(@ForAll @IntRange(min = 1, max = 100) int m,
                                                          @ForAll @IntRange(min = 1, max = 100) int n,
                                                          @ForAll @IntRange(min = 0, max = 100) int k,
                                                          @ForAll("scalars") double beta, @ForAll Kernels kernels,
                                                          @ForAll @IntRange(min = 1, max = 2) int parallelism,
                                                          @ForAll long seed) {
        Problem p = new Problem(m, n, k, Transpose.NONE, Transpose.NONE, 0, seed);
        java.util.Arrays.fill(p.a, Double.NaN);
        java.util.Arrays.fill(p.b, Double.NaN);

        double[] c = p.compute(kernels, parallelism, 0, beta);

        for (int x = 0; x < m * n; x++) {
            assertThat(c[x]).isEqualTo(beta == 0 ? 0 : beta * p.c[x]);
        }
    }

    /** Elements between a row's n-th column and the leading dimension belong to nobody: they must not change. */
    private static void assertPaddingUntouched(double[] c, double[] before, int m, int n, int ldc) {
        for (int i = 0; i < m; i++) {
            for (int j = n; j < ldc && i * ldc + j < c.length; j++) {
                assertThat(c[i * ldc + j]).as("padding C[%d][%d]", i, j).isEqualTo(before[i * ldc + j]);
            }
        }
    }
}
