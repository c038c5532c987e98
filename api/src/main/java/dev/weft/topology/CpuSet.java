package dev.weft.topology;

import java.util.Arrays;
import java.util.NoSuchElementException;
import java.util.PrimitiveIterator;
import java.util.stream.IntStream;

/**
 * An immutable set of CPU (processing unit) ids, as the Linux kernel names them.
 *
 * <p>Parses and prints the kernel's two textual forms:
 * <ul>
 *   <li>the <em>cpulist</em> form, {@code "0-3,8-11"} ({@link #parseList}, {@link #toList});</li>
 *   <li>the <em>hex mask</em> form of {@code cpumap} files, comma-separated 32-bit words, most significant
 *       word first, {@code "0000ffff,00000003"} ({@link #parseMask}, {@link #toMask}).</li>
 * </ul>
 * Both parsers accept surrounding whitespace and a trailing NUL byte (some kernels end files with one) and
 * reject anything else with an {@link IllegalArgumentException} that quotes the text.
 */
public final class CpuSet implements Iterable<Integer> {

    /** The largest CPU id accepted; Linux's {@code NR_CPUS} tops out at 8192 today, this leaves room. */
    public static final int MAX_CPU_ID = (1 << 20) - 1;

    private static final CpuSet EMPTY = new CpuSet(new long[0]);

    /** Bit i of word i/64 is CPU i; trailing zero words are trimmed so equals/hashCode can use arrays. */
    private final long[] words;

    private CpuSet(long[] words) {
        this.words = trim(words);
    }

    /** Returns the empty set. */
    public static CpuSet empty() {
        return EMPTY;
    }

    /**
     * Returns the set holding the given CPU ids.
     *
     * @throws IllegalArgumentException if an id is negative or above {@link #MAX_CPU_ID}
     */
    public static CpuSet of(int... cpus) {
        long[] w = new long[0];
        for (int cpu : cpus) {
            w = set(w, checkId(cpu, null));
        }
        return new CpuSet(w);
    }

    /** Returns the set {@code from..to}, both inclusive. */
    public static CpuSet range(int from, int to) {
        checkId(from, null);
        checkId(to, null);
        if (to < from) {
            throw new IllegalArgumentException("CPU range " + from + "-" + to + " is empty: the end must be >= the start");
        }
        long[] w = new long[(to >>> 6) + 1];
        for (int cpu = from; cpu <= to; cpu++) {
            w[cpu >>> 6] |= 1L << cpu;
        }
        return new CpuSet(w);
    }

    /** Returns a set built from a {@link java.util.BitSet}-like array of 64-bit words, least significant first. */
    public static CpuSet fromWords(long[] words) {
        return new CpuSet(words.clone());
    }

    /**
     * Parses the kernel's cpulist form: comma-separated ids or inclusive ranges, such as {@code "0-3,8-11"},
     * which is what sysfs prints. An empty (or blank) text is the empty set.
     *
     * @throws IllegalArgumentException naming the text when it is not a cpulist
     */
    public static CpuSet parseList(String text) {
        String s = clean(text);
        if (s.isEmpty()) {
            return EMPTY;
        }
        long[] w = new long[0];
        for (String part : s.split(",", -1)) {
            String p = part.trim();
            int dash = p.indexOf('-');
            try {
                if (dash < 0) {
                    w = set(w, checkId(Integer.parseInt(p), text));
                } else {
                    int from = checkId(Integer.parseInt(p.substring(0, dash)), text);
                    int to = checkId(Integer.parseInt(p.substring(dash + 1)), text);
                    if (to < from) {
                        throw badList(text, "range " + printable(p) + " ends before it starts");
                    }
                    for (int cpu = from; cpu <= to; cpu++) {
                        w = set(w, cpu);
                    }
                }
            } catch (NumberFormatException e) {
                throw badList(text, "'" + printable(p) + "' is not a CPU id or range");
            }
        }
        return new CpuSet(w);
    }

    /**
     * Parses the kernel's hex mask form: comma-separated groups of up to 8 hex digits (32 bits), most
     * significant group first, such as {@code "0000ffff,00000003"} (CPUs 0, 1 and 32-47). An optional
     * {@code 0x} prefix is accepted.
     *
     * @throws IllegalArgumentException naming the text when it is not a mask
     */
    public static CpuSet parseMask(String text) {
        String s = clean(text);
        if (s.startsWith("0x") || s.startsWith("0X")) {
            s = s.substring(2);
        }
        if (s.isEmpty()) {
            throw new IllegalArgumentException("CPU mask '" + printable(text) + "' is empty: expected hex words like 0000ffff,00000003");
        }
        String[] groups = s.split(",", -1);
        long[] w = new long[(groups.length + 1) / 2];
        for (int g = 0; g < groups.length; g++) {
            String grp = groups[groups.length - 1 - g].trim();
            if (grp.isEmpty() || grp.length() > 8) {
                throw new IllegalArgumentException("CPU mask '" + printable(text) + "' has a word '" + printable(grp)
                        + "': expected 1 to 8 hex digits per comma-separated word");
            }
            long value;
            try {
                value = Long.parseLong(grp, 16);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("CPU mask '" + printable(text) + "' has a word '" + printable(grp)
                        + "' that is not hexadecimal");
            }
            if ((long) g * 32 > MAX_CPU_ID && value != 0) {
                throw new IllegalArgumentException("CPU mask '" + printable(text) + "' names CPUs above " + MAX_CPU_ID);
            }
            w[g >>> 1] |= value << ((g & 1) * 32);
        }
        return new CpuSet(w);
    }

    /** True when {@code cpu} is in the set. */
    public boolean contains(int cpu) {
        int word = cpu >>> 6;
        return cpu >= 0 && word < words.length && (words[word] & (1L << cpu)) != 0;
    }

    /** True when every CPU of {@code other} is in this set. */
    public boolean containsAll(CpuSet other) {
        for (int i = 0; i < other.words.length; i++) {
            long mine = i < words.length ? words[i] : 0;
            if ((other.words[i] & ~mine) != 0) {
                return false;
            }
        }
        return true;
    }

    /** The number of CPUs in the set. */
    public int size() {
        int n = 0;
        for (long w : words) {
            n += Long.bitCount(w);
        }
        return n;
    }

    /** True when the set holds no CPU. */
    public boolean isEmpty() {
        return words.length == 0;
    }

    /** The smallest id in the set. @throws NoSuchElementException when empty */
    public int first() {
        int next = nextCpu(0);
        if (next < 0) {
            throw new NoSuchElementException("the CPU set is empty");
        }
        return next;
    }

    /** The largest id in the set, or -1 when empty. */
    public int last() {
        if (words.length == 0) {
            return -1;
        }
        int i = words.length - 1;
        return i * 64 + 63 - Long.numberOfLeadingZeros(words[i]);
    }

    /** The smallest id {@code >= from} in the set, or -1. */
    public int nextCpu(int from) {
        int i = Math.max(0, from) >>> 6;
        if (i >= words.length) {
            return -1;
        }
        long w = words[i] & (-1L << Math.max(0, from));
        while (true) {
            if (w != 0) {
                return i * 64 + Long.numberOfTrailingZeros(w);
            }
            if (++i == words.length) {
                return -1;
            }
            w = words[i];
        }
    }

    /** The CPUs in both sets. */
    public CpuSet intersect(CpuSet other) {
        long[] w = new long[Math.min(words.length, other.words.length)];
        for (int i = 0; i < w.length; i++) {
            w[i] = words[i] & other.words[i];
        }
        return new CpuSet(w);
    }

    /** The CPUs in either set. */
    public CpuSet union(CpuSet other) {
        long[] w = Arrays.copyOf(words, Math.max(words.length, other.words.length));
        for (int i = 0; i < other.words.length; i++) {
            w[i] |= other.words[i];
        }
        return new CpuSet(w);
    }

    /** The CPUs of this set that are not in {@code other}. */
    public CpuSet minus(CpuSet other) {
        long[] w = words.clone();
        for (int i = 0; i < Math.min(w.length, other.words.length); i++) {
            w[i] &= ~other.words[i];
        }
        return new CpuSet(w);
    }

    /** The ids in ascending order. */
    public IntStream stream() {
        return IntStream.iterate(nextCpu(0), c -> c >= 0, c -> nextCpu(c + 1));
    }

    /** The ids in ascending order. */
    public int[] toArray() {
        return stream().toArray();
    }

    @Override
    public PrimitiveIterator.OfInt iterator() {
        return stream().iterator();
    }

    /** The set as 64-bit words, least significant first (the layout of a Linux {@code cpu_set_t}). */
    public long[] toWords() {
        return words.clone();
    }

    /** The kernel's cpulist form, {@code "0-3,8-11"}; {@code ""} for the empty set. */
    public String toList() {
        StringBuilder sb = new StringBuilder();
        int start = nextCpu(0);
        while (start >= 0) {
            int end = start;
            while (contains(end + 1)) {
                end++;
            }
            if (sb.length() > 0) {
                sb.append(',');
            }
            sb.append(start);
            if (end > start) {
                sb.append('-').append(end);
            }
            start = nextCpu(end + 1);
        }
        return sb.toString();
    }

    /**
     * The kernel's hex mask form, 32-bit words of 8 hex digits, most significant first, as many words as
     * the highest CPU needs (at least one): {@code "0000ffff,00000003"}.
     */
    public String toMask() {
        int last = last();
        // last() is -1 for the empty set: one word of zeros, never -1 >>> 5 words.
        int groups = last < 0 ? 1 : (last >>> 5) + 1;
        StringBuilder sb = new StringBuilder(groups * 9);
        for (int g = groups - 1; g >= 0; g--) {
            long word = (g >>> 1) < words.length ? words[g >>> 1] : 0;
            int bits = (int) (word >>> ((g & 1) * 32));
            sb.append(String.format("%08x", bits));
            if (g > 0) {
                sb.append(',');
            }
        }
        return sb.toString();
    }

    /** Same as {@link #toList()}. */
    @Override
    public String toString() {
        return toList();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CpuSet other && Arrays.equals(words, other.words);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(words);
    }

    private static long[] set(long[] w, int cpu) {
        int word = cpu >>> 6;
        long[] out = word < w.length ? w : Arrays.copyOf(w, Math.max(word + 1, w.length * 2));
        out[word] |= 1L << cpu;
        return out;
    }

    private static long[] trim(long[] w) {
        int n = w.length;
        while (n > 0 && w[n - 1] == 0) {
            n--;
        }
        return n == w.length ? w : Arrays.copyOf(w, n);
    }

    private static int checkId(int cpu, String text) {
        if (cpu < 0 || cpu > MAX_CPU_ID) {
            String where = text == null ? "" : " in cpulist '" + printable(text) + "'";
            throw new IllegalArgumentException("CPU id " + cpu + where + " is out of range: allowed 0.." + MAX_CPU_ID);
        }
        return cpu;
    }

    private static IllegalArgumentException badList(String text, String why) {
        return new IllegalArgumentException("cpulist '" + printable(text) + "' is malformed: " + why
                + " (expected ids and ranges like 0-3,8-11)");
    }

    private static String clean(String text) {
        if (text == null) {
            throw new IllegalArgumentException("CPU list or mask is null");
        }
        String s = text;
        int nul = s.indexOf('\0');
        if (nul >= 0 && s.substring(nul).chars().allMatch(c -> c == 0 || Character.isWhitespace(c))) {
            s = s.substring(0, nul);
        }
        return s.strip();
    }

    /** Quotes user-supplied text safely in an error message (control characters escaped, length bounded). */
    static String printable(String text) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < text.length() && sb.length() < 80; i++) {
            char c = text.charAt(i);
            if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) { // C0 and C1 control characters
                sb.append(String.format("\\x%02x", (int) c));
            } else {
                sb.append(c);
            }
        }
        if (sb.length() >= 80) {
            sb.append("...");
        }
        return sb.toString();
    }
}
