package dev.weft.benchmarks;

import dev.weft.WeftRecursiveAction;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveAction;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Steal latency: the time from a fork on a busy worker to the forked task starting on another worker.
 *
 * <p>One operation is one parent task that, {@value #ROUNDS} times in a row, forks a child and then spins
 * (never joining) until the child has started. The parent reads {@link System#nanoTime()} just before the fork
 * and the child just as it starts (one clock for all CPUs on Linux). Between two children the thief has just
 * finished the previous one, so this is the latency of a worker that is looking for work or has just parked,
 * the common case inside a fork/join computation; the wake-up of a long-parked worker is
 * {@link WakeUpLatencyBenchmark}'s subject.
 *
 * <p><b>When nobody steals.</b> A pool may leave the child queued while its other worker parks: JDK 17's
 * ForkJoinPool does, because it counts on the forking worker to run its own queue when it joins or returns,
 * and this parent does neither. So after {@value #PATIENCE_MICROS} µs the parent takes the child back and runs
 * it itself if it is still queued ({@code tryUnfork()} for ForkJoinPool, {@code run()}, which claims a task that
 * has not started, for Weft, {@code remove} for ThreadPoolExecutor). Such a round counts as {@code reclaimed},
 * adds its wait to the primary score and nothing to the latency.
 *
 * <p>Results: the primary score is the time per round (fork, steal, start, the parent seeing the start) per
 * child; the auxiliary counters give the one-way latency of the stolen children exactly, mean fork-to-start =
 * {@code forkToStartNanos / steals} per iteration (the report tool computes it with
 * {@code --metric forkToStartNanos/steals}), and the share that was never stolen,
 * {@code reclaimed / (steals + reclaimed)}. For ThreadPoolExecutor "fork" is {@code execute} from the busy
 * worker and the hand-off goes through its shared queue.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar StealLatencyBenchmark -rf json
 * -rff benchmarks/results/steal.json}
 */
public class StealLatencyBenchmark extends PoolBenchmark {

    /** Forks per operation. */
    public static final int ROUNDS = 256;
    /** How long the parent waits for a thief before it takes its child back. */
    public static final long PATIENCE_MICROS = 1_000;
    /** A child still not started this long after being taken back means something is broken: fail, not hang. */
    private static final long GIVE_UP_NANOS = TimeUnit.SECONDS.toNanos(10);

    /** The pool under test. */
    @Param({Pools.WEFT, Pools.FORKJOIN, Pools.TPE})
    public String pool;

    /** Per-iteration totals, reported as JMH secondary results. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class StealCounters {
        /** Sum of fork-to-start latencies of the stolen children. */
        public long forkToStartNanos;
        /** Children started by another worker. */
        public long steals;
        /** Children nobody took within the patience, run by the parent itself. */
        public long reclaimed;

        /** JMH keeps counters across iterations unless reset. */
        @Setup(Level.Iteration)
        public void reset() {
            forkToStartNanos = 0;
            steals = 0;
            reclaimed = 0;
        }
    }

    @Override
    protected String poolKind() {
        return pool;
    }

    /** A thief needs a second worker. */
    @Override
    protected void afterOpen() {
        if (PARALLELISM < 2) {
            throw new IllegalStateException("steal latency needs 2 or more CPUs; this JVM has " + PARALLELISM);
        }
    }

    /** {@value #ROUNDS} fork-and-wait-for-start rounds; score per round. */
    @Benchmark
    @OperationsPerInvocation(ROUNDS)
    public void forkToIdleWorker(StealCounters counters) throws InterruptedException, ExecutionException {
        Tally tally = new Tally();
        if (weft != null) {
            weft.invoke(new WeftParent(tally));
        } else if (forkJoin != null) {
            forkJoin.invoke(new ForkJoinParent(tally));
        } else {
            ThreadPoolExecutor tpe = (ThreadPoolExecutor) exec;
            tpe.submit(() -> runRounds(tally, new TpeSide(tpe))).get();
        }
        counters.forkToStartNanos += tally.nanos;
        counters.steals += tally.stolen;
        counters.reclaimed += tally.reclaimed;
    }

    /**
     * The rounds, in the parent. A child is created before the clock is read, so the latency holds the fork and
     * the steal, not the allocation.
     */
    static <C> void runRounds(Tally tally, Side<C> side) {
        Thread me = Thread.currentThread();
        long patience = TimeUnit.MICROSECONDS.toNanos(PATIENCE_MICROS);
        for (int i = 0; i < ROUNDS; i++) {
            C child = side.create();
            Probe probe = side.probe(child);
            long forkedAt = System.nanoTime();
            side.fork(child);
            boolean askedBack = false;
            while (!probe.started) {
                Thread.onSpinWait();
                long waited = System.nanoTime() - forkedAt;
                if (!askedBack && waited > patience) {
                    side.reclaim(child);
                    askedBack = true;
                } else if (waited > GIVE_UP_NANOS) {
                    throw new IllegalStateException("a forked task neither started on another worker nor could be"
                            + " taken back within " + TimeUnit.NANOSECONDS.toSeconds(GIVE_UP_NANOS) + " s");
                }
            }
            if (probe.ranOn == me) {
                tally.reclaimed++;
            } else {
                tally.nanos += probe.startedAt - forkedAt;
                tally.stolen++;
            }
        }
    }

    /** How one pool forks a child and takes back one nobody took. */
    interface Side<C> {
        C create();

        Probe probe(C child);

        void fork(C child);

        /** Runs the child in the calling thread if it is still queued; else does nothing. */
        void reclaim(C child);
    }

    /** Totals of one parent task; written by the parent only, read after it was joined. */
    static final class Tally {
        long nanos;
        long stolen;
        long reclaimed;
    }

    /** What a child records when it starts; run directly as the ThreadPoolExecutor's child. */
    static final class Probe implements Runnable {
        long startedAt;
        Thread ranOn;
        /** Written last: publishes {@code startedAt} and {@code ranOn} to the spinning parent. */
        volatile boolean started;

        @Override
        public void run() {
            startedAt = System.nanoTime();
            ranOn = Thread.currentThread();
            started = true;
        }
    }

    private static final class WeftParent extends WeftRecursiveAction implements Side<WeftChild> {
        private final Tally tally;

        WeftParent(Tally tally) {
            this.tally = tally;
        }

        @Override
        protected void compute() {
            runRounds(tally, this);
        }

        @Override
        public WeftChild create() {
            return new WeftChild();
        }

        @Override
        public Probe probe(WeftChild child) {
            return child.probe;
        }

        @Override
        public void fork(WeftChild child) {
            child.fork();
        }

        @Override
        public void reclaim(WeftChild child) {
            child.run(); // claims the task only if no thief has: a task starts at most once
        }
    }

    private static final class WeftChild extends WeftRecursiveAction {
        final Probe probe = new Probe();

        @Override
        protected void compute() {
            probe.run();
        }
    }

    private static final class ForkJoinParent extends RecursiveAction implements Side<ForkJoinChild> {
        private static final long serialVersionUID = 1L;
        private final transient Tally tally;

        ForkJoinParent(Tally tally) {
            this.tally = tally;
        }

        @Override
        protected void compute() {
            runRounds(tally, this);
        }

        @Override
        public ForkJoinChild create() {
            return new ForkJoinChild();
        }

        @Override
        public Probe probe(ForkJoinChild child) {
            return child.probe;
        }

        @Override
        public void fork(ForkJoinChild child) {
            child.fork();
        }

        @Override
        public void reclaim(ForkJoinChild child) {
            if (child.tryUnfork()) {
                child.invoke();
            }
        }
    }

    private static final class ForkJoinChild extends RecursiveAction {
        private static final long serialVersionUID = 1L;
        final transient Probe probe = new Probe();

        @Override
        protected void compute() {
            probe.run();
        }
    }

    private static final class TpeSide implements Side<Probe> {
        private final ThreadPoolExecutor tpe;

        TpeSide(ThreadPoolExecutor tpe) {
            this.tpe = tpe;
        }

        @Override
        public Probe create() {
            return new Probe();
        }

        @Override
        public Probe probe(Probe child) {
            return child;
        }

        @Override
        public void fork(Probe child) {
            tpe.execute(child);
        }

        @Override
        public void reclaim(Probe child) {
            if (tpe.remove(child)) {
                child.run();
            }
        }
    }
}
