package dev.weft.kernels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Bad arguments get an IllegalArgumentException whose message names the numbers and what is allowed. */
class GemmArgumentsTest {

    private static final Transpose N = Transpose.NONE;
    private static final Transpose T = Transpose.TRANSPOSE;
    private final Gemm gemm = Gemm.defaults();

    /** A valid 5x4 = (5x7)(7x4) double problem to break one argument at a time. */
    private void dgemm(Transpose ta, Transpose tb, int m, int n, int k, double[] a, int lda, double[] b, int ldb,
                       double[] c, int ldc) {
        gemm.dgemm(null, 1, ta, tb, m, n, k, 1, a, lda, b, ldb, 0, c, ldc);
    }

    @Test
    void dgemm_ldaSmallerThanKForPlainA_namesShapeAndMinimum() {
        assertThatThrownBy(() -> dgemm(N, N, 5, 4, 7, new double[35], 3, new double[28], 4, new double[20], 4))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("lda = 3 is too small: op(A) is 5x7 row-major, so lda must be >= 7");
    }

    @Test
    void dgemm_ldaSmallerThanMForTransposedA_namesStoredShape() {
        assertThatThrownBy(() -> dgemm(T, N, 5, 4, 7, new double[35], 3, new double[28], 4, new double[20], 4))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("lda = 3 is too small: op(A) = A^T is 5x7, A is 7x5 row-major, so lda must be >= 5");
    }

    @Test
    void dgemm_ldbTooSmall_namesB() {
        assertThatThrownBy(() -> dgemm(N, N, 5, 4, 7, new double[35], 7, new double[28], 2, new double[20], 4))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ldb = 2 is too small: op(B) is 7x4 row-major, so ldb must be >= 4");
        assertThatThrownBy(() -> dgemm(N, T, 5, 4, 7, new double[35], 7, new double[28], 6, new double[20], 4))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ldb = 6 is too small: op(B) = B^T is 7x4, B is 4x7 row-major, so ldb must be >= 7");
    }

    @Test
    void dgemm_ldcTooSmall_namesC() {
        assertThatThrownBy(() -> dgemm(N, N, 5, 4, 7, new double[35], 7, new double[28], 4, new double[20], 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ldc = 3 is too small: C is 5x4 row-major, so ldc must be >= 4");
    }

    @Test
    void dgemm_zeroLeadingDimensionForEmptyOperand_isRefused() {
        assertThatThrownBy(() -> dgemm(N, N, 5, 4, 0, new double[1], 0, new double[1], 4, new double[20], 4))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("lda = 0 is too small");
    }

    @Test
    void dgemm_shortArrays_nameNeededAndActualLength() {
        assertThatThrownBy(() -> dgemm(N, N, 5, 4, 7, new double[34], 7, new double[28], 4, new double[20], 4))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a is too short: op(A) is 5x7 row-major with lda = 7, so a needs at least 35 elements,"
                        + " but a.length = 34");
        // the last row needs only its n elements, not a whole leading dimension
        assertThatCode(() -> dgemm(N, N, 5, 4, 7, new double[4 * 9 + 7], 9, new double[28], 4, new double[20], 4))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> dgemm(N, N, 5, 4, 7, new double[35], 7, new double[27], 4, new double[20], 4))
                .hasMessageContaining("b needs at least 28 elements, but b.length = 27");
        assertThatThrownBy(() -> dgemm(N, N, 5, 4, 7, new double[35], 7, new double[28], 4, new double[19], 4))
                .hasMessageContaining("c needs at least 20 elements, but c.length = 19");
    }

    @Test
    void dgemm_nullArrays_nameNeededLength() {
        assertThatThrownBy(() -> dgemm(N, N, 5, 4, 7, null, 7, new double[28], 4, new double[20], 4))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a is null: op(A) is 5x7 row-major with lda = 7, so a needs at least 35 elements");
        assertThatThrownBy(() -> dgemm(N, N, 5, 4, 7, new double[35], 7, null, 4, new double[20], 4))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("b is null");
        assertThatThrownBy(() -> dgemm(N, N, 5, 4, 7, new double[35], 7, new double[28], 4, null, 4))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("c is null");
    }

    @Test
    void dgemm_negativeDimension_isRefused() {
        assertThatThrownBy(() -> dgemm(N, N, -1, 4, 7, new double[35], 7, new double[28], 4, new double[20], 4))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("m = -1 is negative: allowed m >= 0");
        assertThatThrownBy(() -> dgemm(N, N, 5, 4, -2, new double[35], 7, new double[28], 4, new double[20], 4))
                .hasMessage("k = -2 is negative: allowed k >= 0");
    }

    @Test
    void dgemm_nullTranspose_isRefused() {
        assertThatThrownBy(() -> dgemm(null, N, 5, 4, 7, new double[35], 7, new double[28], 4, new double[20], 4))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ta is null: allowed NONE or TRANSPOSE");
    }

    @Test
    void dgemm_parallelismBelowOne_isRefused() {
        assertThatThrownBy(() -> gemm.dgemm(null, 0, N, N, 1, 1, 1, 1, new double[1], 1, new double[1], 1, 0,
                new double[1], 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("parallelism = 0: allowed 1 or more");
        assertThatThrownBy(() -> gemm.sgemm(null, -3, N, N, 1, 1, 1, 1, new float[1], 1, new float[1], 1, 0,
                new float[1], 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("parallelism = -3: allowed 1 or more");
    }

    @Test
    void dgemm_cSameArrayAsA_isRefused() {
        double[] x = new double[16];
        assertThatThrownBy(() -> dgemm(N, N, 4, 4, 4, x, 4, new double[16], 4, x, 4))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("c is the same array as a: C must not overlap the inputs");
    }

    @Test
    void sgemm_badArguments_getTheSameMessages() {
        assertThatThrownBy(() -> gemm.sgemm(null, 1, N, N, 5, 4, 7, 1, new float[35], 3, new float[28], 4, 0,
                new float[20], 4))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("lda = 3 is too small: op(A) is 5x7 row-major, so lda must be >= 7");
        assertThatThrownBy(() -> gemm.sgemm(null, 1, N, N, 5, 4, 7, 1, new float[35], 7, new float[28], 4, 0,
                null, 4))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("c is null: C is 5x4 row-major with ldc = 4, so c needs at least 20 elements");
    }

    @Test
    void naive_badArguments_areCheckedToo() {
        assertThatThrownBy(() -> Gemm.naive(N, N, 5, 4, 7, 1.0, new double[35], 3, new double[28], 4, 0.0,
                new double[20], 4))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("lda = 3 is too small");
        assertThatThrownBy(() -> Gemm.naive(N, N, 5, 4, 7, 1f, new float[35], 7, new float[2], 4, 0f,
                new float[20], 4))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("but b.length = 2");
    }

    @Test
    void dgemm_emptyResult_touchesNothing() {
        double[] c = {Double.NaN};
        gemm.dgemm(null, 1, N, N, 0, 1, 3, 1, new double[1], 3, new double[3], 1, 0, c, 1);
        assertThat(c[0]).isNaN();
    }

    @Test
    void multiply_innerDimensionsDiffer_namesBothShapes() {
        assertThatThrownBy(() -> gemm.multiply(null, 1, Matrix.zeros(3, 4), Matrix.zeros(5, 6), Matrix.zeros(3, 6)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("A is 3x4 and B is 5x6: A's columns (4) must equal B's rows (5)");
    }

    @Test
    void multiply_wrongShapeOfC_namesTheNeededShape() {
        assertThatThrownBy(() -> gemm.multiply(null, 1, Matrix.zeros(3, 4), Matrix.zeros(4, 6), Matrix.zeros(3, 5)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("C is 3x5 but A*B is 3x6: C must be 3x6");
    }

    @Test
    void multiply_cIsA_isRefused() {
        Matrix square = Matrix.random(4, 4, 1);
        assertThatThrownBy(() -> gemm.multiply(null, 1, square, Matrix.zeros(4, 4), square))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("c is the same array as a");
    }
}
