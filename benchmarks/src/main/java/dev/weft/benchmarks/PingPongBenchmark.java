package dev.weft.benchmarks;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Param;

import java.util.concurrent.locks.LockSupport;

/**
 * Ping-pong: two tasks hand a token back and forth through the pool, each run re-submitting the other with
 * {@code execute} from inside the pool, {@value #HOPS} hand-offs per operation, reported per hand-off. The two
 * {@code Runnable}s are reused, so only the pool allocates. Whether the token stays on one worker or crosses
 * to another is the pool's choice (ForkJoinPool pushes onto the submitting worker's own queue and may let
 * another worker steal it; ThreadPoolExecutor goes through its shared queue); that choice is what is measured.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar PingPongBenchmark -rf json
 * -rff benchmarks/results/pingpong.json}
 */
public class PingPongBenchmark extends PoolBenchmark {

    /** Hand-offs per operation. */
    public static final int HOPS = 1_000;

    /** The pool under test. */
    @Param({Pools.WEFT, Pools.FORKJOIN, Pools.TPE})
    public String pool;

    private final Player ping = new Player();
    private final Player pong = new Player();
    /**
     * Hand-offs left. Plain: only the running player touches it, and each submission orders one run before
     * the next (the executor's happens-before guarantee).
     */
    private int hopsLeft;
    private volatile boolean done;
    private volatile Thread waiter;

    @Override
    protected String poolKind() {
        return pool;
    }

    /** Pairs the players. */
    @Override
    protected void afterOpen() {
        ping.other = pong;
        pong.other = ping;
    }

    /** {@value #HOPS} hand-offs; score per hand-off. */
    @Benchmark
    @OperationsPerInvocation(HOPS)
    public void pingPong() {
        done = false;
        waiter = Thread.currentThread();
        hopsLeft = HOPS;
        exec.execute(ping);
        while (!done) {
            LockSupport.park(this);
        }
    }

    private final class Player implements Runnable {
        Player other;

        @Override
        public void run() {
            if (--hopsLeft == 0) {
                done = true;
                LockSupport.unpark(waiter);
            } else {
                exec.execute(other);
            }
        }
    }
}
