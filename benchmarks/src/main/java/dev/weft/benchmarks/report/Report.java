package dev.weft.benchmarks.report;

import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Turns a JMH JSON result file ({@code -rf json}) into Markdown tables of ratios for {@code docs/PERFORMANCE.md}:
 * for every benchmark and every combination of the other parameters, the subject (default {@code weft}) against
 * each baseline measured in the same run ({@code forkjoin}, {@code tpe}, or the GEMM peers).
 *
 * <h2>Method</h2>
 * <ul>
 *   <li><b>Samples.</b> One value per measurement iteration, all forks pooled, read from the raw data in the
 *       JSON ({@code primaryMetric.rawData}), never from JMH's summary score. For {@code SampleTime} results
 *       ({@code rawDataHistogram}) the value of an iteration is the chosen percentile of that iteration's samples
 *       ({@code --percentile}, default the median). A secondary metric ({@code --metric NAME}) uses
 *       {@code secondaryMetrics.NAME.rawData}; {@code --metric A/B} divides A by B iteration by iteration (for
 *       counters that only make sense as a quotient, such as {@code forkToStartNanos/steals}).</li>
 *   <li><b>Ratio.</b> median(subject) / median(baseline). For time modes (avgt, sample, ss) below 1 means the
 *       subject is faster; for throughput above 1 does.</li>
 *   <li><b>Error.</b> Each median is shown with its interquartile range [Q1, Q3] (quantiles interpolated
 *       linearly between order statistics, R's type 7). The ratio's interval is [Q1(subject) / Q3(baseline),
 *       Q3(subject) / Q1(baseline)]: it pairs the subject's lower quartile with the baseline's upper one and vice
 *       versa, so it holds the ratio of any two central values and is deliberately conservative. When it excludes
 *       1 the difference is larger than the run-to-run spread of either side.</li>
 * </ul>
 *
 * <h2>Usage</h2>
 * <pre>{@code
 * java -cp benchmarks/target/benchmarks.jar dev.weft.benchmarks.report.Report [options] result.json...
 *   --subject VALUE    the implementation whose ratios are reported (default weft)
 *   --param NAME       the parameter naming the implementation (default: pool, else impl)
 *   --metric M         primary (default), a secondary metric NAME, or NAME/NAME
 *   --percentile P     for SampleTime results, the per-iteration percentile, 0 < P < 1 (default 0.5)
 *   --only REGEX       only benchmarks whose full name contains a match (default all); a file with none
 *                      prints nothing, so one file can be reported metric by metric
 * }</pre>
 */
public final class Report {

    private static final String USAGE = "usage: Report [--subject VALUE] [--param NAME] [--metric primary|NAME|NAME/NAME]"
            + " [--percentile P] [--only REGEX] result.json...";

    private final String subject;
    private final String param;
    private final String metric;
    private final double percentile;
    private Pattern only;

    /**
     * A report over the given options.
     *
     * @param subject    the value of the implementation parameter whose ratios are reported
     * @param param      the implementation parameter, or null for {@code pool}, else {@code impl}
     * @param metric     {@code primary}, a secondary metric's name, or {@code A/B}
     * @param percentile the per-iteration percentile of SampleTime results, in (0, 1)
     * @throws IllegalArgumentException naming the option when a value is not allowed
     */
    public Report(String subject, String param, String metric, double percentile) {
        if (subject == null || subject.isBlank()) {
            throw new IllegalArgumentException("--subject = '" + subject + "' is invalid: allowed a parameter value such as weft");
        }
        if (metric == null || metric.isBlank()) {
            throw new IllegalArgumentException("--metric = '" + metric + "' is invalid: allowed primary, NAME or NAME/NAME");
        }
        if (!(percentile > 0 && percentile < 1)) {
            throw new IllegalArgumentException("--percentile = " + percentile + " is invalid: allowed 0 < P < 1");
        }
        this.subject = subject;
        this.param = param;
        this.metric = metric;
        this.percentile = percentile;
    }

    /**
     * Restricts the report to benchmarks whose full name contains a match of {@code regex}.
     *
     * @return this report
     * @throws IllegalArgumentException when {@code regex} is not a regular expression
     */
    public Report only(String regex) {
        try {
            this.only = Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("--only = '" + regex + "' is invalid: allowed a Java regular expression", e);
        }
        return this;
    }

    /**
     * Prints the Markdown tables of every file to standard output.
     *
     * @throws IOException when a file cannot be read
     */
    public static void main(String[] args) throws IOException {
        String subject = "weft";
        String param = null;
        String metric = "primary";
        double percentile = 0.5;
        String onlyRegex = null;
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.startsWith("--")) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(a + " needs a value; " + USAGE);
                }
                String v = args[++i];
                switch (a) {
                    case "--subject": subject = v; break;
                    case "--param": param = v; break;
                    case "--metric": metric = v; break;
                    case "--percentile": percentile = parsePercentile(v); break;
                    case "--only": onlyRegex = v; break;
                    default: throw new IllegalArgumentException("unknown option " + a + "; " + USAGE);
                }
            } else {
                files.add(Path.of(a));
            }
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no result file given; " + USAGE);
        }
        Report report = new Report(subject, param, metric, percentile);
        if (onlyRegex != null) {
            report.only(onlyRegex);
        }
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        for (Path f : files) {
            out.print(report.render(Files.readString(f), f.getFileName().toString()));
        }
    }

    private static double parsePercentile(String v) {
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--percentile = '" + v + "' is invalid: allowed a number 0 < P < 1", e);
        }
    }

    /**
     * The Markdown report of one JMH JSON document.
     *
     * @param json   the file's contents
     * @param source a name for the heading
     * @return the tables, or an empty text when no benchmark passes {@link #only(String)}
     * @throws IllegalArgumentException when the document is not a JMH result array or lacks the chosen metric
     */
    public String render(String json, String source) {
        Object doc = Json.parse(json);
        if (!(doc instanceof List)) {
            throw new IllegalArgumentException(source + ": expected a JSON array of JMH results");
        }
        List<Run> runs = new ArrayList<>();
        for (Object o : (List<?>) doc) {
            Run r = new Run(map(o, source));
            if (only == null || only.matcher(r.benchmark).find()) {
                runs.add(r);
            }
        }
        if (runs.isEmpty()) {
            return "";
        }
        StringBuilder md = new StringBuilder();
        md.append("## ").append(source).append(": ").append(metric.equals("primary") ? "primary score" : metric);
        if (runs.stream().anyMatch(r -> r.mode.equals("sample"))) {
            md.append(", p").append(format(percentile * 100));
        }
        md.append("\n\n").append(runs.get(0).environment()).append("\n\n");
        md.append("Ratio = median(").append(subject).append(") / median(baseline) of ")
                .append(metric.equals("primary") ? "the primary score" : "`" + metric + "`")
                .append(", one sample per measurement iteration, all forks pooled; medians with [Q1, Q3]; ")
                .append("ratio interval [Q1(").append(subject).append(")/Q3(baseline), Q3(").append(subject)
                .append(")/Q1(baseline)].\n\n");
        Map<String, List<Run>> byBenchmark = new LinkedHashMap<>();
        for (Run r : runs) {
            byBenchmark.computeIfAbsent(r.benchmark + " " + r.mode, k -> new ArrayList<>()).add(r);
        }
        for (List<Run> group : byBenchmark.values()) {
            table(md, group);
        }
        return md.toString();
    }

    private void table(StringBuilder md, List<Run> runs) {
        Run first = runs.get(0);
        String implParam = implementationParam(first);
        md.append("### ").append(shortName(first.benchmark)).append(" (").append(first.mode).append(", ")
                .append(unit(first)).append(direction(first)).append(")\n\n");
        if (implParam == null) {
            md.append("No `pool`/`impl` parameter: nothing to compare.\n\n");
            return;
        }
        List<String> others = new ArrayList<>(first.params.keySet());
        others.remove(implParam);
        Map<String, Map<String, Run>> rows = new LinkedHashMap<>();
        for (Run r : runs) {
            StringBuilder key = new StringBuilder();
            for (String p : others) {
                key.append(r.params.get(p)).append(" | ");
            }
            rows.computeIfAbsent(key.toString(), k -> new LinkedHashMap<>()).put(r.params.get(implParam), r);
        }
        StringBuilder head = new StringBuilder("| ");
        StringBuilder rule = new StringBuilder("|");
        for (String p : others) {
            head.append(p).append(" | ");
            rule.append("---|");
        }
        head.append(subject).append(" | baseline | baseline median | ").append(subject).append(" / baseline |\n");
        rule.append("---|---|---|---|\n");
        md.append(head).append(rule);
        for (Map.Entry<String, Map<String, Run>> row : rows.entrySet()) {
            Run mine = row.getValue().get(subject);
            if (mine == null) {
                continue;
            }
            double[] s = samples(mine);
            for (Map.Entry<String, Run> base : row.getValue().entrySet()) {
                if (base.getKey().equals(subject)) {
                    continue;
                }
                double[] b = samples(base.getValue());
                md.append("| ").append(row.getKey()).append(summary(s)).append(" | ").append(base.getKey())
                        .append(" | ").append(summary(b)).append(" | ").append(ratio(s, b)).append(" |\n");
            }
        }
        md.append('\n');
    }

    private String implementationParam(Run r) {
        if (param != null) {
            return r.params.containsKey(param) ? param : null;
        }
        if (r.params.containsKey("pool")) {
            return "pool";
        }
        return r.params.containsKey("impl") ? "impl" : null;
    }

    private String unit(Run r) {
        if (metric.equals("primary")) {
            return r.primaryUnit();
        }
        if (metric.contains("/")) {
            return metric;
        }
        return r.secondaryUnit(metric);
    }

    private String direction(Run r) {
        if (!metric.equals("primary")) {
            return "";
        }
        return r.mode.equals("thrpt") ? "; higher is better" : "; lower is better";
    }

    /** The samples of the chosen metric, one per measurement iteration. */
    double[] samples(Run r) {
        if (metric.equals("primary")) {
            return r.primarySamples(percentile);
        }
        int slash = metric.indexOf('/');
        if (slash < 0) {
            return r.secondarySamples(metric);
        }
        double[] num = r.secondarySamples(metric.substring(0, slash));
        double[] den = r.secondarySamples(metric.substring(slash + 1));
        if (num.length != den.length) {
            throw new IllegalArgumentException(r.benchmark + ": " + metric + " has " + num.length + " and "
                    + den.length + " samples: cannot divide");
        }
        double[] q = new double[num.length];
        for (int i = 0; i < q.length; i++) {
            q[i] = num[i] / den[i];
        }
        return q;
    }

    private static String summary(double[] x) {
        return format(Stats.median(x)) + " [" + format(Stats.quantile(x, 0.25)) + ", " + format(Stats.quantile(x, 0.75)) + "]";
    }

    private static String ratio(double[] s, double[] b) {
        double r = Stats.median(s) / Stats.median(b);
        double lo = Stats.quantile(s, 0.25) / Stats.quantile(b, 0.75);
        double hi = Stats.quantile(s, 0.75) / Stats.quantile(b, 0.25);
        return "**" + format(r) + "** [" + format(lo) + ", " + format(hi) + "]";
    }

    /** Three significant digits, never in scientific notation. */
    static String format(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return String.valueOf(v);
        }
        if (v == 0) {
            return "0";
        }
        BigDecimal d = new BigDecimal(v).round(new MathContext(3));
        return d.scale() < 0 ? d.setScale(0).toPlainString() : d.toPlainString();
    }

    private static String shortName(String benchmark) {
        int method = benchmark.lastIndexOf('.');
        int cls = method > 0 ? benchmark.lastIndexOf('.', method - 1) : -1;
        return benchmark.substring(cls + 1);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o, String where) {
        if (!(o instanceof Map)) {
            throw new IllegalArgumentException(where + ": expected a JSON object, found " + o);
        }
        return (Map<String, Object>) o;
    }

    static List<?> list(Object o, String where) {
        if (!(o instanceof List)) {
            throw new IllegalArgumentException(where + ": expected a JSON array, found " + o);
        }
        return (List<?>) o;
    }
}
