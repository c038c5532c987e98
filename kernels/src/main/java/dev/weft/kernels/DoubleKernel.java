package dev.weft.kernels;

/**
 * A register-blocked double micro-kernel: multiplies one packed {@code MR x kc} micro-panel of A by one packed
 * {@code kc x NR} micro-panel of B into an {@code MR x NR} tile of C. Implementations keep the whole tile in
 * registers across the {@code kc} loop and allocate nothing.
 */
interface DoubleKernel {

    /** Rows of the C tile (and of an A micro-panel). */
    int mr();

    /** Columns of the C tile (and of a B micro-panel). */
    int nr();

    /**
     * {@code C = alpha * A*B + beta * C} on the full tile, where {@code A(i, p) = a[aOff + p*MR + i]},
     * {@code B(p, j) = b[bOff + p*NR + j]} and {@code C(i, j) = c[cOff + i*ldc + j]}. With {@code beta == 0} C is
     * only written, never read (BLAS: NaN already in C must not survive).
     */
    void multiply(int kc, double[] a, int aOff, double[] b, int bOff, double alpha, double beta,
                  double[] c, int cOff, int ldc);
}
