package dev.weft.core;

import dev.weft.PoolConfig;
import dev.weft.spi.TopologyProvider;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Builds pools for tests through the provider (as Weft.newPool does) and tears them down. */
final class TestPools {
    private TestPools() {
    }

    static WorkStealingPool create(PoolConfig config) {
        return create(config, FakeTopologyProvider.twoCpus());
    }

    static WorkStealingPool create(PoolConfig config, TopologyProvider provider) {
        return (WorkStealingPool) new WorkStealingSchedulerProvider().create(config, provider);
    }

    static WorkStealingPool parallelism(int n) {
        return create(PoolConfig.builder().parallelism(n).build());
    }

    /** Stops the pool and waits for it; fails the test if it does not terminate. */
    static void stop(java.util.concurrent.ExecutorService pool) throws InterruptedException {
        pool.shutdownNow();
        if (!pool.awaitTermination(20, TimeUnit.SECONDS)) {
            throw new AssertionError("pool did not terminate: " + pool);
        }
    }

    /** Collects throwables raised in other threads so that the test thread can rethrow them (TCK habit). */
    static final class Failures {
        private final List<Throwable> seen = new ArrayList<>();

        synchronized void add(Throwable t) {
            seen.add(t);
        }

        Runnable guard(ThrowingRunnable r) {
            return () -> {
                try {
                    r.run();
                } catch (Throwable t) {
                    add(t);
                }
            };
        }

        synchronized void rethrow() {
            if (!seen.isEmpty()) {
                AssertionError e = new AssertionError("failure in another thread", seen.get(0));
                for (int i = 1; i < seen.size(); i++) {
                    e.addSuppressed(seen.get(i));
                }
                throw e;
            }
        }
    }

    @FunctionalInterface
    interface ThrowingRunnable {
        void run() throws Throwable;
    }
}
