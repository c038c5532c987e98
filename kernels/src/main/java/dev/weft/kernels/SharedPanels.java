package dev.weft.kernels;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.locks.LockSupport;

/**
 * One GEMM call computed by a team of threads that share the packed B panels, after Smith et al., "Anatomy of
 * High-Performance Many-Threaded Matrix Multiplication" (IPDPS 2014): the threads pack each B panel together, then
 * claim row blocks of C against it, each packing its own A.
 *
 * <h2>Implementation notes</h2>
 * <b>Work.</b> C is cut into column panels of {@code nc} columns; panel {@code j} needs op(B)'s
 * {@code k x nc} columns packed (all of k, chunk {@code pc} at {@code pc * ncPadded}) into one of
 * {@code buffers} shared buffers, {@code j % buffers}. The packing is cut into pieces (one KC chunk of
 * {@value #PACK_SLIVERS} NR-column micro-panels each) and the panel's C into row blocks of {@code mcItem} rows.
 * A row block runs the whole k loop (pack its MC x KC A block, multiply it by the KC chunk of the panel) and so
 * owns its part of C: no two threads ever write the same element, and no ordering between row blocks is needed.
 * {@code nc} is chosen so that one packed panel takes at most {@link #PANEL_BYTES}: in L3, like the B panel of
 * the serial loop; B micro-panels are streamed from it into L1.
 * <p>
 * <b>Claiming.</b> Every participant walks the panels in order. For panel {@code j} it claims pack pieces from
 * {@code PACK_NEXT[j]} until none is left, waits until {@code PACK_DONE[j]} counts all of them, then claims row
 * blocks from {@code WORK_NEXT[j]} and counts each finished one in {@code WORK_DONE[j]}. A participant with no
 * row block left in panel {@code j} goes on to pack panel {@code j+1} while the others finish theirs, so the only
 * idle time is the wait for the last pack pieces of a panel (microseconds) and the last row blocks of the call.
 * Before packing into a buffer, a participant waits until every row block of the panel that used it before
 * ({@code j - buffers}) is done.
 * <p>
 * <b>No deadlock with absent helpers.</b> A participant only ever waits for pieces that another participant has
 * already claimed, and claimed pieces are computed without waiting, so whoever is present finishes the call: the
 * caller alone, when the executor never starts a helper (see {@link ParallelTiles#team}); a helper that starts late
 * skips the panels whose row blocks are all claimed. Waits spin with {@link Thread#onSpinWait()} for
 * {@value #SPINS} rounds, then yield, then park for {@value #PARK_NANOS} ns at a time: the expected wait is a
 * few microseconds (one pack piece), and a descheduled peer must not be starved by a spinning one on a busy
 * machine.
 * <p>
 * <b>Memory ordering.</b> A pack piece's plain writes to the buffer happen-before the {@code PACK_DONE}
 * increment (a volatile read-modify-write) that counts it, and so before the plain reads of any thread that saw
 * the count complete. A row block's reads of a buffer happen-before its {@code WORK_DONE} increment, which the
 * next packer of that buffer reads before writing: the packer can never overwrite a panel still in use. C is
 * handed to the caller by {@link ParallelTiles#team} (every helper's work happens-before its {@code Future.get}).
 * <p>
 * <b>Failure.</b> The first failure sets {@code stopped}; waiters check it and return, so nobody waits for a
 * piece that a failed thread will never count; {@link ParallelTiles#team} rethrows the failure after every
 * started helper has returned.
 *
 * @param <W> the per-thread workspace type
 * @param <P> the packed-panel array type
 */
final class SharedPanels<W, P> {

    /** The most bytes of one shared B panel ({@code k x nc}): 2 MiB, well inside L3 and a few times L2. */
    static final long PANEL_BYTES = 2L << 20;
    /** NR-column micro-panels per pack piece: 8 x 256-deep doubles is 16K elements, a few microseconds. */
    static final int PACK_SLIVERS = 8;
    /** Row blocks per thread and panel when C is short, so that a slow thread still leaves others work. */
    static final int BLOCKS_PER_THREAD = 4;
    /** Pieces of C (row block x panel) per thread: the last one bounds the idle time at the end of a call. */
    static final int ITEMS_PER_THREAD = 16;
    /** Panels narrower than this pack and reuse B micro-panels too briefly to pay for themselves. */
    static final int MIN_NC = 64;
    /** The most elements of all shared buffers of one call (512 MiB of doubles); beyond, blocks are split. */
    static final long MAX_SHARED_ELEMENTS = 1L << 26;
    static final int SPINS = 1 << 12;
    static final int YIELDS = 1 << 8;
    static final long PARK_NANOS = 20_000;

    private static final int PACK_NEXT = 0;
    private static final int PACK_DONE = 1;
    private static final int WORK_NEXT = 2;
    private static final int WORK_DONE = 3;
    /** Counters per panel, spaced by 16 ints so that two panels' counters never share a 64-byte line. */
    private static final int STRIDE = 16;

    private final BlockedGemm<W, P> call;
    private final int threads;
    private final int kc;
    private final int nc;
    private final int ncPadded;
    private final int panels;
    private final int buffers;
    private final int depthChunks;
    private final int packGroups;
    private final int mcItem;
    private final int rowBlocks;
    private final int bufferLength;
    private final AtomicIntegerArray counters;
    private volatile boolean stopped;
    private P shared;

    SharedPanels(BlockedGemm<W, P> call, int parallelism) {
        this.call = call;
        int m = call.m;
        int n = call.n;
        int k = call.k;
        int mr = call.mr;
        int nr = call.nr;
        Blocking blocking = call.blocking;
        this.kc = Math.min(blocking.kc(), k);
        int elementBytes = call.elementBytes();
        // Enough row blocks for MC and for balance (when C is short), rows spread evenly over them.
        int mcMax = blocking.mc();
        int tiles = (m + mr - 1) / mr;
        int blocks = Math.max((m + mcMax - 1) / mcMax, Math.min(tiles, parallelism * BLOCKS_PER_THREAD));
        this.mcItem = BlockedGemm.roundUp((m + blocks - 1) / blocks, mr);
        this.rowBlocks = (m + mcItem - 1) / mcItem;
        // Panels as wide as PANEL_BYTES allows, narrower (down to MIN_NC) until a team has ITEMS_PER_THREAD each.
        long fit = PANEL_BYTES / elementBytes / Math.max(1, k) / nr * nr;
        int ncMax = (int) Math.max(nr, Math.min(BlockedGemm.roundUp(n, nr), fit));
        if (parallelism > 1) {
            int items = parallelism * ITEMS_PER_THREAD;
            int wantPanels = (items + rowBlocks - 1) / rowBlocks;
            int narrow = BlockedGemm.roundUp((n + wantPanels - 1) / wantPanels, nr);
            ncMax = Math.min(ncMax, Math.max(narrow, Math.min(ncMax, MIN_NC)));
        }
        this.nc = ncMax;
        this.ncPadded = BlockedGemm.roundUp(nc, nr);
        this.panels = (n + nc - 1) / nc;
        this.depthChunks = (k + kc - 1) / kc;
        this.packGroups = (ncPadded / nr + PACK_SLIVERS - 1) / PACK_SLIVERS;
        this.threads = (int) Math.min(parallelism, (long) panels * rowBlocks);
        this.buffers = Math.min(panels, threads == 1 ? 1 : threads + 1);
        this.bufferLength = (int) Math.min(Integer.MAX_VALUE, (long) k * ncPadded);
        this.counters = new AtomicIntegerArray(panels * STRIDE);
    }

    /** False when the shared buffers would exceed {@link #MAX_SHARED_ELEMENTS} (a huge k with a narrow C). */
    boolean fits() {
        return (long) buffers * k() * ncPadded <= MAX_SHARED_ELEMENTS;
    }

    private int k() {
        return call.k;
    }

    /** Runs the call on the caller and up to {@code parallelism - 1} helpers on {@code exec}. */
    void execute(ExecutorService exec) {
        shared = call.takeShared(buffers * bufferLength);
        try {
            if (threads == 1) {
                participate();
            } else {
                ParallelTiles.team(exec, threads, this::participate, () -> stopped = true);
            }
        } finally {
            call.releaseShared(shared);
        }
    }

    /** The body every thread of the team runs; returns when no work is left to claim (or after a failure). */
    void participate() {
        try {
            W ws = null;
            int packPieces = depthChunks * packGroups;
            for (int j = 0; j < panels && !stopped; j++) {
                int base = j * STRIDE;
                if (counters.get(base + WORK_NEXT) >= rowBlocks) {
                    continue; // every row block is claimed: a late helper has nothing to do here
                }
                int offset = (j % buffers) * bufferLength;
                if (counters.get(base + PACK_NEXT) < packPieces) {
                    if (j >= buffers && !await((j - buffers) * STRIDE + WORK_DONE, rowBlocks)) {
                        return;
                    }
                    for (int q = counters.getAndIncrement(base + PACK_NEXT); q < packPieces && !stopped;
                         q = counters.getAndIncrement(base + PACK_NEXT)) {
                        packPiece(j, offset, q);
                        counters.incrementAndGet(base + PACK_DONE);
                    }
                }
                if (!await(base + PACK_DONE, packPieces)) {
                    return;
                }
                for (int r = counters.getAndIncrement(base + WORK_NEXT); r < rowBlocks && !stopped;
                     r = counters.getAndIncrement(base + WORK_NEXT)) {
                    if (ws == null) {
                        ws = call.workspace(mcItem * kc, 0);
                    }
                    rowBlock(ws, j, offset, r);
                    counters.incrementAndGet(base + WORK_DONE);
                }
            }
        } catch (RuntimeException | Error e) {
            stopped = true;
            throw e;
        }
    }

    private void packPiece(int j, int offset, int piece) {
        int chunk = piece / packGroups;
        int pc = chunk * kc;
        int depth = Math.min(kc, call.k - pc);
        int jr0 = piece % packGroups * PACK_SLIVERS * call.nr;
        int jc = j * nc;
        int width = Math.min(nc, call.n - jc);
        call.packB(shared, offset + pc * ncPadded, pc, depth, jc, width, jr0, jr0 + PACK_SLIVERS * call.nr);
    }

    private void rowBlock(W ws, int j, int offset, int r) {
        int ic = r * mcItem;
        int mc = Math.min(mcItem, call.m - ic);
        int jc = j * nc;
        int width = Math.min(nc, call.n - jc);
        for (int pc = 0; pc < call.k; pc += kc) {
            int depth = Math.min(kc, call.k - pc);
            call.packA(ws, ic, mc, pc, depth);
            call.macroKernel(ws, shared, offset + pc * ncPadded, ic, mc, jc, width, depth, pc == 0);
        }
    }

    /** Waits until {@code counters[index] >= target}; false when the call stopped (a failure) instead. */
    private boolean await(int index, int target) {
        for (int spin = 0; counters.get(index) < target; spin++) {
            if (stopped) {
                return false;
            }
            if (spin < SPINS) {
                Thread.onSpinWait();
            } else if (spin < SPINS + YIELDS) {
                Thread.yield();
            } else {
                LockSupport.parkNanos(PARK_NANOS);
            }
        }
        return !stopped;
    }

    /** Row blocks finished so far, over all panels (for tests). */
    int finishedRowBlocks() {
        int done = 0;
        for (int j = 0; j < panels; j++) {
            done += counters.get(j * STRIDE + WORK_DONE);
        }
        return done;
    }

    /** Row blocks in the whole call (for tests). */
    int rowBlocks() {
        return panels * rowBlocks;
    }

    @Override
    public String toString() {
        return "SharedPanels[threads=" + threads + ", panels=" + panels + " of nc=" + nc + ", rowBlocks=" + rowBlocks
                + " of mc=" + mcItem + ", kc=" + kc + ", buffers=" + buffers + "]";
    }
}
