package dev.weft.core;

import org.jetbrains.lincheck.datastructures.IntGen;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;
import org.jetbrains.lincheck.datastructures.StressOptions;
import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;

/**
 * Linearizability of {@link WorkDeque} against an {@link ArrayDeque}, by model checking and by stress. The
 * owner's operations share one non-parallel group, so Lincheck runs them all on one thread; other threads
 * steal and ask {@code isEmpty}.
 *
 * <p>The deque starts with capacity 2, so scenarios grow it while thieves run. Pushed values come from a
 * counter, because the deque requires distinct elements while they are queued (see its class comment).
 * {@code steal} here retries a lost race until it takes an element or sees the deque empty, because the raw
 * {@link WorkDeque#steal()} may return null on a lost race, which no sequential deque does.
 */
@Param(name = "value", gen = IntGen.class, conf = "0:4")
public class WorkDequeLincheckTest {

    private final WorkDeque<Integer> deque = new WorkDeque<>(2);
    private int next;

    @Operation(nonParallelGroup = "owner")
    public void push() {
        deque.push(next++);
    }

    @Operation(nonParallelGroup = "owner")
    public Integer pop() {
        return deque.pop();
    }

    @Operation(nonParallelGroup = "owner")
    public boolean tryUnpush(@Param(name = "value") int value) {
        return deque.tryUnpush(value); // Integer.valueOf(0..4) is cached: the same object that push queued
    }

    @Operation(nonParallelGroup = "owner")
    public int size() {
        return deque.size();
    }

    @Operation
    public Integer steal() {
        while (true) {
            Integer x = deque.steal();
            if (x != null || deque.isEmpty()) {
                return x;
            }
        }
    }

    @Operation
    public boolean isEmpty() {
        return deque.isEmpty();
    }

    @Test
    void modelChecking_ownerAndThieves_linearizable() {
        new ModelCheckingOptions()
                .iterations(10)
                .invocationsPerIteration(400)
                .threads(3)
                .actorsPerThread(3)
                .actorsBefore(3)
                .actorsAfter(2)
                .sequentialSpecification(SequentialDeque.class)
                .check(getClass());
    }

    @Test
    void stress_ownerAndThieves_linearizable() {
        new StressOptions()
                .iterations(10)
                .invocationsPerIteration(1_500)
                .threads(3)
                .actorsPerThread(4)
                .actorsBefore(3)
                .actorsAfter(2)
                .sequentialSpecification(SequentialDeque.class)
                .check(getClass());
    }

    /** The sequential specification: bottom is the deque's last element, top its first. */
    public static class SequentialDeque {
        private final ArrayDeque<Integer> deque = new ArrayDeque<>();
        private int next;

        public void push() {
            deque.addLast(next++);
        }

        public Integer pop() {
            return deque.pollLast();
        }

        public boolean tryUnpush(int value) {
            Integer last = deque.peekLast();
            if (last != null && last == value) {
                deque.pollLast();
                return true;
            }
            return false;
        }

        public int size() {
            return deque.size();
        }

        public Integer steal() {
            return deque.pollFirst();
        }

        public boolean isEmpty() {
            return deque.isEmpty();
        }
    }
}
