package dev.weft.benchmarks.report;

import java.util.Arrays;

/** Order statistics for the report. */
final class Stats {

    private Stats() {
    }

    /** The median (the mean of the two middle values for an even count). */
    static double median(double[] x) {
        return quantile(x, 0.5);
    }

    /**
     * The p-quantile interpolated linearly between order statistics (R's type 7, the default of R and numpy):
     * position {@code h = (n - 1) p} between the sorted values {@code floor(h)} and {@code ceil(h)}.
     *
     * @throws IllegalArgumentException when {@code x} is empty or p is outside [0, 1]
     */
    static double quantile(double[] x, double p) {
        if (x.length == 0) {
            throw new IllegalArgumentException("no samples: a quantile needs at least one");
        }
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("p = " + p + " is invalid: allowed 0..1");
        }
        double[] s = x.clone();
        Arrays.sort(s);
        double h = (s.length - 1) * p;
        int lo = (int) Math.floor(h);
        int hi = (int) Math.ceil(h);
        return s[lo] + (h - lo) * (s[hi] - s[lo]);
    }

    /**
     * The p-quantile of a JMH histogram, {@code [value, count]} bins in any order: the smallest value whose
     * cumulative count reaches {@code p} of the total (the nearest-rank definition, as JMH's own percentiles).
     *
     * @throws IllegalArgumentException when the histogram holds no sample
     */
    static double histogramQuantile(double[][] bins, double p) {
        double[][] sorted = bins.clone();
        Arrays.sort(sorted, (a, b) -> Double.compare(a[0], b[0]));
        double total = 0;
        for (double[] bin : sorted) {
            total += bin[1];
        }
        if (total <= 0) {
            throw new IllegalArgumentException("an empty histogram has no quantile");
        }
        double rank = Math.max(1, Math.ceil(p * total));
        double seen = 0;
        for (double[] bin : sorted) {
            seen += bin[1];
            if (seen >= rank) {
                return bin[0];
            }
        }
        return sorted[sorted.length - 1][0];
    }
}
