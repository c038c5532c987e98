package dev.weft.core;

import dev.weft.PoolConfig;

import java.util.concurrent.ExecutorService;

/** Weft meets the {@link java.util.concurrent.ExecutorService} contract that ThreadPoolExecutor sets. */
class WeftContractTest extends AbstractExecutorServiceContractTest {

    @Override
    ExecutorService newExecutor(int threads) {
        return TestPools.parallelism(threads);
    }

    @Override
    ExecutorService newBoundedExecutor(int threads, int capacity) {
        return TestPools.create(PoolConfig.builder().parallelism(threads).queueCapacity(capacity).build());
    }

    @Override
    ExecutorService newExecutor(int threads, Thread.UncaughtExceptionHandler handler) {
        return TestPools.create(PoolConfig.builder().parallelism(threads).uncaughtExceptionHandler(handler).build());
    }
}
