package dev.weft.it.probe;

import dev.weft.TaskHandle;
import dev.weft.Weft;
import dev.weft.WeftPool;
import dev.weft.spi.TopologyProvider;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Runs in a child JVM, as an application would: builds a pool with {@link Weft#newPool()}, runs tasks on it and
 * prints what {@link java.util.ServiceLoader} chose as {@code key=value} lines. Uses only the exported API, so
 * it also compiles as a module that {@code requires dev.weft} and nothing else ({@link ProbeModule}).
 * A failure propagates out of {@code main}: the JVM prints it and exits with status 1.
 */
public final class PoolProbe {

    private PoolProbe() {
    }

    /** Prints {@code scheduler}, {@code schedulerModule}, {@code topology}, {@code topologyModule}, {@code providers}, {@code result}. */
    public static void main(String[] args) throws Exception {
        try (WeftPool pool = Weft.newPool()) {
            TaskHandle<Integer> answer = pool.submit(() -> 6 * 7);
            List<Callable<Integer>> parts = List.of(() -> 1, () -> 2, () -> 3);
            int sum = 0;
            for (Future<Integer> f : pool.invokeAll(parts)) {
                sum += f.get(30, TimeUnit.SECONDS);
            }
            TopologyProvider topology = Weft.topologyProvider();
            System.out.println("scheduler=" + Weft.schedulerProvider().name());
            System.out.println("schedulerModule=" + moduleOf(pool.getClass()));
            System.out.println("topology=" + topology.name());
            System.out.println("topologyModule=" + moduleOf(topology.getClass()));
            System.out.println("providers=" + Weft.topologyProviders().stream().map(TopologyProvider::name)
                    .collect(Collectors.joining(",")));
            System.out.println("result=" + answer.join() + "," + sum);
        }
    }

    /** The named module a class was loaded in, or {@code unnamed} for the class path. */
    private static String moduleOf(Class<?> type) {
        String name = type.getModule().getName();
        return name == null ? "unnamed" : name;
    }
}
