package dev.weft.benchmarks.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One entry of a JMH JSON result: a benchmark method at one combination of parameters. */
final class Run {

    final String benchmark;
    final String mode;
    final Map<String, String> params;
    private final Map<String, Object> json;

    Run(Map<String, Object> json) {
        this.json = json;
        this.benchmark = text(json, "benchmark");
        this.mode = text(json, "mode");
        this.params = new LinkedHashMap<>();
        Object p = json.get("params");
        if (p != null) {
            for (Map.Entry<String, Object> e : Report.map(p, benchmark + " params").entrySet()) {
                params.put(e.getKey(), String.valueOf(e.getValue()));
            }
        }
    }

    /** One line on the JVM and JMH settings of this run. */
    String environment() {
        return "JMH " + json.get("jmhVersion") + ", JDK " + json.get("jdkVersion") + " (" + json.get("vmName") + " "
                + json.get("vmVersion") + "), " + count("forks") + " forks, warm-up " + count("warmupIterations")
                + " x " + json.get("warmupTime") + ", measurement " + count("measurementIterations") + " x "
                + json.get("measurementTime") + ", JVM options " + json.get("jvmArgs") + ".";
    }

    String primaryUnit() {
        return String.valueOf(Report.map(json.get("primaryMetric"), benchmark + " primaryMetric").get("scoreUnit"));
    }

    String secondaryUnit(String name) {
        return String.valueOf(secondary(name).get("scoreUnit"));
    }

    /**
     * The primary metric per measurement iteration, forks pooled; for SampleTime histograms, the given
     * percentile of each iteration.
     */
    double[] primarySamples(double percentile) {
        Map<String, Object> m = Report.map(json.get("primaryMetric"), benchmark + " primaryMetric");
        Object histogram = m.get("rawDataHistogram");
        if (histogram != null) {
            List<Double> values = new ArrayList<>();
            for (Object fork : Report.list(histogram, benchmark + " rawDataHistogram")) {
                for (Object iteration : Report.list(fork, benchmark + " rawDataHistogram fork")) {
                    values.add(Stats.histogramQuantile(pairs(iteration), percentile));
                }
            }
            return unbox(values);
        }
        return raw(m, benchmark + " primaryMetric");
    }

    /** A secondary metric per measurement iteration, forks pooled. */
    double[] secondarySamples(String name) {
        return raw(secondary(name), benchmark + " secondaryMetrics." + name);
    }

    private Map<String, Object> secondary(String name) {
        Object all = json.get("secondaryMetrics");
        Object m = all == null ? null : Report.map(all, benchmark + " secondaryMetrics").get(name);
        if (m == null) {
            List<String> known = all == null ? List.of() : new ArrayList<>(Report.map(all, "").keySet());
            throw new IllegalArgumentException(benchmark + " has no secondary metric '" + name + "': it has " + known);
        }
        return Report.map(m, benchmark + " secondaryMetrics." + name);
    }

    private static double[] raw(Map<String, Object> metric, String where) {
        Object raw = metric.get("rawData");
        if (raw == null) {
            throw new IllegalArgumentException(where + " has no rawData");
        }
        List<Double> values = new ArrayList<>();
        for (Object fork : Report.list(raw, where + ".rawData")) {
            for (Object v : Report.list(fork, where + ".rawData fork")) {
                values.add(number(v, where));
            }
        }
        if (values.isEmpty()) {
            throw new IllegalArgumentException(where + ".rawData is empty");
        }
        return unbox(values);
    }

    private double[][] pairs(Object iteration) {
        List<?> items = Report.list(iteration, benchmark + " histogram iteration");
        double[][] out = new double[items.size()][];
        for (int i = 0; i < out.length; i++) {
            List<?> pair = Report.list(items.get(i), benchmark + " histogram bin");
            if (pair.size() != 2) {
                throw new IllegalArgumentException(benchmark + ": a histogram bin must be [value, count], found " + pair);
            }
            out[i] = new double[] {number(pair.get(0), benchmark), number(pair.get(1), benchmark)};
        }
        return out;
    }

    private static double number(Object v, String where) {
        if (v instanceof Double) {
            return (Double) v;
        }
        if ("NaN".equals(v)) {
            return Double.NaN;
        }
        throw new IllegalArgumentException(where + ": expected a number, found " + v);
    }

    private static double[] unbox(List<Double> values) {
        double[] out = new double[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i);
        }
        return out;
    }

    private String count(String key) {
        Object v = json.get(key);
        return v instanceof Double ? String.valueOf(((Double) v).longValue()) : String.valueOf(v);
    }

    private static String text(Map<String, Object> json, String key) {
        Object v = json.get(key);
        if (!(v instanceof String)) {
            throw new IllegalArgumentException("a JMH result needs a string '" + key + "', found " + v);
        }
        return (String) v;
    }
}
