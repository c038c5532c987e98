package dev.weft.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.kernels.Fixtures.Kernels;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The agreed shapes against the naive reference: in the calling thread, on a ForkJoinPool(2) and on a fixed pool
 * of two threads, with the best kernels and with the scalar ones. The parallel threshold is 0 here, so even the
 * small shapes take the parallel path when given an executor.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class GemmShapesTest {

    private static ExecutorService forkJoin;
    private static ExecutorService fixed;

    @BeforeAll
    static void startPools() {
        forkJoin = new ForkJoinPool(2);
        fixed = Executors.newFixedThreadPool(2);
    }

    @AfterAll
    static void stopPools() throws InterruptedException {
        forkJoin.shutdown();
        fixed.shutdown();
        assertThat(forkJoin.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        assertThat(fixed.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }

    static Stream<Arguments> cases() {
        int[][] shapes = {{1, 1, 1}, {7, 5, 3}, {63, 65, 64}, {257, 129, 255}};
        List<Arguments> cases = new ArrayList<>();
        for (Kernels kernels : Kernels.values()) {
            for (String exec : List.of("caller", "forkJoin(2)", "fixed(2)")) {
                for (int[] s : shapes) {
                    cases.add(Arguments.of(kernels, exec, s[0], s[1], s[2]));
                }
            }
        }
        return cases.stream();
    }

    private static ExecutorService executor(String name) {
        switch (name) {
            case "forkJoin(2)":
                return forkJoin;
            case "fixed(2)":
                return fixed;
            default:
                return null;
        }
    }

    @ParameterizedTest(name = "{0} {1} m={2} n={3} k={4}")
    @MethodSource("cases")
    void dgemm_agreedShapes_matchNaive(Kernels kernels, String exec, int m, int n, int k) {
        double[] a = Fixtures.randomDoubles(m, k, 1);
        double[] b = Fixtures.randomDoubles(k, n, 2);
        double[] c = Fixtures.randomDoubles(m, n, 3);
        double[] ref = c.clone();
        Gemm.naive(Transpose.NONE, Transpose.NONE, m, n, k, 0.75, a, k, b, n, -0.5, ref, n);

        kernels.gemm().dgemm(executor(exec), 2, Transpose.NONE, Transpose.NONE, m, n, k, 0.75, a, k, b, n, -0.5, c, n);

        assertThat(Fixtures.relativeError(c, ref, m, n, n)).isLessThanOrEqualTo(1e-9);
    }

    @ParameterizedTest(name = "{0} {1} m={2} n={3} k={4}")
    @MethodSource("cases")
    void multiply_agreedShapes_matchNaive(Kernels kernels, String exec, int m, int n, int k) {
        Matrix a = Matrix.random(m, k, 4);
        Matrix b = Matrix.random(k, n, 5);
        Matrix c = Matrix.random(m, n, 6); // garbage that C = A*B must overwrite
        double[] ref = new double[m * n];
        Gemm.naive(Transpose.NONE, Transpose.NONE, m, n, k, 1, a.data(), k, b.data(), n, 0, ref, n);

        kernels.gemm().multiply(executor(exec), 2, a, b, c);

        assertThat(Fixtures.relativeError(c.data(), ref, m, n, n)).isLessThanOrEqualTo(1e-9);
    }

    @ParameterizedTest(name = "{0} {1} m={2} n={3} k={4}")
    @MethodSource("cases")
    void sgemm_agreedShapes_matchDoubleReference(Kernels kernels, String exec, int m, int n, int k) {
        float[] a = Fixtures.randomFloats(m, k, 7);
        float[] b = Fixtures.randomFloats(k, n, 8);
        float[] c = Fixtures.randomFloats(m, n, 9);
        double[] ref = Fixtures.widen(c);
        Gemm.naive(Transpose.NONE, Transpose.NONE, m, n, k, 0.75, Fixtures.widen(a), k, Fixtures.widen(b), n, -0.5,
                ref, n);

        kernels.gemm().sgemm(executor(exec), 2, Transpose.NONE, Transpose.NONE, m, n, k, 0.75f, a, k, b, n, -0.5f, c, n);

        assertThat(Fixtures.normalizedError(c, ref, m, n, n)).isLessThanOrEqualTo(1e-5);
    }
}
