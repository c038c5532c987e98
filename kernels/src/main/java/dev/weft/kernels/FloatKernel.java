package dev.weft.kernels;

/**
 * A register-blocked float micro-kernel: multiplies one packed {@code MR x kc} micro-panel of A by one packed
 * {@code kc x NR} micro-panel of B into an {@code MR x NR} tile of C. Implementations keep the whole tile in
 * registers across the {@code kc} loop and allocate nothing.
 */
interface FloatKernel {

    /** Rows of the C tile (and of an A micro-panel). */
    int mr();

    /** Columns of the C tile (and of a B micro-panel). */
    int nr();

    /**
     * {@code C = alpha * A*B} on the full tile, where {@code A(i, p) = a[aOff + p*MR + i]},
     * {@code B(p, j) = b[bOff + p*NR + j]} and {@code C(i, j) = c[cOff + i*ldc + j]}. C is only written, never read
     * (BLAS with beta = 0: NaN already in C must not survive).
     */
    void multiply(int kc, float[] a, int aOff, float[] b, int bOff, float alpha, float[] c, int cOff, int ldc);

    /**
     * {@code C = alpha * T + beta * C} on the full tile, where {@code T(i, j) = tile[i*NR + j]} is a product that
     * {@link #multiply} wrote with alpha 1 and leading dimension NR.
     */
    void update(float[] tile, float alpha, float beta, float[] c, int cOff, int ldc);
}
