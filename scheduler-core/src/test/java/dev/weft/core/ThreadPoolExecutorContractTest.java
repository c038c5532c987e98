package dev.weft.core;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/** The reference: {@link ThreadPoolExecutor} meets every case of the contract suite. */
class ThreadPoolExecutorContractTest extends AbstractExecutorServiceContractTest {

    @Override
    ExecutorService newExecutor(int threads) {
        return new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), daemon(null));
    }

    @Override
    ExecutorService newBoundedExecutor(int threads, int capacity) {
        return new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(capacity),
                daemon(null));
    }

    @Override
    ExecutorService newExecutor(int threads, Thread.UncaughtExceptionHandler handler) {
        return new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
                daemon(handler));
    }

    private static ThreadFactory daemon(Thread.UncaughtExceptionHandler handler) {
        return r -> {
            Thread t = new Thread(r);
            t.setDaemon(true);
            if (handler != null) {
                t.setUncaughtExceptionHandler(handler);
            }
            return t;
        };
    }
}
