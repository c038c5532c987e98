package dev.weft;

/** What a pool does with an external submission when its bounded queue is full. */
public enum SaturationPolicy {
    /** Throw {@link java.util.concurrent.RejectedExecutionException} (the default). */
    REJECT,
    /** Run the task in the submitting thread; counted apart in {@link PoolStats#callerRuns()}. */
    CALLER_RUNS,
    /** Wait for room up to {@link PoolConfig#saturationTimeout()}, then reject. */
    BLOCK
}
