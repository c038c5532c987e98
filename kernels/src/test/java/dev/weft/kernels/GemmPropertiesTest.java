package dev.weft.kernels;

import static dev.weft.kernels.Properties.forAll;
import static dev.weft.kernels.Properties.intBetween;
import static dev.weft.kernels.Properties.seed;
import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.kernels.Fixtures.Kernels;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Random shapes (1..300 per dimension), transposes, padded leading dimensions, alpha and beta (0, 1, -1 and random),
 * both kernel sets, in the caller or on a ForkJoinPool(2) with the parallel threshold at 0, against the naive
 * reference. Inputs are uniform in [-1, 1]. Double must agree within {@code max|C - Cref| / max(1, max|Cref|)
 * <= 1e-12}; float within 1e-5 of a reference computed in double from the same float inputs. A failing case is
 * shrunk (smaller dimensions, no padding, one thread) before it is reported with its seed.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class GemmPropertiesTest {

    private static final ExecutorService POOL = new ForkJoinPool(2);

    @AfterAll
    static void stopPool() throws InterruptedException {
        POOL.shutdown();
        POOL.awaitTermination(10, TimeUnit.SECONDS);
    }

    private static ExecutorService executor(int parallelism) {
        return parallelism == 1 ? null : POOL;
    }

    /** One generated case: op shapes, layouts, scalars, where it runs, and the seed of the A, B and C values. */
    private record Case(int m, int n, int k, Transpose ta, Transpose tb, int pad, double alpha, double beta,
                        Kernels kernels, int parallelism, long seed) {

        Problem problem() {
            return new Problem(m, n, k, ta, tb, pad, seed);
        }

        Case with(int m, int n, int k, int pad, int parallelism) {
            return new Case(m, n, k, ta, tb, pad, alpha, beta, kernels, parallelism, seed);
        }

        /** Halved and decremented dimensions (never below 1), then no padding, then one thread. */
        List<Case> smaller() {
            List<Case> out = new ArrayList<>();
            if (m > 1) {
                out.add(with(m / 2, n, k, pad, parallelism));
                out.add(with(m - 1, n, k, pad, parallelism));
            }
            if (n > 1) {
                out.add(with(m, n / 2, k, pad, parallelism));
                out.add(with(m, n - 1, k, pad, parallelism));
            }
            if (k > 1) {
                out.add(with(m, n, k / 2, pad, parallelism));
                out.add(with(m, n, k - 1, pad, parallelism));
            }
            if (pad > 0) {
                out.add(with(m, n, k, 0, parallelism));
            }
            if (parallelism > 1) {
                out.add(with(m, n, k, pad, 1));
            }
            return out;
        }
    }

    /**
     * Dimensions uniform in their ranges (bounds favoured), each transpose, kernel set and parallelism (1 or 2)
     * equally likely, padding 0..maxPad, scalars from {@link #scalar}, and any long as the values' seed.
     */
    private static Function<SplittableRandom, Case> cases(int maxM, int maxN, int minK, int maxK, int maxPad) {
        return r -> new Case(intBetween(r, 1, maxM), intBetween(r, 1, maxN), intBetween(r, minK, maxK),
                pick(r, Transpose.values()), pick(r, Transpose.values()), intBetween(r, 0, maxPad), scalar(r),
                scalar(r), pick(r, Kernels.values()), intBetween(r, 1, 2), r.nextLong());
    }

    /** Half the time 0, 1 or -1 (the scalars GEMM special-cases), else uniform in [-2, 2]. */
    private static double scalar(SplittableRandom random) {
        return random.nextBoolean() ? new double[] {0.0, 1.0, -1.0}[random.nextInt(3)] : random.nextDouble(-2, 2);
    }

    private static <E> E pick(SplittableRandom random, E[] values) {
        return values[random.nextInt(values.length)];
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

    @Test
    void dgemm_randomProblems_matchNaive() {
        forAll("dgemm_randomProblems_matchNaive", 60, seed(), cases(300, 300, 1, 300, 3), Case::smaller, x -> {
            Problem p = x.problem();
            double[] ref = p.reference(x.alpha(), x.beta());

            double[] c = p.compute(x.kernels(), x.parallelism(), x.alpha(), x.beta());

            assertThat(Fixtures.normalizedError(c, ref, x.m(), x.n(), p.ldc)).isLessThanOrEqualTo(1e-12);
            assertPaddingUntouched(c, p.c, x.m(), x.n(), p.ldc);
        });
    }

    @Test
    void sgemm_randomProblems_matchDoubleReference() {
        forAll("sgemm_randomProblems_matchDoubleReference", 40, seed(), cases(300, 300, 1, 300, 3), Case::smaller,
                x -> {
                    int m = x.m();
                    int n = x.n();
                    int k = x.k();
                    Transpose ta = x.ta();
                    Transpose tb = x.tb();
                    int lda = (ta == Transpose.NONE ? k : m) + x.pad();
                    int ldb = (tb == Transpose.NONE ? n : k) + x.pad();
                    int ldc = n + x.pad();
                    float[] a = Fixtures.randomFloats(ta == Transpose.NONE ? m : k, lda, x.seed());
                    float[] b = Fixtures.randomFloats(tb == Transpose.NONE ? k : n, ldb, x.seed() + 1);
                    float[] c = Fixtures.randomFloats(m, ldc, x.seed() + 2);
                    float fa = (float) x.alpha();
                    float fb = (float) x.beta();
                    double[] ref = Fixtures.widen(c);
                    Gemm.naive(ta, tb, m, n, k, fa, Fixtures.widen(a), lda, Fixtures.widen(b), ldb, fb, ref, ldc);

                    x.kernels().gemm().sgemm(executor(x.parallelism()), x.parallelism(), ta, tb, m, n, k, fa, a, lda,
                            b, ldb, fb, c, ldc);

                    assertThat(Fixtures.normalizedError(c, ref, m, n, ldc)).isLessThanOrEqualTo(1e-5);
                });
    }

    @Test
    void dgemm_nanAndInfinityInInputs_propagateLikeNaive() {
        forAll("dgemm_nanAndInfinityInInputs_propagateLikeNaive", 30, seed(), cases(120, 120, 1, 300, 0),
                Case::smaller, x -> {
                    Problem p = x.problem();
                    p.poison(x.seed() + 3);
                    double[] ref = p.reference(x.alpha(), x.beta());

                    double[] c = p.compute(x.kernels(), x.parallelism(), x.alpha(), x.beta());

                    double scale = 1;
                    for (double r : ref) {
                        if (Double.isFinite(r)) {
                            scale = Math.max(scale, Math.abs(r));
                        }
                    }
                    for (int i = 0; i < x.m() * x.n(); i++) {
                        if (Double.isNaN(ref[i])) {
                            assertThat(c[i]).as("C[%d] where the reference is NaN", i).isNaN();
                        } else if (Double.isInfinite(ref[i])) {
                            assertThat(c[i]).as("C[%d] where the reference is infinite", i).isEqualTo(ref[i]);
                        } else {
                            assertThat(Math.abs(c[i] - ref[i]) / scale).as("C[%d] error", i)
                                    .isLessThanOrEqualTo(1e-12);
                        }
                    }
                });
    }

    @Test
    void dgemm_betaZero_ignoresNaNInC() {
        Function<SplittableRandom, Case> betaZero = cases(200, 200, 0, 300, 0).andThen(x -> new Case(x.m(), x.n(),
                x.k(), x.ta(), x.tb(), 0, x.alpha(), 0, x.kernels(), x.parallelism(), x.seed()));
        forAll("dgemm_betaZero_ignoresNaNInC", 30, seed(), betaZero, Case::smaller, x -> {
            Problem p = x.problem();
            Arrays.fill(p.c, Double.NaN);
            double[] ref = p.reference(x.alpha(), 0);

            double[] c = p.compute(x.kernels(), x.parallelism(), x.alpha(), 0);

            assertThat(c).doesNotContain(Double.NaN);
            assertThat(Fixtures.normalizedError(c, ref, x.m(), x.n(), x.n())).isLessThanOrEqualTo(1e-12);
        });
    }

    @Test
    void dgemm_alphaZero_onlyScalesCAndIgnoresNaNInInputs() {
        Function<SplittableRandom, Case> alphaZero = cases(100, 100, 0, 100, 0).andThen(x -> new Case(x.m(), x.n(),
                x.k(), Transpose.NONE, Transpose.NONE, 0, 0, x.beta(), x.kernels(), x.parallelism(), x.seed()));
        forAll("dgemm_alphaZero_onlyScalesCAndIgnoresNaNInInputs", 20, seed(), alphaZero, Case::smaller, x -> {
            Problem p = x.problem();
            Arrays.fill(p.a, Double.NaN);
            Arrays.fill(p.b, Double.NaN);

            double[] c = p.compute(x.kernels(), x.parallelism(), 0, x.beta());

            for (int i = 0; i < x.m() * x.n(); i++) {
                assertThat(c[i]).isEqualTo(x.beta() == 0 ? 0 : x.beta() * p.c[i]);
            }
        });
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
