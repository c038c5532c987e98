package dev.weft;

import dev.weft.spi.SchedulerProvider;
import dev.weft.spi.SchedulerWorker;
import dev.weft.spi.TopologyProvider;
import dev.weft.topology.Topology;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/**
 * The entry point: builds pools and reports the machine.
 *
 * <pre>{@code
 * try (WeftPool pool = Weft.newPool()) {
 *     TaskHandle<Long> f = pool.submit(() -> work(), Priority.HIGH);
 *     long v = f.join();
 * }
 * Topology t = Weft.topology();
 * }</pre>
 *
 * <p>The scheduler and the topology provider are found with {@link ServiceLoader}, on the module path and on
 * the class path. System properties force a choice: {@value #TOPOLOGY_PROVIDER_PROPERTY}{@code =NAME} and
 * {@value #SCHEDULER_PROPERTY}{@code =NAME}; an unknown name is an error listing the names that exist.
 * Without them, the highest-priority supported provider whose detection succeeds wins; a provider that fails is
 * logged (through {@link System.Logger}, logger {@code dev.weft}) and the next one is tried.
 */
public final class Weft {

    /** System property that forces a topology provider by name. */
    public static final String TOPOLOGY_PROVIDER_PROPERTY = "weft.topology.provider";
    /** System property that forces a scheduler by name. */
    public static final String SCHEDULER_PROPERTY = "weft.scheduler";

    private static final System.Logger LOG = System.getLogger("dev.weft");

    /** The detected provider and its topology, chosen once: the machine does not change under a process. */
    private static volatile Detected detected;

    private Weft() {
    }

    /** A pool with the default settings: one worker per usable CPU, capped by the cgroup CPU quota. */
    public static WeftPool newPool() {
        return newPool(PoolConfig.defaults());
    }

    /**
     * A pool with the given settings.
     *
     * @throws IllegalArgumentException when the settings do not fit this machine (for example an affinity mode
     *                                  with an injected topology naming CPUs this process may not use)
     */
    public static WeftPool newPool(PoolConfig config) {
        Objects.requireNonNull(config, "config");
        return schedulerProvider().create(config, topologyProvider());
    }

    /** The live machine's topology, from the chosen {@link TopologyProvider}. */
    public static Topology topology() {
        return detect().topology;
    }

    /** The chosen topology provider. */
    public static TopologyProvider topologyProvider() {
        return detect().provider;
    }

    /**
     * Reads a recorded sysfs tree (a folder holding {@code sys/devices/system}) with the forced topology
     * provider, else with the highest-priority one that reads dumps. Never falls back to the live machine.
     *
     * @throws dev.weft.topology.TopologyException naming the file that could not be read
     */
    public static Topology readTopologyDump(Path root) {
        Objects.requireNonNull(root, "root");
        String forced = System.getProperty(TOPOLOGY_PROVIDER_PROPERTY);
        List<TopologyProvider> all = load(TopologyProvider.class, TopologyProvider::priority);
        if (forced != null && !forced.isBlank()) {
            return byName(all, forced.strip(), TopologyProvider::name, TOPOLOGY_PROVIDER_PROPERTY, "topology provider")
                    .readDump(root);
        }
        for (TopologyProvider p : all) {
            if (p.readsDumps()) {
                return p.readDump(root);
            }
        }
        throw new dev.weft.topology.TopologyException("no topology provider can read a recorded sysfs tree (" + root
                + "); providers found: " + (all.isEmpty() ? "none" : names(all, TopologyProvider::name))
                + ". Put weft-numa-linux on the class path or module path");
    }

    /** Every topology provider found, highest priority first. */
    public static List<TopologyProvider> topologyProviders() {
        return load(TopologyProvider.class, TopologyProvider::priority);
    }

    /** The chosen scheduler provider. */
    public static SchedulerProvider schedulerProvider() {
        List<SchedulerProvider> all = load(SchedulerProvider.class, SchedulerProvider::priority);
        if (all.isEmpty()) {
            throw new IllegalStateException("no Weft scheduler found: put weft-scheduler-core on the class path or module path");
        }
        String forced = System.getProperty(SCHEDULER_PROPERTY);
        if (forced != null && !forced.isBlank()) {
            return byName(all, forced.strip(), SchedulerProvider::name, SCHEDULER_PROPERTY, "scheduler");
        }
        for (SchedulerProvider p : all) {
            if (p.isSupported()) {
                return p;
            }
        }
        throw new IllegalStateException("no supported Weft scheduler among " + names(all, SchedulerProvider::name));
    }

    /** The pool whose worker is running the caller, if any. */
    public static Optional<WeftPool> currentPool() {
        return Thread.currentThread() instanceof SchedulerWorker w ? Optional.of(w.pool()) : Optional.empty();
    }

    /**
     * Runs a blocking operation. In a Weft worker the pool adds a spare worker while it blocks, when no idle
     * worker is left to keep its parallelism active (up to its
     * {@linkplain PoolConfig#maxThreads() thread cap}; at the cap the operation blocks without a spare, so the
     * pool runs with fewer active workers until it returns); elsewhere it simply blocks.
     *
     * @throws InterruptedException if interrupted while blocking
     */
    public static void managedBlock(ManagedBlocker blocker) throws InterruptedException {
        Objects.requireNonNull(blocker, "blocker");
        if (Thread.currentThread() instanceof SchedulerWorker w) {
            w.managedBlock(blocker);
        } else {
            while (!blocker.isReleasable() && !blocker.block()) {
                // keep blocking until the blocker says it is done
            }
        }
    }

    private static Detected detect() {
        Detected d = detected;
        if (d == null) {
            synchronized (Weft.class) {
                d = detected;
                if (d == null) {
                    d = chooseTopologyProvider();
                    detected = d;
                }
            }
        }
        return d;
    }

    private static Detected chooseTopologyProvider() {
        List<TopologyProvider> all = load(TopologyProvider.class, TopologyProvider::priority);
        if (all.isEmpty()) {
            throw new IllegalStateException("no Weft topology provider found: put weft-numa-linux or weft-numa-fallback"
                    + " on the class path or module path");
        }
        String forced = System.getProperty(TOPOLOGY_PROVIDER_PROPERTY);
        if (forced != null && !forced.isBlank()) {
            TopologyProvider p = byName(all, forced.strip(), TopologyProvider::name, TOPOLOGY_PROVIDER_PROPERTY, "topology provider");
            return new Detected(p, p.detect());
        }
        List<String> failures = new ArrayList<>();
        for (TopologyProvider p : all) {
            if (!p.isSupported()) {
                continue;
            }
            try {
                return new Detected(p, p.detect());
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "topology provider ''{0}'' failed, trying the next one: {1}",
                        p.name(), e.getMessage());
                failures.add(p.name() + ": " + e.getMessage());
            }
        }
        throw new IllegalStateException("no topology provider could describe this machine: " + failures);
    }

    private static <S> List<S> load(Class<S> service, java.util.function.ToIntFunction<S> priority) {
        List<S> found = new ArrayList<>();
        for (S s : ServiceLoader.load(service, Weft.class.getClassLoader())) {
            found.add(s);
        }
        if (found.isEmpty()) {
            // The providers may sit in a loader below ours (an application server, a plug-in loader).
            ClassLoader tccl = Thread.currentThread().getContextClassLoader();
            if (tccl != null && tccl != Weft.class.getClassLoader()) {
                ServiceLoader.load(service, tccl).forEach(found::add);
            }
        }
        found.sort(Comparator.comparingInt(priority).reversed());
        return found;
    }

    private static <S> S byName(List<S> all, String name, java.util.function.Function<S, String> nameOf,
                                String property, String what) {
        for (S s : all) {
            if (nameOf.apply(s).equals(name)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown " + what + " '" + name + "' (-D" + property + "): known "
                + what + "s are " + names(all, nameOf));
    }

    private static <S> String names(List<S> all, java.util.function.Function<S, String> nameOf) {
        return all.stream().map(nameOf).collect(Collectors.joining(", "));
    }

    private record Detected(TopologyProvider provider, Topology topology) {
    }
}
