package dev.weft.core;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WorkDequeTest {

    /** Items the owner pushes in the concurrent stress test. */
    private static final int STRESS_ITEMS = 1_000_000;
    /** Full GCs tried before a test concludes that an object is still strongly reachable. */
    private static final int GC_ATTEMPTS = 50;

    @ParameterizedTest
    @ValueSource(ints = {0, -1, 3, 96, Integer.MIN_VALUE, (1 << 30) + 1})
    void constructor_capacityNotPowerOfTwo_throwsNamingValue(int capacity) {
        assertThatThrownBy(() -> new WorkDeque<>(capacity))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("initialCapacity is " + capacity)
                .hasMessageContaining("power of two");
    }

    @Test
    void constructor_noArgument_hasCapacity64() {
        assertThat(new WorkDeque<>().capacity()).isEqualTo(64);
        assertThat(new WorkDeque<>(1).capacity()).isEqualTo(1);
    }

    @Test
    void push_null_throwsNullPointerException() {
        assertThatThrownBy(() -> new WorkDeque<>().push(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void pop_afterPushes_isLifo() {
        WorkDeque<Integer> d = new WorkDeque<>();
        for (int i = 0; i < 5; i++) {
            d.push(i);
        }
        assertThat(List.of(d.pop(), d.pop(), d.pop(), d.pop(), d.pop())).containsExactly(4, 3, 2, 1, 0);
        assertThat(d.pop()).isNull();
        assertThat(d.isEmpty()).isTrue();
    }

    @Test
    void steal_afterPushes_isFifo() {
        WorkDeque<Integer> d = new WorkDeque<>();
        for (int i = 0; i < 5; i++) {
            d.push(i);
        }
        assertThat(List.of(d.steal(), d.steal(), d.steal(), d.steal(), d.steal())).containsExactly(0, 1, 2, 3, 4);
        assertThat(d.steal()).isNull();
    }

    @Test
    void popAndSteal_onEmpty_returnNull() {
        WorkDeque<Integer> d = new WorkDeque<>();
        assertThat(d.pop()).isNull();
        assertThat(d.steal()).isNull();
        assertThat(d.size()).isZero();
        // The failed pop must have restored bottom: the deque still works.
        d.push(7);
        assertThat(d.size()).isEqualTo(1);
        assertThat(d.pop()).isEqualTo(7);
    }

    @Test
    void push_pastInitialCapacity_growsKeepingOrder() {
        WorkDeque<Integer> d = new WorkDeque<>(2);
        // Move top and bottom off zero first so that the copy has to unwrap the circular array.
        d.push(-1);
        d.push(-2);
        assertThat(d.steal()).isEqualTo(-1);
        assertThat(d.steal()).isEqualTo(-2);
        for (int i = 0; i < 100; i++) {
            d.push(i);
        }
        assertThat(d.capacity()).isEqualTo(128);
        assertThat(d.size()).isEqualTo(100);
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            out.add(d.steal());
        }
        for (int i = 0; i < 50; i++) {
            out.add(d.pop());
        }
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            expected.add(i);
        }
        for (int i = 99; i >= 50; i--) {
            expected.add(i);
        }
        assertThat(out).isEqualTo(expected);
        assertThat(d.isEmpty()).isTrue();
    }

    @Test
    void pushPop_interleavedAroundTheArray_neverGrowsBeyondNeed() {
        WorkDeque<Integer> d = new WorkDeque<>(4);
        for (int round = 0; round < 1000; round++) {
            d.push(round);
            d.push(round + 1);
            d.push(round + 2);
            assertThat(d.steal()).isEqualTo(round);
            assertThat(d.pop()).isEqualTo(round + 2);
            assertThat(d.steal()).isEqualTo(round + 1);
        }
        assertThat(d.capacity()).isEqualTo(4);
    }

    @Test
    void tryUnpush_bottomElement_removesIt() {
        WorkDeque<String> d = new WorkDeque<>();
        String a = new String("a");
        String b = new String("b");
        d.push(a);
        d.push(b);
        assertThat(d.tryUnpush(b)).isTrue();
        assertThat(d.size()).isEqualTo(1);
        assertThat(d.tryUnpush(a)).isTrue();
        assertThat(d.isEmpty()).isTrue();
    }

    @Test
    void tryUnpush_notBottom_returnsFalseAndKeepsDeque() {
        WorkDeque<String> d = new WorkDeque<>();
        String a = new String("a");
        String b = new String("b");
        d.push(a);
        d.push(b);
        assertThat(d.tryUnpush(a)).isFalse();
        assertThat(d.tryUnpush(new String("b"))).as("identity, not equals").isFalse();
        assertThat(d.size()).isEqualTo(2);
        assertThat(d.pop()).isSameAs(b);
        assertThat(d.pop()).isSameAs(a);
    }

    @Test
    void tryUnpush_empty_returnsFalse() {
        WorkDeque<String> d = new WorkDeque<>();
        assertThat(d.tryUnpush("x")).isFalse();
        d.push("x");
        assertThat(d.steal()).isEqualTo("x");
        assertThat(d.tryUnpush("x")).as("stolen already").isFalse();
    }

    @Test
    void drainTo_returnsEveryElementOldestFirst() {
        WorkDeque<Integer> d = new WorkDeque<>(2);
        for (int i = 0; i < 10; i++) {
            d.push(i);
        }
        List<Integer> sink = new ArrayList<>();
        assertThat(d.drainTo(sink)).isEqualTo(10);
        assertThat(sink).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        assertThat(d.isEmpty()).isTrue();
        assertThat(d.drainTo(sink)).isZero();
    }

    @Test
    void pop_clearsSlot_elementBecomesCollectable() {
        WorkDeque<Object> d = new WorkDeque<>();
        d.push(new Object()); // keeps the deque non-trivial below the popped slot
        assertCollectableAfter(d, x -> assertThat(d.pop()).isSameAs(x));
    }

    @Test
    void popOfLastElement_clearsSlot_elementBecomesCollectable() {
        WorkDeque<Object> d = new WorkDeque<>();
        assertCollectableAfter(d, x -> assertThat(d.pop()).isSameAs(x));
    }

    @Test
    void steal_clearsSlot_elementBecomesCollectable() {
        WorkDeque<Object> d = new WorkDeque<>();
        assertCollectableAfter(d, x -> {
            d.push(new Object()); // the stolen element is not the only one: its slot stays in use otherwise
            assertThat(d.steal()).isSameAs(x);
        });
    }

    @Test
    void tryUnpush_clearsSlot_elementBecomesCollectable() {
        WorkDeque<Object> d = new WorkDeque<>();
        assertCollectableAfter(d, x -> assertThat(d.tryUnpush(x)).isTrue());
    }

    @Test
    void drainTo_clearsSlots_elementsBecomeCollectable() {
        WorkDeque<Object> d = new WorkDeque<>();
        assertCollectableAfter(d, x -> {
            List<Object> sink = new ArrayList<>();
            d.drainTo(sink);
            assertThat(sink).containsExactly(x);
        });
    }

    /**
     * Pushes a fresh object, lets {@code take} remove it, drops every strong reference the test holds, and
     * checks that the deque does not keep it reachable.
     */
    private static void assertCollectableAfter(WorkDeque<Object> d, Consumer<Object> take) {
        WeakReference<Object> ref = pushAndTake(d, take);
        for (int i = 0; i < GC_ATTEMPTS && ref.get() != null; i++) {
            System.gc();
        }
        assertThat(ref.get()).as("element still reachable after it was taken").isNull();
        assertThat(d).isNotNull(); // the deque itself stays reachable throughout the GC loop above
    }

    private static WeakReference<Object> pushAndTake(WorkDeque<Object> d, Consumer<Object> take) {
        Object x = new Object();
        d.push(x);
        take.accept(x);
        return new WeakReference<>(x);
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void ownerAndTwoThieves_concurrently_takeEveryItemExactlyOnce() throws Exception {
        WorkDeque<Integer> d = new WorkDeque<>(8); // small: the run grows the array under contention
        AtomicIntegerArray taken = new AtomicIntegerArray(STRESS_ITEMS);
        AtomicBoolean ownerDone = new AtomicBoolean();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(3);
        try {
            List<Future<Integer>> thieves = new ArrayList<>();
            for (int k = 0; k < 2; k++) {
                thieves.add(threads.submit(() -> {
                    start.await();
                    int n = 0;
                    while ((!ownerDone.get() || !d.isEmpty()) && !Thread.currentThread().isInterrupted()) {
                        Integer x = d.steal();
                        if (x != null) {
                            taken.incrementAndGet(x);
                            n++;
                        }
                    }
                    return n;
                }));
            }
            Future<Integer> owner = threads.submit(() -> {
                start.await();
                int n = 0;
                for (int i = 0; i < STRESS_ITEMS; i++) {
                    Integer boxed = i;
                    d.push(boxed);
                    if ((i & 7) == 5 && d.tryUnpush(boxed)) {
                        taken.incrementAndGet(boxed);
                        n++;
                    } else if ((i & 3) == 3) {
                        // Pop now and then, so that pops race steals for the last element too.
                        n += takeByOwner(d, taken);
                        n += takeByOwner(d, taken);
                    }
                }
                for (Integer x; (x = d.pop()) != null; n++) {
                    taken.incrementAndGet(x);
                }
                ownerDone.set(true);
                return n;
            });
            start.countDown();
            int total = owner.get(50, TimeUnit.SECONDS);
            for (Future<Integer> thief : thieves) {
                total += thief.get(50, TimeUnit.SECONDS);
            }
            assertThat(total).isEqualTo(STRESS_ITEMS);
            for (int i = 0; i < STRESS_ITEMS; i++) {
                if (taken.get(i) != 1) {
                    assertThat(taken.get(i)).as("times item %d was taken", i).isEqualTo(1);
                }
            }
        } finally {
            threads.shutdownNow();
            assertThat(threads.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    private static int takeByOwner(WorkDeque<Integer> d, AtomicIntegerArray taken) {
        Integer x = d.pop();
        if (x == null) {
            return 0;
        }
        taken.incrementAndGet(x);
        return 1;
    }
}
