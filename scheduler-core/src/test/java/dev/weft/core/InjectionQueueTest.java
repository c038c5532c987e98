package dev.weft.core;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InjectionQueueTest {

    /** Elements each producer offers in the concurrent stress test. */
    private static final int ITEMS_PER_PRODUCER = 300_000;
    private static final int PRODUCERS = 2;
    private static final int CONSUMERS = 2;
    /** Full GCs tried before a test concludes that an object is still strongly reachable. */
    private static final int GC_ATTEMPTS = 50;

    @ParameterizedTest
    @CsvSource({"0, 1, segmentSize is 0", "-3, 1, segmentSize is -3", "4, 0, fastPathTries is 0"})
    void constructor_outOfRange_throwsNamingValue(int segmentSize, int tries, String message) {
        assertThatThrownBy(() -> new InjectionQueue<>(segmentSize, tries))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message)
                .hasMessageContaining("at least 1");
    }

    @Test
    void offer_null_throwsNullPointerException() {
        assertThatThrownBy(() -> new InjectionQueue<>().offer(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void poll_empty_returnsNull() {
        InjectionQueue<Integer> q = new InjectionQueue<>();
        assertThat(q.poll()).isNull();
        assertThat(q.peek()).isNull();
        assertThat(q.isEmpty()).isTrue();
        assertThat(q.size()).isZero();
    }

    @Test
    void offerPoll_acrossManySegments_isFifo() {
        InjectionQueue<Integer> q = new InjectionQueue<>(4, 1);
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < 37; i++) {
                assertThat(q.offer(i)).isTrue();
            }
            assertThat(q.size()).isEqualTo(37);
            assertThat(q.isEmpty()).isFalse();
            for (int i = 0; i < 37; i++) {
                assertThat(q.peek()).isEqualTo(i);
                assertThat(q.poll()).isEqualTo(i);
            }
            assertThat(q.poll()).isNull();
            assertThat(q.isEmpty()).isTrue();
            assertThat(q.size()).isZero();
        }
    }

    @Test
    void offerPoll_segmentOfOne_isFifo() {
        InjectionQueue<Integer> q = new InjectionQueue<>(1, 1);
        q.offer(1);
        q.offer(2);
        assertThat(q.poll()).isEqualTo(1);
        q.offer(3);
        assertThat(q.poll()).isEqualTo(2);
        assertThat(q.poll()).isEqualTo(3);
        assertThat(q.poll()).isNull();
    }

    @Test
    void drainTo_returnsEveryElementOldestFirst() {
        InjectionQueue<Integer> q = new InjectionQueue<>(8, 1);
        for (int i = 0; i < 20; i++) {
            q.offer(i);
        }
        List<Integer> sink = new ArrayList<>();
        assertThat(q.drainTo(sink)).isEqualTo(20);
        assertThat(sink).hasSize(20).isSorted();
        assertThat(q.isEmpty()).isTrue();
        assertThat(q.drainTo(sink)).isZero();
    }

    @Test
    void pollBatch_empty_returnsZero() {
        InjectionQueue<Integer> q = new InjectionQueue<>(4, 1);
        Object[] into = new Object[8];

        assertThat(q.pollBatch(into, 8)).isZero();
        q.offer(1);
        q.poll();
        assertThat(q.pollBatch(into, 8)).isZero();
        assertThat(into).containsOnlyNulls();
    }

    @Test
    void pollBatch_takesTheOldestUpToMaxWithinASegment_inOrder() {
        InjectionQueue<Integer> q = new InjectionQueue<>(4, 1);
        for (int i = 0; i < 10; i++) {
            q.offer(i);
        }
        Object[] into = new Object[8];

        assertThat(q.pollBatch(into, 3)).isEqualTo(3);
        assertThat(into).containsExactly(0, 1, 2, null, null, null, null, null);
        Arrays.fill(into, null);
        assertThat(q.pollBatch(into, 8)).as("the rest of the first segment").isEqualTo(1);
        assertThat(into[0]).isEqualTo(3);
        List<Object> rest = new ArrayList<>();
        for (int n; (n = q.pollBatch(into, 8)) > 0; ) {
            rest.addAll(Arrays.asList(into).subList(0, n));
            assertThat(Arrays.asList(into).subList(n, into.length)).containsOnlyNulls();
            Arrays.fill(into, null);
        }
        assertThat(rest).containsExactly(4, 5, 6, 7, 8, 9);
        assertThat(q.isEmpty()).isTrue();
        assertThat(q.poll()).isNull();
    }

    @Test
    void pollBatch_maxOne_takesOne() {
        InjectionQueue<Integer> q = new InjectionQueue<>();
        q.offer(7);
        q.offer(8);
        Object[] into = new Object[1];

        assertThat(q.pollBatch(into, 1)).isEqualTo(1);
        assertThat(into[0]).isEqualTo(7);
        assertThat(q.poll()).isEqualTo(8);
    }

    @Test
    void pollBatch_clearsSlots_elementsBecomeCollectable() {
        InjectionQueue<Object> q = new InjectionQueue<>();
        WeakReference<Object> ref = offerAndPollBatch(q);
        for (int i = 0; i < GC_ATTEMPTS && ref.get() != null; i++) {
            System.gc();
        }
        assertThat(ref.get()).as("element still reachable after pollBatch").isNull();
        assertThat(q.size()).isEqualTo(1);
    }

    private static WeakReference<Object> offerAndPollBatch(InjectionQueue<Object> q) {
        Object x = new Object();
        q.offer(x);
        q.offer(new Object());
        q.offer(new Object()); // stays queued: keeps the segment in use
        Object[] into = new Object[2];
        assertThat(q.pollBatch(into, 2)).isEqualTo(2);
        assertThat(into[0]).isSameAs(x);
        return new WeakReference<>(x);
    }

    @Test
    void poll_clearsSlot_elementBecomesCollectable() {
        InjectionQueue<Object> q = new InjectionQueue<>();
        WeakReference<Object> ref = offerAndPoll(q);
        for (int i = 0; i < GC_ATTEMPTS && ref.get() != null; i++) {
            System.gc();
        }
        assertThat(ref.get()).as("element still reachable after poll").isNull();
        assertThat(q.size()).isEqualTo(1); // keeps the queue reachable throughout the GC loop above
    }

    private static WeakReference<Object> offerAndPoll(InjectionQueue<Object> q) {
        Object x = new Object();
        q.offer(x);
        q.offer(new Object()); // a later element keeps the segment in use
        assertThat(q.poll()).isSameAs(x);
        return new WeakReference<>(x);
    }

    /** @param batch 1: consumers call poll(); more: pollBatch(into, batch) */
    @ParameterizedTest(name = "batch {0}")
    @ValueSource(ints = {1, 3})
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void producersAndConsumers_concurrently_deliverEachOnceInPerProducerOrder(int batch) throws Exception {
        // Tiny segments and one tolerated spoiled slot: every path (segment change, append) runs often.
        InjectionQueue<Long> q = new InjectionQueue<>(4, 1);
        int total = PRODUCERS * ITEMS_PER_PRODUCER;
        AtomicIntegerArray taken = new AtomicIntegerArray(total);
        AtomicLong consumed = new AtomicLong();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(PRODUCERS + CONSUMERS);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int p = 0; p < PRODUCERS; p++) {
                long tag = (long) p << 32;
                futures.add(threads.submit(() -> {
                    start.await();
                    for (int i = 0; i < ITEMS_PER_PRODUCER; i++) {
                        q.offer(tag | i);
                    }
                    return null;
                }));
            }
            for (int c = 0; c < CONSUMERS; c++) {
                futures.add(threads.submit(() -> {
                    start.await();
                    int[] lastSeen = new int[PRODUCERS];
                    Arrays.fill(lastSeen, -1);
                    Object[] into = new Object[batch];
                    while (consumed.get() < total && !Thread.currentThread().isInterrupted()) {
                        int n = batch == 1 ? pollInto(q, into) : q.pollBatch(into, batch);
                        for (int j = 0; j < n; j++) {
                            Long x = (Long) into[j];
                            into[j] = null;
                            int producer = (int) (x >>> 32);
                            int seq = (int) (long) x;
                            // One consumer sees each producer's elements in the order they were offered.
                            assertThat(seq).as("producer %d order", producer).isGreaterThan(lastSeen[producer]);
                            lastSeen[producer] = seq;
                            taken.incrementAndGet(producer * ITEMS_PER_PRODUCER + seq);
                            consumed.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : futures) {
                f.get(50, TimeUnit.SECONDS);
            }
            assertThat(consumed.get()).isEqualTo(total);
            assertThat(q.poll()).isNull();
            for (int i = 0; i < total; i++) {
                if (taken.get(i) != 1) {
                    assertThat(taken.get(i)).as("times element %d was taken", i).isEqualTo(1);
                }
            }
        } finally {
            threads.shutdownNow();
            assertThat(threads.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    private static int pollInto(InjectionQueue<Long> q, Object[] into) {
        into[0] = q.poll();
        return into[0] == null ? 0 : 1;
    }
}
