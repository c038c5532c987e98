package dev.weft.kernels;

/**
 * The portable double micro-kernel: a 4x4 tile in sixteen locals, which C2 keeps in registers. It is the fallback
 * when the Vector API is absent; scalar Java cannot issue vector FMAs, so it runs several times slower than
 * {@link VectorDoubleKernel} (see README.md).
 */
final class ScalarDoubleKernel implements DoubleKernel {

    static final int MR = 4;
    static final int NR = 4;

    @Override
    public int mr() {
        return MR;
    }

    @Override
    public int nr() {
        return NR;
    }

    @Override
    public void multiply(int kc, double[] a, int aOff, double[] b, int bOff, double alpha, double[] c, int cOff, int ldc) {
        double c00 = 0, c01 = 0, c02 = 0, c03 = 0;
        double c10 = 0, c11 = 0, c12 = 0, c13 = 0;
        double c20 = 0, c21 = 0, c22 = 0, c23 = 0;
        double c30 = 0, c31 = 0, c32 = 0, c33 = 0;
        int ai = aOff;
        int bi = bOff;
        for (int p = 0; p < kc; p++, ai += MR, bi += NR) {
            double b0 = b[bi];
            double b1 = b[bi + 1];
            double b2 = b[bi + 2];
            double b3 = b[bi + 3];
            double a0 = a[ai];
            c00 += a0 * b0;
            c01 += a0 * b1;
            c02 += a0 * b2;
            c03 += a0 * b3;
            double a1 = a[ai + 1];
            c10 += a1 * b0;
            c11 += a1 * b1;
            c12 += a1 * b2;
            c13 += a1 * b3;
            double a2 = a[ai + 2];
            c20 += a2 * b0;
            c21 += a2 * b1;
            c22 += a2 * b2;
            c23 += a2 * b3;
            double a3 = a[ai + 3];
            c30 += a3 * b0;
            c31 += a3 * b1;
            c32 += a3 * b2;
            c33 += a3 * b3;
        }
        storeRow(c, cOff, c00, c01, c02, c03, alpha);
        storeRow(c, cOff + ldc, c10, c11, c12, c13, alpha);
        storeRow(c, cOff + 2 * ldc, c20, c21, c22, c23, alpha);
        storeRow(c, cOff + 3 * ldc, c30, c31, c32, c33, alpha);
    }

    private static void storeRow(double[] c, int off, double x0, double x1, double x2, double x3, double alpha) {
        c[off] = alpha * x0;
        c[off + 1] = alpha * x1;
        c[off + 2] = alpha * x2;
        c[off + 3] = alpha * x3;
    }

    @Override
    public void update(double[] tile, double alpha, double beta, double[] c, int cOff, int ldc) {
        for (int r = 0, t = 0; r < MR; r++) {
            for (int j = 0, ci = cOff + r * ldc; j < NR; j++, t++, ci++) {
                c[ci] = alpha * tile[t] + beta * c[ci];
            }
        }
    }
}
