package dev.weft.kernels;

/**
 * Cache blocking for one element type and micro-kernel shape, after the analytical model of Low et al.,
 * "Analytical Modeling Is Enough for High-Performance BLIS" (ACM TOMS 43(2), 2016):
 * <ul>
 *   <li>{@code kc}: the {@code kc x NR} micro-panel of packed B is reused across every A micro-panel of a block,
 *       so it should stay in L1 beside the streaming {@code MR x kc} A micro-panel: it gets half of L1.</li>
 *   <li>{@code mc}: the packed {@code mc x kc} block of A is reused across all of B's micro-panels, so it should
 *       stay in L2: it gets half of L2.</li>
 *   <li>{@code nc}: the packed {@code kc x nc} panel of B is reused across all of A's blocks. The model puts it in
 *       L3 (half of this core's share); here it also gets at most half of L2, so that the A block and the B
 *       panel share L2. Measured on Zen 4 (1 MiB L2, 32 MiB L3, a victim cache): streaming a 2 MiB B panel from
 *       L3 evicted the A block from L2, and DGEMM 1024 ran at about 19 GFLOPS with nc = 4096 against about 25
 *       with nc = 256.</li>
 * </ul>
 * The results are rounded to the micro-kernel's MR and NR and clamped to ranges that keep the packing buffers and
 * the loop overhead reasonable when a cache size is odd or misreported.
 *
 * @param mc rows of A packed at once (a multiple of MR)
 * @param kc depth of one packed panel
 * @param nc columns of B packed at once (a multiple of NR)
 */
record Blocking(int mc, int kc, int nc) {

    /** L1 data cache assumed when the topology does not know: 32 KiB. */
    static final long DEFAULT_L1 = 32L << 10;
    /** L2 assumed when unknown: 1 MiB. */
    static final long DEFAULT_L2 = 1L << 20;
    /** Per-core share of L3 assumed when unknown: 32 MiB (one core's view of a typical server L3). */
    static final long DEFAULT_L3 = 32L << 20;

    private static final int MIN_KC = 64;
    private static final int MAX_KC = 1024;
    private static final int MAX_MC = 4096;
    private static final int MAX_NC = 4096;

    Blocking {
        if (mc < 1 || kc < 1 || nc < 1) {
            throw new IllegalArgumentException("blocking mc = " + mc + ", kc = " + kc + ", nc = " + nc
                    + ": allowed 1 or more each");
        }
    }

    /**
     * Blocking for caches of these sizes (bytes; zero or negative means unknown and takes the default).
     *
     * @param elementBytes 8 for double, 4 for float
     */
    static Blocking forCaches(long l1, long l2, long l3, int elementBytes, int mr, int nr) {
        long l1Bytes = l1 > 0 ? l1 : DEFAULT_L1;
        long l2Bytes = l2 > 0 ? l2 : DEFAULT_L2;
        long l3Bytes = l3 > 0 ? l3 : DEFAULT_L3;
        int kc = clamp(roundDown(l1Bytes / 2 / ((long) nr * elementBytes), 8), MIN_KC, MAX_KC);
        int mc = clamp(roundDown(l2Bytes / 2 / ((long) kc * elementBytes), mr), mr, roundDown(MAX_MC, mr));
        long panelBytes = Math.min(l2Bytes, l3Bytes) / 2;
        int nc = clamp(roundDown(panelBytes / ((long) kc * elementBytes), nr), nr, roundDown(MAX_NC, nr));
        return new Blocking(mc, kc, nc);
    }

    private static int roundDown(long value, int multiple) {
        return (int) Math.min(Integer.MAX_VALUE, value / multiple * multiple);
    }

    private static int clamp(int value, int min, int max) {
        return Math.max(min, Math.min(max, value));
    }
}
