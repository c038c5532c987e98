package dev.weft.kernels;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Seeded property checks on plain JUnit: a property runs on {@code tries} inputs drawn from a stream derived from
 * the run seed and the property's name, so the same seed replays the same inputs. The run seed is
 * {@code -Dweft.test.seed=N} when given, a fresh one with {@code -Dweft.test.randomSeed=true}, else a fixed one
 * (builds stay deterministic). A failure names the property, the try, the seed and the input, shrunk first when
 * the property says how to make an input smaller.
 */
final class Properties {

    static final long DEFAULT_SEED = 0x5EED_2026_0001L;
    private static final int MAX_INPUT_CHARS = 400;
    /** Shrinking re-runs the property (a GEMM check can take tens of milliseconds): bound how often. */
    private static final int MAX_SHRINK_CHECKS = 200;
    private static final Pattern CONTROL = Pattern.compile("[\\x00-\\x1f\\x7f]");

    private Properties() {
    }

    /** A check of one input; any exception or assertion error it throws is a failure. */
    @FunctionalInterface
    interface Property<T> {
        void check(T input) throws Exception;
    }

    /** The seed to pass to {@link #forAll}; with weft.test.randomSeed each call draws a new one. */
    static long seed() {
        String pinned = System.getProperty("weft.test.seed");
        if (pinned == null) {
            return Boolean.getBoolean("weft.test.randomSeed") ? new SplittableRandom().nextLong() : DEFAULT_SEED;
        }
        try {
            return Long.decode(pinned.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "weft.test.seed must be a long (decimal or 0x hex), got '" + pinned + "'", e);
        }
    }

    /**
     * Checks {@code tries} generated inputs. On a failure, {@code smaller} lists simpler inputs to try; the first
     * that still fails replaces the input (greedily, until none fails), and the smallest failing one is reported.
     */
    static <T> void forAll(String name, int tries, long seed, Function<SplittableRandom, T> generator,
                           Function<T, List<T>> smaller, Property<T> property) {
        // The name keeps properties that share a generator from testing the very same inputs.
        SplittableRandom random = new SplittableRandom(seed ^ name.hashCode());
        for (int i = 1; i <= tries; i++) {
            T input = generator.apply(random);
            Throwable failure = failure(property, input);
            if (failure == null) {
                continue;
            }
            T smallest = input;
            int steps = 0;
            List<T> candidates = smaller.apply(smallest);
            for (int c = 0, checks = 0; c < candidates.size() && checks < MAX_SHRINK_CHECKS; c++, checks++) {
                Throwable f = failure(property, candidates.get(c));
                if (f != null) { // a smaller input still fails: shrink from it, starting over its candidates
                    smallest = candidates.get(c);
                    failure = f;
                    steps++;
                    candidates = smaller.apply(smallest);
                    c = -1;
                }
            }
            throw new AssertionError(String.format("property %s failed on try %d of %d with seed %d (rerun with "
                    + "-Dweft.test.seed=%d); input: %s%s", name, i, tries, seed, seed, printable(smallest),
                    steps == 0 ? "" : " (shrunk in " + steps + " steps from " + printable(input) + ")"), failure);
        }
    }

    private static <T> Throwable failure(Property<T> property, T input) {
        try {
            property.check(input);
            return null;
        } catch (Throwable e) {
            return e;
        }
    }

    /** Uniform in [min, max], except that one draw in ten is a bound: bounds are where bugs live. */
    static int intBetween(SplittableRandom random, int min, int max) {
        if (random.nextInt(10) == 0) {
            return random.nextBoolean() ? min : max;
        }
        return (int) random.nextLong(min, (long) max + 1);
    }

    /** The input's text cut to a readable length, control characters escaped. */
    static String printable(Object input) {
        String s = input instanceof CharSequence ? "\"" + input + "\"" : String.valueOf(input);
        String cut = s.length() <= MAX_INPUT_CHARS ? s
                : s.substring(0, MAX_INPUT_CHARS) + "... (" + s.length() + " chars)";
        return CONTROL.matcher(cut).replaceAll(m -> String.format("\\\\u%04x", (int) m.group().charAt(0)));
    }
}
