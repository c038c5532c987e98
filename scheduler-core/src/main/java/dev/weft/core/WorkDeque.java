package dev.weft.core;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Collection;
import java.util.Objects;

/**
 * A worker's own task deque: a growable Chase-Lev work-stealing deque. The owning worker pushes and pops at the
 * bottom (LIFO); any thread steals from the top (FIFO).
 *
 * <p><b>Threads.</b> {@link #push}, {@link #pop} and {@link #tryUnpush} may be called only by the owner (one
 * thread at a time, with happens-before between successive owners, as when a deque is handed to a new worker).
 * {@link #steal}, {@link #drainTo}, {@link #isEmpty} and {@link #size} may be called by any thread.
 *
 * <p><b>Elements</b> are non-null and distinct while queued: an object may be pushed again only after the call
 * that took it out (pop, steal, tryUnpush or drainTo) has returned. The scheduler pushes each task object once
 * per fork, so it meets this; a violation can make one of the two copies vanish (see note 5 below).
 *
 * <h2>Implementation notes</h2>
 * <b>1. Algorithm.</b> Chase and Lev, "Dynamic Circular Work-Stealing Deque" (SPAA 2005), with the memory
 * ordering of Le, Pop, Cohen and Zappa Nardelli, "Correct and Efficient Work-Stealing for Weak Memory Models"
 * (PPoPP 2013), figure 1, translated to VarHandle modes. Two 64-bit indices, {@code top <= bottom} (except
 * transiently, see 3), never wrap in practice; element {@code i} lives in {@code array[i & (length - 1)]}. The
 * owner pushes at {@code bottom}; a pop first decrements {@code bottom}, then reads {@code top}; a thief reads
 * {@code top}, then {@code bottom}, reads the slot, and claims index {@code top} with a CAS
 * {@code top -> top + 1}. Only the owner writes {@code bottom} and {@code array}; {@code top} only grows, by
 * CAS; so an index, once taken, is never taken again.
 * <p>
 * <b>2. Invariants.</b> (a) Indices in {@code [top, bottom)} hold the queued elements, oldest at {@code top}.
 * (b) Index {@code i} can be taken only by the one CAS that moves {@code top} from {@code i} (a thief, or the
 * owner popping the last element) or, while {@code i > top}, by the owner's pop without CAS. (c) The owner
 * writes the slot of index {@code i + length} only after it has read {@code top > i}.
 * <p>
 * <b>3. Fences.</b> The first four are Le et al.'s:
 * <ul>
 *   <li>push: {@code top} acquire, pairs with the thieves' CAS, so a thief's read of slot {@code i} happens
 *       before the owner reuses that slot for {@code i + length} (invariant c).</li>
 *   <li>push: {@code bottom} release, publishes the slot write to thieves that read {@code bottom} with
 *       acquire.</li>
 *   <li>pop: full fence between the {@code bottom} decrement and the {@code top} read, and steal: full fence
 *       between the {@code top} read and the {@code bottom} read [{@link VarHandle#fullFence()}]. This is a
 *       Dekker handshake: for the last element, either the owner sees the thief's {@code top} or the thief
 *       sees the decremented {@code bottom}; when both could take it, both CAS {@code top} and one wins.
 *       While the decrement is visible, thieves may see {@code bottom < top} for a moment: they treat it as
 *       empty, which is linearizable because the pop that caused it is still running.</li>
 *   <li>steal: {@code array} acquire, pairs with the release in the publication of a grown array, so the
 *       copied slots are visible.</li>
 *   <li>isEmpty: {@code top}, {@code bottom}, {@code top} again, all acquire (kept in order). A single read of
 *       each is not linearizable: a pop of the last element moves {@code top} and then restores
 *       {@code bottom}, so a {@code top} read before it and a {@code bottom} read after it show one element
 *       that is gone (Lincheck's model checker found this). An unchanged {@code top} pins the pair.</li>
 * </ul>
 * <p>
 * <b>4. Growth and ABA.</b> When full, the owner copies {@code [top, bottom)} into an array twice as long and
 * publishes it; the old array is never written again, so a thief that still reads it sees the values it had
 * when the index it read was live. ABA on {@code top} is impossible because {@code top} only grows (64-bit
 * counters do not wrap), so a CAS from {@code i} succeeds only if nobody took {@code i}; and a thief that read
 * a slot of a stale or newer array for a stale {@code i} loses its CAS. A winning thief read the right value:
 * its slot read came after an acquire of a {@code bottom > i} (so the push of {@code i}, or the copy of it,
 * is visible) and before its CAS (so no reuse for {@code i + length}, by invariant c).
 * <p>
 * <b>5. Clearing taken slots</b>, so that completed tasks can be collected. The owner clears on pop, after it
 * has taken the index. A thief clears after winning {@code top}: it re-reads {@code array} and does
 * {@code compareAndSet(slot, x, null)}. The CAS (not a plain store) matters because by then the owner may have
 * reused the slot for index {@code i + length} with another element, which the CAS leaves alone; with
 * distinct elements the slot cannot hold {@code x} for any other index, because {@code x} can be pushed again
 * only after this steal returns. Growth may race a steal and copy an element that was just stolen into the
 * new array; two rules remove such stale copies: the thief clears in the array current <i>after</i> its
 * winning CAS (volatile read), and the owner, after publishing a new array (volatile write), re-reads
 * {@code top} (volatile read) and clears the copied indices below it. By the Dekker argument on
 * {@code array}/{@code top}, either the thief sees the new array or the owner sees the thief's CAS. (Were one
 * object queued twice, a thief's CAS could clear the other copy's slot: that copy would be lost, and the pop
 * or steal that later wins its index would return null. Hence the distinct-elements rule above.)
 * <p>
 * <b>Why a cleared slot cannot resurrect a task:</b> only slots of taken indices are cleared, and a taken index
 * is never read as live again: a later reader of that slot either has a stale {@code top} and loses its CAS,
 * or reads it for a new index, after the owner's push wrote it. Conversely no live slot is cleared: the owner
 * clears only indices it took or that are below {@code top}, and a thief's CAS clears only {@code x}.
 * <p>
 * <b>6. Padding.</b> None. {@code top} (written by thieves) and {@code bottom} (written by the owner) share a
 * cache line, which costs the owner a miss after each steal. Steals are rare next to pushes and pops in
 * fork/join work, and nothing has been measured yet, so we do not pad (see package-info).
 *
 * @param <E> the element type
 */
final class WorkDeque<E> {

    /** The capacity of {@link #WorkDeque()}. */
    static final int DEFAULT_CAPACITY = 64;

    /** The largest array a deque grows to; a push beyond it throws. */
    static final int MAX_CAPACITY = 1 << 30;

    private static final VarHandle TOP;
    private static final VarHandle BOTTOM;
    private static final VarHandle ARRAY;
    private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(Object[].class);

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            TOP = l.findVarHandle(WorkDeque.class, "top", long.class);
            BOTTOM = l.findVarHandle(WorkDeque.class, "bottom", long.class);
            ARRAY = l.findVarHandle(WorkDeque.class, "array", Object[].class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    // Not declared volatile: every access names its mode. The owner's plain reads of bottom and array are field
    // reads, and the hot methods call the VarHandles directly instead of through the accessors below: fork/join
    // code runs push/pop/tryUnpush deep inside recursive task code, where each wrapper method is one more level
    // of HotSpot's inlining depth budget (MaxInlineLevel), and running out of it leaves real calls on the path.
    /** The index of the oldest element; only grows, by CAS. */
    private long top;
    /** One past the newest element; written only by the owner. */
    private long bottom;
    /** The circular buffer, a power of two long; replaced only by the owner. */
    private Object[] array;

    /** An empty deque with room for {@value #DEFAULT_CAPACITY} elements before it first grows. */
    WorkDeque() {
        this(DEFAULT_CAPACITY);
    }

    /**
     * An empty deque.
     *
     * @param initialCapacity a power of two in 1..{@value #MAX_CAPACITY}
     * @throws IllegalArgumentException naming the value when it is not
     */
    WorkDeque(int initialCapacity) {
        if (initialCapacity <= 0 || initialCapacity > MAX_CAPACITY || Integer.bitCount(initialCapacity) != 1) {
            throw new IllegalArgumentException("work deque initialCapacity is " + initialCapacity
                    + ": it must be a power of two between 1 and " + MAX_CAPACITY);
        }
        setArrayVolatile(new Object[initialCapacity]); // volatile: safe however the deque is published
    }

    /**
     * Pushes {@code e} at the bottom. Owner only. Grows the deque when it is full.
     *
     * @throws NullPointerException  if {@code e} is null
     * @throws IllegalStateException if the deque already holds {@value #MAX_CAPACITY} elements
     */
    void push(E e) {
        Objects.requireNonNull(e, "e");
        long b = bottom;
        long t = (long) TOP.getAcquire(this); // invariant c: a thief's read of a slot happens before we reuse it
        Object[] a = array;
        if (b - t > a.length - 1) {
            a = grow(a, t, b);
        }
        SLOT.setOpaque(a, index(b, a), e);
        BOTTOM.setRelease(this, b + 1); // publish the slot to thieves that read bottom with acquire
    }

    /**
     * Removes and returns the bottom (newest) element. Owner only.
     *
     * @return the element, or null when the deque is empty (or a thief took the last element first)
     */
    @SuppressWarnings("unchecked")
    E pop() {
        long b = bottom - 1;
        Object[] a = array;
        BOTTOM.setOpaque(this, b);
        VarHandle.fullFence(); // Dekker with steal(): the decrement above before the read of top below
        long t = (long) TOP.getOpaque(this);
        if (b < t) {
            BOTTOM.setOpaque(this, b + 1); // was empty: undo the decrement
            return null;
        }
        int i = index(b, a);
        Object x = SLOT.getOpaque(a, i); // benign race: if b == t a thief may take and clear it; then our CAS fails
        if (b == t) {
            // The last element: a thief may be taking it; whoever moves top from t gets it.
            boolean won = TOP.compareAndSet(this, t, t + 1);
            BOTTOM.setOpaque(this, b + 1); // bottom == top == t + 1: empty either way
            if (!won) {
                return null;
            }
        }
        SLOT.setOpaque(a, i, null); // index b is ours: let the task be collected once it has run
        return (E) x;
    }

    /**
     * Removes and returns the top (oldest) element. Any thread.
     *
     * @return the element; null when this call saw the deque empty, or when it lost the race for the top
     *         element to another thief or the owner (the deque may then still hold elements: callers that need
     *         to know can check {@link #isEmpty()} and retry)
     */
    @SuppressWarnings("unchecked")
    E steal() {
        long t = (long) TOP.getAcquire(this);
        VarHandle.fullFence(); // Dekker with pop(): the read of top above before the read of bottom below
        long b = (long) BOTTOM.getAcquire(this); // pairs with push's release: the slot of t is visible
        if (b - t <= 0) {
            return null;
        }
        Object[] a = (Object[]) ARRAY.getAcquire(this); // pairs with grow's publication: the copied slots are visible
        Object x = SLOT.getOpaque(a, index(t, a)); // benign race: stale if t was taken meanwhile; the CAS then fails
        if (!TOP.compareAndSet(this, t, t + 1)) {
            return null;
        }
        clearStolen(t, x);
        return (E) x;
    }

    /**
     * Removes {@code e} if it is the bottom element, as {@code join} does to run a just-forked task inline.
     * Owner only. Compares by identity.
     *
     * @return true when {@code e} was the bottom element and this call removed it; false when the bottom
     *         element is another one, the deque is empty, or a thief took {@code e} first
     */
    boolean tryUnpush(E e) {
        long b = bottom;
        long t = (long) TOP.getAcquire(this);
        if (b - t <= 0) {
            return false;
        }
        Object[] a = array;
        // benign race: a thief may have taken index b - 1 and cleared it; pop() then returns null
        if (SLOT.getOpaque(a, index(b - 1, a)) != e) {
            return false;
        }
        // Index b - 1 holds e (only the owner fills slots), so pop() returns e, or null if a thief won it.
        return pop() != null;
    }

    /**
     * True when the deque holds no element. Exact for the owner; from other threads a snapshot that may
     * already be stale.
     */
    boolean isEmpty() {
        long t = (long) TOP.getAcquire(this);
        while (true) {
            long b = (long) BOTTOM.getAcquire(this);
            if (b - t <= 0) {
                return true; // top only grows, so top >= t >= b held at the read of b
            }
            // "Not empty" needs top and bottom from one moment: a pop of the last element moves top, then
            // bottom, so a top read before it and a bottom read after it look non-empty. An unchanged top
            // (it only grows: no ABA) means it held t at the read of b.
            long t2 = (long) TOP.getAcquire(this);
            if (t2 == t) {
                return false;
            }
            t = t2;
        }
    }

    /** The number of elements. Exact for the owner; from other threads an approximation. */
    int size() {
        long t = getTopAcquire();
        long b = getBottomAcquire();
        long n = b - t;
        return n <= 0 ? 0 : (int) Math.min(n, Integer.MAX_VALUE);
    }

    /**
     * Steals every element into {@code sink}, oldest first, until the deque is seen empty. Any thread; meant
     * for {@code shutdownNow}, when the owner no longer pushes (elements pushed meanwhile may or may not be
     * drained). If {@code sink.add} throws, the element being added is lost to the deque.
     *
     * @return the number of elements added to {@code sink}
     */
    int drainTo(Collection<? super E> sink) {
        Objects.requireNonNull(sink, "sink");
        int n = 0;
        while (true) {
            E x = steal();
            if (x != null) {
                sink.add(x);
                n++;
            } else if (isEmpty()) {
                return n;
            }
        }
    }

    /** The current array length; for tests. */
    int capacity() {
        return getArrayAcquire().length;
    }

    /**
     * Clears the slot of index {@code t}, which this thief has just won, in the array that is current after the
     * win (note 5). The CAS leaves the slot alone if the owner has already reused it for another element.
     */
    private void clearStolen(long t, Object x) {
        Object[] a = getArrayVolatile(); // Dekker with grow(): array read after our CAS on top
        casSlot(a, index(t, a), x, null);
    }

    /** Owner only: copies {@code [t, b)} into an array twice as long, publishes it, clears stale copies. */
    private Object[] grow(Object[] old, long t, long b) {
        if (old.length >= MAX_CAPACITY) {
            throw new IllegalStateException("work deque is full: it holds " + (b - t)
                    + " elements, the most one deque can hold (" + MAX_CAPACITY + ")");
        }
        Object[] a = new Object[old.length << 1];
        for (long i = t; i < b; i++) {
            // benign race: a thief may take index i meanwhile; its stale copy is cleared below
            a[index(i, a)] = getSlotOpaque(old, index(i, old));
        }
        setArrayVolatile(a); // publish the copies (release) and order before the read of top (Dekker)
        long taken = getTopVolatile();
        for (long i = t; i < taken; i++) {
            setSlotOpaque(a, index(i, a), null); // stolen while we copied: drop the stale copy
        }
        return a;
    }

    private static int index(long i, Object[] a) {
        return (int) i & (a.length - 1);
    }

    // ---- accessors, named by access mode (see package-info) ----

    private long getTopAcquire() {
        return (long) TOP.getAcquire(this);
    }

    private long getTopVolatile() {
        return (long) TOP.getVolatile(this);
    }

    private long getBottomAcquire() {
        return (long) BOTTOM.getAcquire(this);
    }

    private Object[] getArrayAcquire() {
        return (Object[]) ARRAY.getAcquire(this);
    }

    private Object[] getArrayVolatile() {
        return (Object[]) ARRAY.getVolatile(this);
    }

    private void setArrayVolatile(Object[] a) {
        ARRAY.setVolatile(this, a);
    }

    private static Object getSlotOpaque(Object[] a, int i) {
        return SLOT.getOpaque(a, i);
    }

    private static void setSlotOpaque(Object[] a, int i, Object v) {
        SLOT.setOpaque(a, i, v);
    }

    private static boolean casSlot(Object[] a, int i, Object expect, Object update) {
        return SLOT.compareAndSet(a, i, expect, update);
    }
}
