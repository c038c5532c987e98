package dev.weft.kernels;

import java.util.concurrent.ExecutorService;

/**
 * One GEMM call, blocked for the caches: the five loops around the micro-kernel of Goto and van de Geijn,
 * "Anatomy of High-Performance Matrix Multiplication" (ACM TOMS 34(3), 2008), in the BLIS order:
 * <pre>
 * for jc in columns of C, step NC:         B panel (kc x nc) sized for L3
 *   for pc in 0..k, step KC:               pack op(B)[pc.., jc..] into NR-column micro-panels
 *     for ic in rows of C, step MC:        pack op(A)[ic.., pc..] into MR-row micro-panels (L2)
 *       for jr in 0..nc, step NR:          one B micro-panel stays in L1 ...
 *         for ir in 0..mc, step MR:        ... while the A micro-panels stream past it
 *           micro-kernel: C[ir, jr] tile (registers) = alpha * Ap * Bp + beta' * C
 * </pre>
 * beta' is the caller's beta on the first pass over k ({@code pc == 0}) and 1 afterwards, so C is scaled once
 * and, when beta is 0, never read. Edge tiles (fewer than MR rows or NR columns left) are packed with zero
 * padding, computed into a scratch tile and merged, so the micro-kernel only ever sees full tiles.
 *
 * <p>An instance describes a whole call and is shared, read-only, by the threads computing it: in the calling
 * thread alone through {@link #computeBlock}, or by a team through {@link SharedPanels} (threads pack each B panel
 * together and claim row blocks of it; see there). Subclasses hold the typed arrays, the packing and the
 * macro-kernel.
 *
 * @param <W> the per-thread workspace type
 * @param <P> the packed-panel array type ({@code double[]} or {@code float[]})
 */
abstract class BlockedGemm<W, P> implements ParallelTiles.BlockTask {

    final int m;
    final int n;
    final int k;
    final int mr;
    final int nr;
    final Blocking blocking;
    /** alpha == 0 or k == 0: C = beta*C, and A and B are not read (BLAS). */
    final boolean scaleOnly;

    BlockedGemm(int m, int n, int k, int mr, int nr, Blocking blocking, boolean alphaIsZero) {
        this.m = m;
        this.n = n;
        this.k = k;
        this.mr = mr;
        this.nr = nr;
        this.blocking = blocking;
        this.scaleOnly = alphaIsZero || k == 0;
    }

    /**
     * Computes all of C: in the calling thread when there is no executor, a parallelism of 1 or fewer than
     * {@code threshold} multiply-adds of work; otherwise on a team of up to {@code parallelism} threads. Both
     * go through {@link SharedPanels} (one thread is a team of one: its panel layout, which keeps each row
     * block's C in L2 across the whole k loop, measured faster than the loop of {@link #computeBlock} at
     * n = 1024 and 2048), except products under 64^3 in one thread, scaling-only calls (no packing) and calls
     * whose shared panels would be too large ({@link SharedPanels#fits}), which use {@link #computeBlock}, over
     * a grid of blocks when in parallel.
     */
    final void run(ExecutorService exec, int parallelism, long threshold) {
        long work = (long) m * n * (scaleOnly ? 1 : k);
        boolean serial = exec == null || parallelism == 1 || work < threshold;
        // Small serial products skip the team's bookkeeping; scaling C alone needs no packing to share.
        SharedPanels<W, P> team = scaleOnly || serial && work < ParallelTiles.PARALLEL_THRESHOLD ? null
                : new SharedPanels<>(this, serial ? 1 : parallelism);
        if (team != null && team.fits()) {
            team.execute(exec);
        } else if (serial) {
            computeBlock(0, m, 0, n);
        } else {
            ParallelTiles.run(exec, parallelism, work, threshold, m, n, mr, nr, this);
        }
    }

    /** Computes rows {@code [i0, i1)} and columns {@code [j0, j1)} of C in the calling thread. */
    @Override
    public final void computeBlock(int i0, int i1, int j0, int j1) {
        if (i0 >= i1 || j0 >= j1) {
            return;
        }
        if (scaleOnly) {
            scale(i0, i1, j0, j1);
            return;
        }
        int kcMax = Math.min(blocking.kc(), k);
        int mcMax = roundUp(Math.min(blocking.mc(), i1 - i0), mr);
        int ncMax = roundUp(Math.min(blocking.nc(), j1 - j0), nr);
        W ws = workspace(mcMax * kcMax, kcMax * ncMax);
        for (int jc = j0; jc < j1; jc += blocking.nc()) {
            int nc = Math.min(blocking.nc(), j1 - jc);
            for (int pc = 0; pc < k; pc += blocking.kc()) {
                int kc = Math.min(blocking.kc(), k - pc);
                P bp = packedB(ws);
                packB(bp, 0, pc, kc, jc, nc, 0, nc);
                for (int ic = i0; ic < i1; ic += blocking.mc()) {
                    int mc = Math.min(blocking.mc(), i1 - ic);
                    packA(ws, ic, mc, pc, kc);
                    macroKernel(ws, bp, 0, ic, mc, jc, nc, kc, pc == 0);
                }
            }
        }
    }

    static int roundUp(int value, int multiple) {
        return (value + multiple - 1) / multiple * multiple;
    }

    /** This thread's workspace, with room for at least this many packed elements of A and of B. */
    abstract W workspace(int packedA, int packedB);

    /** Bytes per element: 8 for double, 4 for float. */
    abstract int elementBytes();

    /** This thread's buffer for one packed B panel (sized by {@link #workspace}). */
    abstract P packedB(W ws);

    /**
     * A B buffer of at least {@code length} elements that only this call uses until {@link #releaseShared}: the
     * calling thread's cached one when free (so calls in a loop allocate nothing), else a new one.
     */
    abstract P takeShared(int length);

    /** Gives a buffer from {@link #takeShared} back to the calling thread's cache. */
    abstract void releaseShared(P panel);

    /**
     * Packs columns {@code [jc+jr0, jc+min(jr1, nc))} of {@code op(B)[pc, pc+kc) x [jc, jc+nc)} into NR-column
     * micro-panels, zero-padded to NR, micro-panel {@code jr/NR} at {@code dst[off + jr*kc]}; {@code jr0} is a
     * multiple of NR.
     */
    abstract void packB(P dst, int off, int pc, int kc, int jc, int nc, int jr0, int jr1);

    /** Packs {@code op(A)[ic, ic+mc) x [pc, pc+kc)} into MR-row micro-panels, zero-padded to a multiple of MR. */
    abstract void packA(W ws, int ic, int mc, int pc, int kc);

    /** Runs the micro-kernel over every tile of the packed block; {@code firstPass} applies the caller's beta. */
    abstract void macroKernel(W ws, P bp, int bOff, int ic, int mc, int jc, int nc, int kc, boolean firstPass);

    /** C = beta*C over the block, writing zeros without reading C when beta is 0. */
    abstract void scale(int i0, int i1, int j0, int j1);
}
