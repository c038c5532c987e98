package dev.weft.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Runs only in surefire's {@code without-vector-module} execution, a JVM that does not resolve
 * {@code jdk.incubator.vector}: the scalar kernels must load and compute without linking any incubator class.
 */
@Tag("without-vector-module")
class WithoutVectorModuleTest {

    @Test
    void implementation_withoutVectorModule_isScalarAndSaysHowToEnableVectors() {
        assertThat(ModuleLayer.boot().findModule("jdk.incubator.vector")).isEmpty();

        assertThat(Gemm.implementation())
                .isEqualTo("scalar (jdk.incubator.vector is not resolved: start the JVM with --add-modules"
                        + " jdk.incubator.vector)");
    }

    @Test
    void dgemm_withoutVectorModule_matchesNaive() {
        int m = 67;
        int n = 45;
        int k = 33;
        double[] a = Fixtures.randomDoubles(m, k, 1);
        double[] bt = Fixtures.randomDoubles(n, k, 2);
        double[] c = new double[m * n];
        double[] ref = new double[m * n];
        Gemm.naive(Transpose.NONE, Transpose.TRANSPOSE, m, n, k, 1, a, k, bt, k, 0, ref, n);

        Gemm.defaults().dgemm(null, 1, Transpose.NONE, Transpose.TRANSPOSE, m, n, k, 1, a, k, bt, k, 0, c, n);

        assertThat(Fixtures.relativeError(c, ref, m, n, n)).isLessThanOrEqualTo(1e-12);
    }

    @Test
    void sgemm_withoutVectorModule_matchesNaive() {
        float[] a = Fixtures.randomFloats(20, 30, 4);
        float[] b = Fixtures.randomFloats(30, 10, 5);
        float[] c = new float[200];
        double[] ref = new double[200];
        Gemm.naive(Transpose.NONE, Transpose.NONE, 20, 10, 30, 1, Fixtures.widen(a), 30, Fixtures.widen(b), 10, 0,
                ref, 10);

        Gemm.defaults().sgemm(null, 1, Transpose.NONE, Transpose.NONE, 20, 10, 30, 1f, a, 30, b, 10, 0f, c, 10);

        assertThat(Fixtures.normalizedError(c, ref, 20, 10, 10)).isLessThanOrEqualTo(1e-5);
    }
}
