package dev.weft;

import dev.weft.topology.Topology;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The settings of a pool. Build one with {@link #builder()}; {@link Builder#build()} checks every value and
 * names the setting, the value and what is allowed when one is wrong.
 *
 * <pre>{@code
 * PoolConfig config = PoolConfig.builder().parallelism(4).threadNamePrefix("render-").build();
 * try (WeftPool pool = Weft.newPool(config)) { ... }
 * }</pre>
 */
public final class PoolConfig {

    /** The largest parallelism and thread count a pool supports. */
    public static final int MAX_THREADS = 32_767;
    /** The default cap on threads, counting spares added for managed blocking: parallelism + 256. */
    public static final int DEFAULT_EXTRA_THREADS = 256;

    private final int parallelism;
    private final int maxThreads;
    private final AffinityMode affinityMode;
    private final String threadNamePrefix;
    private final boolean daemon;
    private final Thread.UncaughtExceptionHandler uncaughtExceptionHandler;
    private final int queueCapacity;
    private final SaturationPolicy saturationPolicy;
    private final Duration saturationTimeout;
    private final Duration keepAlive;
    private final Topology topology;
    private final String name;
    private final boolean registerMXBean;

    private PoolConfig(Builder b) {
        this.parallelism = b.parallelism;
        this.maxThreads = b.maxThreads;
        this.affinityMode = b.affinityMode;
        this.threadNamePrefix = b.threadNamePrefix;
        this.daemon = b.daemon;
        this.uncaughtExceptionHandler = b.uncaughtExceptionHandler;
        this.queueCapacity = b.queueCapacity;
        this.saturationPolicy = b.saturationPolicy;
        this.saturationTimeout = b.saturationTimeout;
        this.keepAlive = b.keepAlive;
        this.topology = b.topology;
        this.name = b.name;
        this.registerMXBean = b.registerMXBean;
    }

    /** The default settings. */
    public static PoolConfig defaults() {
        return builder().build();
    }

    /** A builder holding the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this configuration's values. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.parallelism = parallelism;
        b.maxThreads = maxThreads;
        b.affinityMode = affinityMode;
        b.threadNamePrefix = threadNamePrefix;
        b.daemon = daemon;
        b.uncaughtExceptionHandler = uncaughtExceptionHandler;
        b.queueCapacity = queueCapacity;
        b.saturationPolicy = saturationPolicy;
        b.saturationTimeout = saturationTimeout;
        b.keepAlive = keepAlive;
        b.topology = topology;
        b.name = name;
        b.registerMXBean = registerMXBean;
        return b;
    }

    /** The number of workers, or 0 for the topology's {@link Topology#defaultParallelism()}. */
    public int parallelism() {
        return parallelism;
    }

    /**
     * The most threads the pool may run, counting spare workers added while tasks block; 0 means the
     * default, parallelism + {@value #DEFAULT_EXTRA_THREADS}.
     */
    public int maxThreads() {
        return maxThreads;
    }

    /** The thread cap for a pool of {@code parallelism} workers: {@link #maxThreads()} or its default. */
    public int maxThreadsFor(int parallelism) {
        return maxThreads > 0 ? Math.max(maxThreads, parallelism) : Math.min(MAX_THREADS, parallelism + DEFAULT_EXTRA_THREADS);
    }

    /** How workers are pinned; default {@link AffinityMode#NONE}. */
    public AffinityMode affinityMode() {
        return affinityMode;
    }

    /** The prefix of worker thread names; default {@code "weft-"} followed by the pool name and a number. */
    public String threadNamePrefix() {
        return threadNamePrefix;
    }

    /** Whether workers are daemon threads; default true, so a forgotten pool does not keep the JVM alive. */
    public boolean daemon() {
        return daemon;
    }

    /** The handler that receives exceptions thrown by tasks given to {@code execute}, if one was set. */
    public Optional<Thread.UncaughtExceptionHandler> uncaughtExceptionHandler() {
        return Optional.ofNullable(uncaughtExceptionHandler);
    }

    /**
     * The most external submissions queued at once; default {@link Integer#MAX_VALUE} (unbounded). The bound is
     * exact (one counter for all of a pool's external queues). Tasks that the pool's own workers submit or fork
     * go to their deques and are not counted.
     */
    public int queueCapacity() {
        return queueCapacity;
    }

    /** What happens to an external submission when the queue is full; default {@link SaturationPolicy#REJECT}. */
    public SaturationPolicy saturationPolicy() {
        return saturationPolicy;
    }

    /** How long {@link SaturationPolicy#BLOCK} waits for room before rejecting; default 1 minute. */
    public Duration saturationTimeout() {
        return saturationTimeout;
    }

    /** How long a spare worker (added for a blocked task) lingers idle before it retires; default 60 s. */
    public Duration keepAlive() {
        return keepAlive;
    }

    /** The topology to schedule for instead of the detected one, if set. */
    public Optional<Topology> topology() {
        return Optional.ofNullable(topology);
    }

    /**
     * The pool's name (thread names, the MXBean's object name, the {@code poolName} of its JFR events); default
     * {@code "pool-N"}.
     */
    public Optional<String> name() {
        return Optional.ofNullable(name);
    }

    /**
     * Whether the pool registers a {@link PoolMXBean} on the platform MBean server as
     * {@code dev.weft:type=Pool,name=<name>}; default false. It is unregistered when the pool terminates.
     */
    public boolean registerMXBean() {
        return registerMXBean;
    }

    @Override
    public String toString() {
        return "PoolConfig[parallelism=" + (parallelism == 0 ? "auto" : parallelism)
                + ", maxThreads=" + (maxThreads == 0 ? "auto" : maxThreads) + ", affinity=" + affinityMode
                + ", queueCapacity=" + queueCapacity + ", saturation=" + saturationPolicy
                + ", keepAlive=" + keepAlive + ", name=" + name + ", topology=" + (topology == null ? "detected" : topology.provider()) + "]";
    }

    /** Builds a {@link PoolConfig}. Setters take any value; {@link #build()} validates them all. */
    public static final class Builder {
        private int parallelism;
        private int maxThreads;
        private AffinityMode affinityMode = AffinityMode.NONE;
        private String threadNamePrefix;
        private boolean daemon = true;
        private Thread.UncaughtExceptionHandler uncaughtExceptionHandler;
        private int queueCapacity = Integer.MAX_VALUE;
        private SaturationPolicy saturationPolicy = SaturationPolicy.REJECT;
        private Duration saturationTimeout = Duration.ofMinutes(1);
        private Duration keepAlive = Duration.ofSeconds(60);
        private Topology topology;
        private String name;
        private boolean registerMXBean;

        private Builder() {
        }

        /** The number of workers, 1..{@value PoolConfig#MAX_THREADS}; 0 (default) means the topology's default. */
        public Builder parallelism(int parallelism) {
            this.parallelism = parallelism;
            return this;
        }

        /** The thread cap counting spare workers, at least the parallelism; 0 (default) means parallelism + 256. */
        public Builder maxThreads(int maxThreads) {
            this.maxThreads = maxThreads;
            return this;
        }

        /** How workers are pinned. */
        public Builder affinityMode(AffinityMode mode) {
            this.affinityMode = mode;
            return this;
        }

        /** The prefix of worker thread names. */
        public Builder threadNamePrefix(String prefix) {
            this.threadNamePrefix = prefix;
            return this;
        }

        /** Whether workers are daemon threads. */
        public Builder daemon(boolean daemon) {
            this.daemon = daemon;
            return this;
        }

        /** The handler for exceptions thrown by tasks passed to {@code execute}. */
        public Builder uncaughtExceptionHandler(Thread.UncaughtExceptionHandler handler) {
            this.uncaughtExceptionHandler = handler;
            return this;
        }

        /** The bound on queued external submissions, 1..{@link Integer#MAX_VALUE}. */
        public Builder queueCapacity(int capacity) {
            this.queueCapacity = capacity;
            return this;
        }

        /** What to do when the bounded queue is full. */
        public Builder saturationPolicy(SaturationPolicy policy) {
            this.saturationPolicy = policy;
            return this;
        }

        /** How long {@link SaturationPolicy#BLOCK} waits; positive. */
        public Builder saturationTimeout(Duration timeout) {
            this.saturationTimeout = timeout;
            return this;
        }

        /** How long an idle spare worker lingers; positive. */
        public Builder keepAlive(Duration keepAlive) {
            this.keepAlive = keepAlive;
            return this;
        }

        /** A topology to schedule for instead of the detected one (tests, simulations). */
        public Builder topology(Topology topology) {
            this.topology = topology;
            return this;
        }

        /** The pool's name: letters, digits, '-', '_' and '.', 1 to 64 characters. */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /**
         * Whether to register the pool's {@link PoolMXBean} as {@code dev.weft:type=Pool,name=<name>} while the pool
         * lives. Creating the pool fails with an {@link IllegalArgumentException} naming that object name when an
         * MBean of that name is registered already (another live pool of the same name): give pools distinct
         * {@linkplain #name(String) names}.
         */
        public Builder registerMXBean(boolean register) {
            this.registerMXBean = register;
            return this;
        }

        /**
         * Checks every setting and builds the configuration.
         *
         * @throws IllegalArgumentException naming the setting, its value and what is allowed
         */
        public PoolConfig build() {
            if (parallelism < 0 || parallelism > MAX_THREADS) {
                throw bad("parallelism", parallelism, "1.." + MAX_THREADS + ", or 0 for the topology's default");
            }
            if (maxThreads < 0 || maxThreads > MAX_THREADS) {
                throw bad("maxThreads", maxThreads, "1.." + MAX_THREADS + ", or 0 for parallelism + " + DEFAULT_EXTRA_THREADS);
            }
            if (maxThreads > 0 && parallelism > 0 && maxThreads < parallelism) {
                throw new IllegalArgumentException("maxThreads = " + maxThreads + " is below parallelism = "
                        + parallelism + ": allowed maxThreads >= parallelism");
            }
            if (affinityMode == null) {
                throw bad("affinityMode", null, "one of NONE, NODE, CORE");
            }
            if (threadNamePrefix != null && (threadNamePrefix.isBlank() || threadNamePrefix.length() > 64)) {
                throw bad("threadNamePrefix", "'" + threadNamePrefix + "'", "a non-blank text of at most 64 characters");
            }
            if (queueCapacity < 1) {
                throw bad("queueCapacity", queueCapacity, "1.." + Integer.MAX_VALUE);
            }
            if (saturationPolicy == null) {
                throw bad("saturationPolicy", null, "one of REJECT, CALLER_RUNS, BLOCK");
            }
            if (saturationTimeout == null || saturationTimeout.isNegative() || saturationTimeout.isZero()) {
                throw bad("saturationTimeout", saturationTimeout, "a positive duration");
            }
            if (keepAlive == null || keepAlive.isNegative() || keepAlive.isZero()) {
                throw bad("keepAlive", keepAlive, "a positive duration");
            }
            if (name != null && !name.matches("[A-Za-z0-9._-]{1,64}")) {
                throw bad("name", "'" + name + "'", "1 to 64 letters, digits, '.', '_' or '-'");
            }
            Objects.requireNonNull(affinityMode);
            return new PoolConfig(this);
        }

        private static IllegalArgumentException bad(String setting, Object value, String allowed) {
            return new IllegalArgumentException(setting + " = " + value + " is invalid: allowed " + allowed);
        }
    }
}
