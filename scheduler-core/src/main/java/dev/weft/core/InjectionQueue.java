package dev.weft.core;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Collection;
import java.util.Objects;

/**
 * An unbounded, linearizable, multi-producer multi-consumer FIFO queue for submissions from outside the pool:
 * a linked list of fixed-size array segments, with slots claimed by fetch-and-add. Offers from one thread are
 * polled in the order they were made.
 *
 * <h2>Implementation notes</h2>
 * <b>1. Algorithm.</b> The fetch-and-add array queue of Ramalhete and Correia ("FAAArrayQueue", 2016), which
 * is the fast path of Yang and Mellor-Crummey, "A Wait-free Queue as Fast as Fetch-and-Add" (PPoPP 2016), in
 * the spirit of Morrison and Afek's LCRQ (PPoPP 2013) but without its double-width CAS. Each segment has
 * {@code segmentSize} slots, a producer index {@code enqIdx} and a consumer index {@code deqIdx}. A producer
 * takes slot {@code i = enqIdx++} of the tail segment and CASes it from null to its element; a consumer takes
 * {@code i = deqIdx++} of the head segment and swaps the slot to {@code TAKEN}. A slot goes
 * {@code null -> element -> TAKEN} or {@code null -> TAKEN} and is never reused, so there is no ABA. If the
 * consumer finds null, its producer has claimed the slot but not yet filled it: the consumer leaves
 * {@code TAKEN} there and moves on, and the producer, whose CAS then fails, claims another slot. A segment
 * whose indices run past {@code segmentSize} is exhausted: producers link a new segment (holding their element
 * in slot 0) and swing {@code tail}; consumers swing {@code head} to the next segment. Old segments become
 * garbage.
 * <p>
 * <b>2. Linearization.</b> An offer takes effect at its successful slot CAS (or at the CAS that links the
 * segment carrying its element); a poll that returns an element at its swap. Order is the order of
 * (segment, slot index), and a producer's later offer always gets a later position: it reads a {@code tail}
 * at least as new as the segment its previous offer used, and {@code enqIdx} only grows. A poll returns null
 * only after reading, in this order, {@code deqIdx = d}, {@code enqIdx = e <= d} and {@code next == null} in the
 * head segment (or after its own claim ran past the last segment): at the read of {@code e} every claimed slot
 * had a consumer, and no later segment existed, so the queue was empty then, apart from elements that
 * overlapping polls are about to return.
 * <p>
 * <b>3. Progress.</b> Lock-free. The one hazard of the FAA queue is a producer whose slots keep being spoiled
 * by consumers (in theory forever, under an adversarial schedule). After {@code fastPathTries} spoiled slots a
 * producer stops claiming slots and instead appends a segment with its element already in slot 0; that CAS
 * fails only when another producer appended one, which is progress. Consumers loop only while producers are
 * mid-offer or segments are being exhausted, so they make progress whenever producers stop.
 * <p>
 * <b>4. Allocation.</b> None on the fast path; one segment per {@code segmentSize} elements; one segment for the
 * element of a producer that takes the append path (the segment is allocated once per offer and reused across
 * its retries). So at most one allocation per element.
 * <p>
 * <b>5. Memory ordering.</b> All shared accesses are volatile (the index reads that decide emptiness must stay
 * in order: {@code deqIdx}, then {@code enqIdx}, then {@code next}), except: a segment being linked is filled
 * with plain writes before the volatile CAS that publishes it, and {@link #peek()}, {@link #isEmpty()} and
 * {@link #size()} read with acquire, being snapshots. The element's own fields are published by the slot CAS
 * and read after the consumer's swap.
 * <p>
 * <b>6. Padding.</b> None: {@code head} and {@code tail} are read far more than written, and the contended
 * words ({@code enqIdx}, {@code deqIdx}) are contended by design.
 * <p>
 * <b>7. Batches.</b> {@link #pollBatch} reads the slots from {@code deqIdx = d} up to the first one not yet
 * filled (at most {@code max}, within the segment and below {@code enqIdx}) and claims them all by CAS of
 * {@code deqIdx} from {@code d} to {@code d + k}. Because {@code deqIdx} only grows, a successful CAS means no
 * consumer claimed any of them in between, and a filled slot changes only by a consumer's swap: so the batch
 * is exactly the {@code k} oldest elements at the CAS, i.e. {@code k} polls linearized there. It may take fewer
 * than {@code max} while more are queued (an offer in flight at slot {@code d + k}, or elements in the next
 * segment), never more; workers use it to move a burst of submissions into their own deque with one contended
 * write instead of one per task.
 *
 * @param <E> the element type
 */
final class InjectionQueue<E> {

    /** Slots per segment of {@link #InjectionQueue()}: 4 KiB of references with compressed oops. */
    static final int DEFAULT_SEGMENT_SIZE = 1024;

    /** Spoiled slots an offer tolerates before it appends a segment of its own. */
    static final int DEFAULT_FAST_PATH_TRIES = 8;

    /** Left in a slot by the consumer that took it, whether it held an element or not. */
    private static final Object TAKEN = new Object();

    private static final VarHandle HEAD;
    private static final VarHandle TAIL;
    private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(Object[].class);

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            HEAD = l.findVarHandle(InjectionQueue.class, "head", Segment.class);
            TAIL = l.findVarHandle(InjectionQueue.class, "tail", Segment.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final int segmentSize;
    private final int fastPathTries;
    /** The segment consumers take from; moves only to its successor. */
    private volatile Segment head;
    /** The segment producers fill; moves only forward; may lag behind {@code head} or the last segment. */
    private volatile Segment tail;

    /** An empty queue with {@value #DEFAULT_SEGMENT_SIZE}-slot segments. */
    InjectionQueue() {
        this(DEFAULT_SEGMENT_SIZE, DEFAULT_FAST_PATH_TRIES);
    }

    /**
     * An empty queue; small values exercise segment changes and the append path in tests.
     *
     * @param segmentSize   slots per segment, at least 1
     * @param fastPathTries spoiled slots an offer tolerates before appending a segment, at least 1
     * @throws IllegalArgumentException naming the value when one is out of range
     */
    InjectionQueue(int segmentSize, int fastPathTries) {
        if (segmentSize < 1) {
            throw new IllegalArgumentException("injection queue segmentSize is " + segmentSize + ": it must be at least 1");
        }
        if (fastPathTries < 1) {
            throw new IllegalArgumentException("injection queue fastPathTries is " + fastPathTries
                    + ": it must be at least 1");
        }
        this.segmentSize = segmentSize;
        this.fastPathTries = fastPathTries;
        Segment s = new Segment(segmentSize);
        HEAD.setVolatile(this, s);
        TAIL.setVolatile(this, s);
    }

    /**
     * Appends {@code e}. Never blocks and never fails for lack of room.
     *
     * @return true
     * @throws NullPointerException if {@code e} is null
     */
    boolean offer(E e) {
        Objects.requireNonNull(e, "e");
        Segment spare = null;
        int spoiled = 0;
        while (true) {
            Segment t = getTailVolatile();
            if (spoiled < fastPathTries && t.getEnqIdxVolatile() < segmentSize) {
                int i = t.getAndIncrementEnqIdx();
                if (i < segmentSize) {
                    if (casSlot(t.slots, i, null, e)) {
                        return true;
                    }
                    spoiled++; // a consumer gave up on slot i before we filled it; claim another
                    continue;
                }
            }
            Segment next = t.getNextVolatile();
            if (next != null) {
                casTail(t, next); // help the producer that linked it
                continue;
            }
            if (spare == null) {
                spare = new Segment(segmentSize);
            }
            spare.prepare(t.id + 1, e); // plain writes: published by the CAS below
            if (t.casNext(null, spare)) {
                casTail(t, spare);
                return true;
            }
        }
    }

    /**
     * Removes and returns the oldest element.
     *
     * @return the element, or null when the queue is empty
     */
    @SuppressWarnings("unchecked")
    E poll() {
        while (true) {
            Segment h = getHeadVolatile();
            int d = h.getDeqIdxVolatile();
            if (d < segmentSize) {
                // Order matters (note 2): deqIdx, then enqIdx, then next.
                if (d >= h.getEnqIdxVolatile() && h.getNextVolatile() == null) {
                    return null;
                }
                int i = h.getAndIncrementDeqIdx();
                if (i < segmentSize) {
                    Object x = getAndSetSlot(h.slots, i, TAKEN);
                    if (x != null) {
                        return (E) x;
                    }
                    continue; // its producer had not filled slot i yet; its CAS will fail and it retries
                }
            }
            Segment next = h.getNextVolatile();
            if (next == null) {
                return null; // every slot of the last segment has a consumer
            }
            casHead(h, next);
        }
    }

    /**
     * Removes the oldest elements, up to {@code max} of them, into {@code into[0..n)}, oldest first: all that are
     * at the front of the head segment and fully offered, claimed with one CAS of the consumers' index (note 7).
     *
     * @param into receives the elements; entries from {@code n} on are left null
     * @param max  the most elements to take, at least 1 and at most {@code into.length}
     * @return n, 0 when the queue is empty
     */
    @SuppressWarnings("unchecked")
    int pollBatch(Object[] into, int max) {
        while (true) {
            Segment h = getHeadVolatile();
            int d = h.getDeqIdxVolatile();
            int e;
            // Order as in poll(): deqIdx, then enqIdx.
            if (max > 1 && d < segmentSize && d < (e = h.getEnqIdxVolatile())) {
                int end = Math.min(Math.min(e, segmentSize), d + max);
                int k = 0;
                for (Object x; d + k < end && (x = getSlotAcquire(h.slots, d + k)) != null && x != TAKEN; k++) {
                    into[k] = x;
                }
                if (k > 1) {
                    if (h.casDeqIdx(d, d + k)) {
                        // deqIdx was still d, so no consumer touched slots d.. and no producer can replace an
                        // element: what was read is what was taken. TAKEN drops the references for the GC.
                        for (int i = d; i < d + k; i++) {
                            setSlotRelease(h.slots, i, TAKEN);
                        }
                        return k;
                    }
                    java.util.Arrays.fill(into, 0, k, null);
                    continue;
                }
                into[0] = null;
            }
            // One element, an element still being offered, the end of a segment, or empty: the single poll.
            E x = poll();
            if (x == null) {
                return 0;
            }
            into[0] = x;
            return 1;
        }
    }

    /**
     * The oldest element that is fully offered and not yet taken, without removing it; a best-effort snapshot.
     * It may miss an element whose offer is still in flight (and so return a newer one, or null), or return one
     * that a concurrent poll is taking.
     */
    @SuppressWarnings("unchecked")
    E peek() {
        for (Segment s = getHeadAcquire(); s != null; s = s.getNextAcquire()) {
            int end = Math.min(s.getEnqIdxAcquire(), segmentSize);
            for (int i = Math.max(0, s.getDeqIdxAcquire()); i < end; i++) {
                Object x = getSlotAcquire(s.slots, i); // benign race: a snapshot, documented as such
                if (x != null && x != TAKEN) {
                    return (E) x;
                }
            }
        }
        return null;
    }

    /**
     * True when no element is queued. Never true while an element is queued that no poll has claimed; may be
     * false while the only pending offer has claimed a slot but not yet filled it.
     */
    boolean isEmpty() {
        for (Segment s = getHeadAcquire(); s != null; s = s.getNextAcquire()) {
            int d = s.getDeqIdxAcquire(); // deqIdx before enqIdx, as in poll()
            if (d < segmentSize && d < s.getEnqIdxAcquire()) {
                return false;
            }
        }
        return true;
    }

    /**
     * The number of queued elements, approximately: it counts claimed producer slots minus claimed consumer
     * slots, so it may count offers and polls in flight, slots spoiled by racing consumers, and unused slots
     * of a segment a producer left early, until the consumers pass them.
     */
    int size() {
        Segment h = getHeadAcquire();
        Segment t = getTailAcquire();
        long consumed = h.id * segmentSize + Math.min(h.getDeqIdxAcquire(), segmentSize);
        long produced = t.id * segmentSize + Math.min(t.getEnqIdxAcquire(), segmentSize);
        long n = produced - consumed;
        return n <= 0 ? 0 : (int) Math.min(n, Integer.MAX_VALUE);
    }

    /**
     * Polls every element into {@code sink}, oldest first, until the queue is seen empty. If {@code sink.add}
     * throws, the element being added is lost to the queue.
     *
     * @return the number of elements added
     */
    int drainTo(Collection<? super E> sink) {
        Objects.requireNonNull(sink, "sink");
        int n = 0;
        for (E x; (x = poll()) != null; n++) {
            sink.add(x);
        }
        return n;
    }

    // ---- accessors, named by access mode (see package-info) ----

    private Segment getHeadVolatile() {
        return (Segment) HEAD.getVolatile(this);
    }

    private Segment getHeadAcquire() {
        return (Segment) HEAD.getAcquire(this);
    }

    private void casHead(Segment expect, Segment update) {
        HEAD.compareAndSet(this, expect, update);
    }

    private Segment getTailVolatile() {
        return (Segment) TAIL.getVolatile(this);
    }

    private Segment getTailAcquire() {
        return (Segment) TAIL.getAcquire(this);
    }

    private void casTail(Segment expect, Segment update) {
        TAIL.compareAndSet(this, expect, update);
    }

    private static Object getSlotAcquire(Object[] a, int i) {
        return SLOT.getAcquire(a, i);
    }

    private static void setSlotRelease(Object[] a, int i, Object v) {
        SLOT.setRelease(a, i, v);
    }

    private static boolean casSlot(Object[] a, int i, Object expect, Object update) {
        return SLOT.compareAndSet(a, i, expect, update);
    }

    private static Object getAndSetSlot(Object[] a, int i, Object v) {
        return SLOT.getAndSet(a, i, v);
    }

    /**
     * The consumers' index, first in a segment's layout (HotSpot lays superclass fields first), then a cache
     * line of padding, then the producers' fields: producers claiming slots and consumers claiming slots do not
     * write the same line (each still reads the other's index for the emptiness check).
     */
    private abstract static class SegmentConsumerSide {
        /** Slots claimed by consumers; bounded as {@code enqIdx} is. */
        volatile int deqIdx;
    }

    /** Padding between {@code deqIdx} and the producers' fields. */
    @SuppressWarnings("unused")
    private abstract static class SegmentPadding extends SegmentConsumerSide {
        long pad0, pad1, pad2, pad3, pad4, pad5, pad6, pad7;
    }

    /** A block of slots; its indices may run past {@code slots.length} (claims that found it exhausted). */
    private static final class Segment extends SegmentPadding {
        private static final VarHandle ENQ_IDX;
        private static final VarHandle DEQ_IDX;
        private static final VarHandle NEXT;

        static {
            try {
                MethodHandles.Lookup l = MethodHandles.lookup();
                ENQ_IDX = l.findVarHandle(Segment.class, "enqIdx", int.class);
                DEQ_IDX = l.findVarHandle(SegmentConsumerSide.class, "deqIdx", int.class);
                NEXT = l.findVarHandle(Segment.class, "next", Segment.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        final Object[] slots;
        /** Position in the list (0 for the first segment); for {@link #size()}. Set before publication. */
        long id;
        /**
         * Slots claimed by producers. Only pre-checked before the increment, so it exceeds {@code slots.length}
         * by at most the number of producers racing at the end of a segment: it cannot overflow.
         */
        private volatile int enqIdx;
        private volatile Segment next;

        Segment(int size) {
            this.slots = new Object[size];
        }

        /** Makes this unpublished segment the one after segment {@code id - 1}, with {@code e} in slot 0. */
        void prepare(long id, Object e) {
            this.id = id;
            SLOT.set(slots, 0, e);
            ENQ_IDX.set(this, 1);
        }

        int getEnqIdxVolatile() {
            return (int) ENQ_IDX.getVolatile(this);
        }

        int getEnqIdxAcquire() {
            return (int) ENQ_IDX.getAcquire(this);
        }

        int getAndIncrementEnqIdx() {
            return (int) ENQ_IDX.getAndAdd(this, 1);
        }

        int getDeqIdxVolatile() {
            return (int) DEQ_IDX.getVolatile(this);
        }

        int getDeqIdxAcquire() {
            return (int) DEQ_IDX.getAcquire(this);
        }

        boolean casDeqIdx(int expect, int update) {
            return DEQ_IDX.compareAndSet(this, expect, update);
        }

        int getAndIncrementDeqIdx() {
            return (int) DEQ_IDX.getAndAdd(this, 1);
        }

        Segment getNextVolatile() {
            return (Segment) NEXT.getVolatile(this);
        }

        Segment getNextAcquire() {
            return (Segment) NEXT.getAcquire(this);
        }

        boolean casNext(Segment expect, Segment update) {
            return NEXT.compareAndSet(this, expect, update);
        }
    }
}
