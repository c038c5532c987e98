/**
 * Weft's work-stealing scheduler: the pool, its workers, and the lock-free queues they share
 * ({@link dev.weft.core.WorkDeque}, {@link dev.weft.core.InjectionQueue}). Nothing here is exported; the module
 * provides {@link dev.weft.spi.SchedulerProvider}.
 *
 * <h2>Memory-access naming convention</h2>
 * Concurrent classes in this package keep their shared fields behind {@link java.lang.invoke.VarHandle}s and
 * reach them only through small accessor methods whose names state the access mode, so the ordering of each
 * access can be read at the call site without looking up the handle:
 * <ul>
 *   <li>{@code getXPlain()} / {@code setXPlain(v)}: plain access. Used only where a single thread owns the
 *       variable (the deque's owner reading {@code bottom}) or the object is not yet published.</li>
 *   <li>{@code getXOpaque()} / {@code setXOpaque(v)}: opaque access, C11 {@code memory_order_relaxed}: atomic
 *       and coherent, but it orders nothing else.</li>
 *   <li>{@code getXAcquire()}: acquire load; no later access moves before it. Pairs with a release store or a
 *       volatile write of the same variable.</li>
 *   <li>{@code setXRelease(v)}: release store; no earlier access moves after it (the "publish" store).</li>
 *   <li>{@code getXVolatile()} / {@code setXVolatile(v)}: volatile (sequentially consistent) access. Used where
 *       an algorithm needs a store followed by a load of another variable to stay ordered (a Dekker-style
 *       handshake), which acquire/release cannot give.</li>
 *   <li>{@code casX(expect, update)}, {@code getAndAddX}, {@code getAndSetX}: volatile read-modify-write
 *       operations.</li>
 * </ul>
 * Array slots use the same scheme with the array and index as arguments ({@code getSlotOpaque(array, i)}).
 * The one exception is the owner's hot path of {@link dev.weft.core.WorkDeque} (push, pop, tryUnpush), which
 * calls its handles directly ({@code BOTTOM.setRelease(this, b)}: the mode is still named at the call site) and
 * reads owner-only fields as plain fields: it runs deep inside recursive task code, where each wrapper method
 * costs a level of HotSpot's inlining depth budget, and running out of it left real calls on the path.
 * A bare {@link java.lang.invoke.VarHandle#fullFence()} carries a comment naming the accesses it keeps apart.
 *
 * <h2>Benign races</h2>
 * Every access that races on purpose (a value read that may be stale, a slot read that may be overwritten) is
 * marked with a comment starting {@code // benign race:} followed by why a stale or lost value cannot break an
 * invariant (for example "the CAS on top that follows fails if this read was stale"). An unmarked racy access is
 * a bug.
 *
 * <h2>Padding</h2>
 * Fields are padded apart only where contention is measured or inherent to the design, and a class that pads
 * says why in its implementation notes.
 */
package dev.weft.core;
