package dev.weft.numa.linux;

import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Seeded property checks on plain JUnit: a property runs on {@code tries} inputs drawn from a stream derived from
 * the run seed and the property's name, so the same seed replays the same inputs. The run seed is
 * {@code -Dweft.test.seed=N} when given, a fresh one with {@code -Dweft.test.randomSeed=true}, else a fixed one
 * (builds stay deterministic). A failure names the property, the try, the seed and the input.
 */
final class Properties {

    static final long DEFAULT_SEED = 0x5EED_2026_0001L;
    private static final int MAX_INPUT_CHARS = 400;
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

    static <T> void forAll(String name, int tries, long seed, Function<SplittableRandom, T> generator,
                           Property<T> property) {
        // The name keeps properties that share a generator from testing the very same inputs.
        SplittableRandom random = new SplittableRandom(seed ^ name.hashCode());
        for (int i = 1; i <= tries; i++) {
            T input = generator.apply(random);
            try {
                property.check(input);
            } catch (Throwable e) {
                throw new AssertionError(String.format("property %s failed on try %d of %d with seed %d (rerun with "
                        + "-Dweft.test.seed=%d); input: %s", name, i, tries, seed, seed, printable(input)), e);
            }
        }
    }

    /** Uniform in [min, max], except that one draw in ten is a bound: bounds are where bugs live. */
    static int intBetween(SplittableRandom random, int min, int max) {
        if (random.nextInt(10) == 0) {
            return random.nextBoolean() ? min : max;
        }
        return (int) random.nextLong(min, (long) max + 1);
    }

    /** A string of 0 to maxLength characters (bounds favoured), each drawn uniformly from {@code chars}. */
    static String string(SplittableRandom random, String chars, int maxLength) {
        char[] s = new char[intBetween(random, 0, maxLength)];
        for (int i = 0; i < s.length; i++) {
            s[i] = chars.charAt(random.nextInt(chars.length()));
        }
        return new String(s);
    }

    /** The input's text cut to a readable length, control characters escaped (garbage inputs hold NULs). */
    static String printable(Object input) {
        String s = input instanceof CharSequence ? "\"" + input + "\"" : String.valueOf(input);
        String cut = s.length() <= MAX_INPUT_CHARS ? s
                : s.substring(0, MAX_INPUT_CHARS) + "... (" + s.length() + " chars)";
        return CONTROL.matcher(cut).replaceAll(m -> String.format("\\\\u%04x", (int) m.group().charAt(0)));
    }
}
