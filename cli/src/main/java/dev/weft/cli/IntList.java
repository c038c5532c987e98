package dev.weft.cli;

import java.util.Arrays;
import java.util.TreeSet;

/** Parses a comma-separated option value such as {@code --sizes 256,512} into distinct ascending ints. */
final class IntList {

    private IntList() {
    }

    /**
     * Parses {@code text} as comma-separated integers, each in {@code min..max}.
     *
     * @param option the option's name, for the message
     * @return the distinct values, ascending
     * @throws IllegalArgumentException a one-line message naming the option, the value and what is allowed
     */
    static int[] parse(String option, String text, int min, int max) {
        return parse(option, text, min, max, ", several separated by commas");
    }

    /** {@code several} is the hint on how to give more than one value: empty for a single-value option. */
    private static int[] parse(String option, String text, int min, int max, String several) {
        String allowed = "allowed " + min + ".." + max;
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException(option + " '" + (text == null ? "" : text) + "' is invalid: "
                    + allowed + several);
        }
        String[] parts = text.split(",", -1);
        TreeSet<Integer> values = new TreeSet<>();
        for (String part : parts) {
            String p = part.strip();
            long v;
            try {
                v = Long.parseLong(p);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(option + " " + text + " is invalid: '" + p + "' is not a whole number; "
                        + allowed + (parts.length > 1 ? "" : several));
            }
            if (v < min || v > max) {
                throw new IllegalArgumentException(option + " " + text + " is invalid: "
                        + (parts.length > 1 ? v + " is out of range; " : "") + allowed);
            }
            values.add((int) v);
        }
        return values.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Parses one integer in {@code min..max}, with the same messages as {@link #parse}. */
    static int parseOne(String option, String text, int min, int max) {
        if (text != null && text.contains(",")) {
            throw new IllegalArgumentException(option + " " + text + " is invalid: one number expected; allowed " + min + ".." + max);
        }
        return parse(option, text, min, max, "")[0];
    }

    /** {@code [1, 2, 4] -> "1,2,4"}. */
    static String format(int[] values) {
        return String.join(",", Arrays.stream(values).mapToObj(String::valueOf).toArray(String[]::new));
    }
}
