package dev.weft.benchmarks;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Param;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * External submission throughput: {@value #BATCH} empty tasks given to {@code execute} from outside the pool
 * by 1, 2 or 4 producer threads (4 oversubscribes the 2-CPU reference machine with 2 workers), and the time
 * until the last one has run, reported per task ({@link OperationsPerInvocation}). Weft, {@code ForkJoinPool}
 * and a {@code ThreadPoolExecutor} over a {@code LinkedBlockingQueue} with the same number of threads.
 *
 * <p>How one operation runs: the JMH thread is producer 0; producers 1.. are threads started once per trial
 * that wait (parked) for the next batch. The JMH thread hands each of them its share (the batch split
 * evenly), submits its own share, then parks until the last task has run. Every task is the same
 * pre-allocated {@code Runnable}, so {@code -prof gc} shows what the pool allocates per task; it decrements
 * one {@link AtomicInteger} (a contended counter, the same for every pool) and the one that reaches zero wakes
 * the JMH thread. Waking the helper producers and the JMH thread costs a few microseconds per batch, well under
 * 1 % of a batch.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar SubmissionBenchmark -rf json
 * -rff benchmarks/results/submission.json} (add {@code -prof gc} for bytes per task)
 */
public class SubmissionBenchmark extends PoolBenchmark {

    /** Tasks per operation, split evenly among the producers. */
    public static final int BATCH = 16_384;

    /** The pool under test. */
    @Param({Pools.WEFT, Pools.FORKJOIN, Pools.TPE})
    public String pool;

    /** Threads submitting at once, the JMH thread included. */
    @Param({"1", "2", "4"})
    public int producers;

    private Producer[] helpers;
    private final AtomicInteger remaining = new AtomicInteger();
    private volatile boolean done;
    private volatile Thread waiter;
    private final Runnable task = this::countDown;

    @Override
    protected String poolKind() {
        return pool;
    }

    /** Starts the helper producers. */
    @Override
    protected void afterOpen() {
        if (producers < 1 || BATCH % producers != 0) {
            throw new IllegalArgumentException("producers = " + producers + " is invalid: allowed a divisor of " + BATCH);
        }
        helpers = new Producer[producers - 1];
        for (int i = 0; i < helpers.length; i++) {
            helpers[i] = new Producer("bench-producer-" + (i + 1));
            helpers[i].start();
        }
    }

    /** Stops the helpers. */
    @Override
    protected void beforeClose() throws InterruptedException {
        for (Producer p : helpers) {
            p.halt();
        }
        for (Producer p : helpers) {
            p.join();
        }
    }

    /** One batch from all producers; score per task. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void execute() {
        int share = BATCH / producers;
        done = false;
        waiter = Thread.currentThread();
        // Every task of the previous batch has run, so nothing else touches the counter now.
        remaining.set(BATCH);
        for (Producer p : helpers) {
            p.release(share);
        }
        submit(share);
        while (!done) {
            LockSupport.park(this);
        }
    }

    private void submit(int count) {
        ExecutorService e = exec;
        Runnable t = task;
        for (int i = 0; i < count; i++) {
            e.execute(t);
        }
    }

    private void countDown() {
        if (remaining.decrementAndGet() == 0) {
            done = true;
            LockSupport.unpark(waiter);
        }
    }

    /** A helper producer: waits for a batch, submits its share, and waits again. */
    private final class Producer extends Thread {
        /** Bumped by the JMH thread only (single writer), so its plain increment is safe. */
        private volatile int batch;
        private volatile int share;
        private volatile boolean halted;

        Producer(String name) {
            super(name);
            setDaemon(true);
        }

        void release(int count) {
            share = count;
            batch = batch + 1; // volatile write after share: the helper reads share after seeing it
            LockSupport.unpark(this);
        }

        void halt() {
            halted = true;
            LockSupport.unpark(this);
        }

        @Override
        public void run() {
            int seen = 0;
            while (true) {
                int b = batch;
                while (b == seen && !halted) {
                    LockSupport.park(this);
                    b = batch;
                }
                if (halted) {
                    return;
                }
                seen = b;
                submit(share);
            }
        }
    }
}
