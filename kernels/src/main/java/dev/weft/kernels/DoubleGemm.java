package dev.weft.kernels;

import java.lang.ref.SoftReference;

/**
 * The double instance of {@link BlockedGemm}: packing for both transposes and the macro-kernel around a
 * {@link DoubleKernel}.
 *
 * <p>Workspaces are per thread (a {@code ThreadLocal}), grown on demand and reused across calls, so steady-state
 * calls allocate nothing but the call object. They are held softly: a pool thread that once ran a large GEMM does
 * not pin megabytes of packing buffers forever. At most {@code mc*kc + kc*nc} doubles each (a few MiB).
 */
final class DoubleGemm extends BlockedGemm<DoubleGemm.Workspace, double[]> {

    private static final ThreadLocal<SoftReference<Workspace>> WORKSPACES = new ThreadLocal<>();

    private final DoubleKernel kernel;
    private final boolean transA;
    private final boolean transB;
    private final double alpha;
    private final double beta;
    private final double[] a;
    private final int lda;
    private final double[] b;
    private final int ldb;
    private final double[] c;
    private final int ldc;

    DoubleGemm(DoubleKernel kernel, Blocking blocking, Transpose ta, Transpose tb, int m, int n, int k,
               double alpha, double[] a, int lda, double[] b, int ldb, double beta, double[] c, int ldc) {
        super(m, n, k, kernel.mr(), kernel.nr(), blocking, alpha == 0);
        this.kernel = kernel;
        this.transA = ta == Transpose.TRANSPOSE;
        this.transB = tb == Transpose.TRANSPOSE;
        this.alpha = alpha;
        this.beta = beta;
        this.a = a;
        this.lda = lda;
        this.b = b;
        this.ldb = ldb;
        this.c = c;
        this.ldc = ldc;
    }

    /** Packing buffers and the scratch tile of one thread. */
    static final class Workspace {
        double[] packedA = new double[0];
        double[] packedB = new double[0];
        double[] tile = new double[0];
        /** The B panels a team shares while this thread calls; null while a call has taken them. */
        double[] shared;
    }

    @Override
    Workspace workspace(int packedA, int packedB) {
        SoftReference<Workspace> ref = WORKSPACES.get();
        Workspace ws = ref == null ? null : ref.get();
        if (ws == null) {
            ws = new Workspace();
            WORKSPACES.set(new SoftReference<>(ws));
        }
        if (ws.packedA.length < packedA) {
            ws.packedA = new double[packedA];
        }
        if (ws.packedB.length < packedB) {
            ws.packedB = new double[packedB];
        }
        if (ws.tile.length < mr * nr) {
            ws.tile = new double[mr * nr];
        }
        return ws;
    }

    @Override
    int elementBytes() {
        return 8;
    }

    @Override
    double[] packedB(Workspace ws) {
        return ws.packedB;
    }

    @Override
    double[] takeShared(int length) {
        Workspace ws = workspace(0, 0);
        double[] panel = ws.shared;
        ws.shared = null; // a nested call on this thread (a task run while waiting) must not share it
        return panel != null && panel.length >= length ? panel : new double[length];
    }

    @Override
    void releaseShared(double[] panel) {
        workspace(0, 0).shared = panel;
    }

    @Override
    void packA(Workspace ws, int ic, int mc, int pc, int kc) {
        double[] ap = ws.packedA;
        for (int ir = 0; ir < mc; ir += mr) {
            int rows = Math.min(mr, mc - ir);
            int base = ir * kc;
            if (transA) {
                // A is k x m: each step of k reads `rows` adjacent elements of one stored row.
                for (int p = 0; p < kc; p++) {
                    int src = (pc + p) * lda + ic + ir;
                    int dst = base + p * mr;
                    System.arraycopy(a, src, ap, dst, rows);
                    for (int r = rows; r < mr; r++) {
                        ap[dst + r] = 0;
                    }
                }
            } else {
                // A is m x k: read each row of the panel sequentially, scatter with stride MR.
                for (int r = 0; r < rows; r++) {
                    int src = (ic + ir + r) * lda + pc;
                    for (int p = 0, dst = base + r; p < kc; p++, dst += mr) {
                        ap[dst] = a[src + p];
                    }
                }
                for (int r = rows; r < mr; r++) {
                    for (int p = 0, dst = base + r; p < kc; p++, dst += mr) {
                        ap[dst] = 0;
                    }
                }
            }
        }
    }

    @Override
    void packB(double[] bp, int off, int pc, int kc, int jc, int nc, int jr0, int jr1) {
        for (int jr = jr0, end = Math.min(jr1, nc); jr < end; jr += nr) {
            int cols = Math.min(nr, nc - jr);
            int base = off + jr * kc;
            if (transB) {
                // B is n x k: read each stored row (a column of op(B)) sequentially, scatter with stride NR.
                for (int col = 0; col < cols; col++) {
                    int src = (jc + jr + col) * ldb + pc;
                    for (int p = 0, dst = base + col; p < kc; p++, dst += nr) {
                        bp[dst] = b[src + p];
                    }
                }
                for (int col = cols; col < nr; col++) {
                    for (int p = 0, dst = base + col; p < kc; p++, dst += nr) {
                        bp[dst] = 0;
                    }
                }
            } else {
                // B is k x n: each step of k copies `cols` adjacent elements of one stored row.
                for (int p = 0; p < kc; p++) {
                    int src = (pc + p) * ldb + jc + jr;
                    int dst = base + p * nr;
                    System.arraycopy(b, src, bp, dst, cols);
                    for (int col = cols; col < nr; col++) {
                        bp[dst + col] = 0;
                    }
                }
            }
        }
    }

    @Override
    void macroKernel(Workspace ws, double[] bp, int bOff, int ic, int mc, int jc, int nc, int kc, boolean firstPass) {
        double betaPass = firstPass ? beta : 1.0;
        double[] ap = ws.packedA;
        double[] tile = ws.tile;
        for (int jr = 0; jr < nc; jr += nr) {
            int cols = Math.min(nr, nc - jr);
            int bi = bOff + jr * kc;
            for (int ir = 0; ir < mc; ir += mr) {
                int rows = Math.min(mr, mc - ir);
                int aOff = ir * kc;
                int cOff = (ic + ir) * ldc + jc + jr;
                boolean full = rows == mr && cols == nr;
                if (full && betaPass == 0) {
                    kernel.multiply(kc, ap, aOff, bp, bi, alpha, c, cOff, ldc);
                    continue;
                }
                // Updates and edge tiles go through the scratch tile: the kernel's k loop only ever assigns.
                kernel.multiply(kc, ap, aOff, bp, bi, 1.0, tile, 0, nr);
                if (full) {
                    kernel.update(tile, alpha, betaPass, c, cOff, ldc);
                } else {
                    for (int r = 0; r < rows; r++) {
                        for (int col = 0, t = r * nr, ci = cOff + r * ldc; col < cols; col++, t++, ci++) {
                            c[ci] = betaPass == 0 ? alpha * tile[t] : alpha * tile[t] + betaPass * c[ci];
                        }
                    }
                }
            }
        }
    }

    @Override
    void scale(int i0, int i1, int j0, int j1) {
        if (beta == 1) {
            return;
        }
        for (int i = i0; i < i1; i++) {
            for (int j = j0, ci = i * ldc + j0; j < j1; j++, ci++) {
                c[ci] = beta == 0 ? 0 : beta * c[ci];
            }
        }
    }
}
