package dev.weft.core;

import org.jetbrains.lincheck.datastructures.IntGen;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;
import org.jetbrains.lincheck.datastructures.StressOptions;
import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;

/**
 * Linearizability of {@link InjectionQueue} against an {@link ArrayDeque} used as a FIFO queue, by model
 * checking and by stress, with every thread offering and polling.
 *
 * <p>Segments of two slots and a single tolerated spoiled slot make short scenarios cross segments and take
 * the append path that normally runs only under heavy contention.
 */
@Param(name = "value", gen = IntGen.class, conf = "1:9")
public class InjectionQueueLincheckTest {

    private final InjectionQueue<Integer> queue = new InjectionQueue<>(2, 1);

    @Operation
    public boolean offer(@Param(name = "value") int value) {
        return queue.offer(value);
    }

    @Operation
    public Integer poll() {
        return queue.poll();
    }

    @Test
    void modelChecking_producersAndConsumers_linearizable() {
        new ModelCheckingOptions()
                .iterations(10)
                .invocationsPerIteration(400)
                .threads(3)
                .actorsPerThread(3)
                .actorsBefore(2)
                .actorsAfter(2)
                .sequentialSpecification(SequentialQueue.class)
                .check(getClass());
    }

    @Test
    void stress_producersAndConsumers_linearizable() {
        new StressOptions()
                .iterations(10)
                .invocationsPerIteration(1_500)
                .threads(3)
                .actorsPerThread(4)
                .actorsBefore(2)
                .actorsAfter(2)
                .sequentialSpecification(SequentialQueue.class)
                .check(getClass());
    }

    /** The sequential specification. */
    public static class SequentialQueue {
        private final ArrayDeque<Integer> queue = new ArrayDeque<>();

        public boolean offer(int value) {
            return queue.offer(value);
        }

        public Integer poll() {
            return queue.poll();
        }
    }
}
