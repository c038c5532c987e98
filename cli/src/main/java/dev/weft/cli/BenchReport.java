package dev.weft.cli;

import java.util.List;
import java.util.Locale;

/** Prints a {@link BenchResult} as tables or as JSON (schema: {@code cli/README-json.md}). */
final class BenchReport {

    private BenchReport() {
    }

    /** The best speedup of one pool and where it was reached. */
    record Best(double speedup, int size, int threads) {
    }

    /** The one-line comparison at the end of both reports. */
    record Summary(Best weft, Best forkjoin, double gemmRatio, double fibRatio, double executeRatio) {
    }

    static Summary summarize(BenchResult r) {
        double logSum = 0;
        int pairs = 0;
        for (BenchResult.Gemm w : r.gemm()) {
            BenchResult.Gemm f = w.pool().equals(BenchResult.WEFT) ? r.gemm(w.size(), w.threads(), BenchResult.FORKJOIN) : null;
            if (f != null && w.gflops() > 0 && f.gflops() > 0) {
                logSum += Math.log(w.gflops() / f.gflops());
                pairs++;
            }
        }
        return new Summary(best(r, BenchResult.WEFT), best(r, BenchResult.FORKJOIN),
                pairs == 0 ? Double.NaN : Math.exp(logSum / pairs), speedRatio(r, "fib"), speedRatio(r, "execute"));
    }

    private static Best best(BenchResult r, String pool) {
        Best best = null;
        for (BenchResult.Gemm g : r.gemm()) {
            if (g.pool().equals(pool) && g.threads() > 1 && (best == null || g.speedup() > best.speedup())) {
                best = new Best(g.speedup(), g.size(), g.threads());
            }
        }
        return best;
    }

    /** Weft's task rate over ForkJoinPool's: above 1 means Weft runs a task in less time. */
    private static double speedRatio(BenchResult r, String workload) {
        BenchResult.Task w = r.task(workload, BenchResult.WEFT);
        BenchResult.Task f = r.task(workload, BenchResult.FORKJOIN);
        return w == null || f == null ? Double.NaN : f.nsPerTask() / w.nsPerTask();
    }

    static String text(BenchResult r) {
        StringBuilder sb = new StringBuilder();
        BenchMachine m = r.machine();
        line(sb, "Weft bench (weft %s)", m.weftVersion());
        line(sb, "CPU        %s: %s, %s, %s; usable CPUs %s; default parallelism %d", m.cpuModel(),
                Units.count(m.packages(), "package"), Units.count(m.cores(), "core"), Units.count(m.pus(), "PU"),
                m.usableCpus(), m.defaultParallelism());
        line(sb, "JDK        %s, %s; %s", m.jdk(), m.jvm(), m.os());
        line(sb, "Topology   provider %s; scheduler %s", m.provider(), m.scheduler());
        line(sb, "Kernel     %s", m.kernel());
        if (m.scalarKernel()) {
            line(sb, "           scalar code, no Vector API%s", m.kernelWhy().isEmpty() ? "" : ": " + m.kernelWhy());
        }
        line(sb, "Method     warm-up, then the median of at least %d timed runs; Weft and ForkJoinPool alternate in one JVM",
                r.settings().runs());
        sb.append('\n');
        line(sb, "GEMM: C = A*B with n x n doubles; GFLOPS = 2n^3 / median time; speedup and efficiency against the same pool on 1 thread");
        line(sb, "%7s %8s  %-9s %9s %9s %11s %5s", "size", "threads", "pool", "GFLOPS", "speedup", "efficiency", "runs");
        for (BenchResult.Gemm g : r.gemm()) {
            line(sb, "%7d %8d  %-9s %9s %8sx %10s%% %5d", g.size(), g.threads(), g.pool(), Units.fixed(g.gflops(), 2),
                    Units.fixed(g.speedup(), 2), Units.fixed(100 * g.efficiency(), 1), g.runs());
        }
        if (!r.tasks().isEmpty()) {
            sb.append('\n');
            line(sb, "Tasks: nanoseconds per task (median of %d runs), pools of %d threads; lower is better",
                    r.settings().runs(), r.settings().maxThreads());
            line(sb, "  %-66s %10s %10s %13s", "workload", "weft", "forkjoin", "weft speed");
            for (String workload : List.of("fib", "execute")) {
                BenchResult.Task w = r.task(workload, BenchResult.WEFT);
                BenchResult.Task f = r.task(workload, BenchResult.FORKJOIN);
                if (w != null && f != null) {
                    line(sb, "  %-66s %10s %10s %12sx", w.detail(), Units.fixed(w.nsPerTask(), 1),
                            Units.fixed(f.nsPerTask(), 1), Units.fixed(f.nsPerTask() / w.nsPerTask(), 2));
                }
            }
        }
        sb.append('\n');
        sb.append(summaryLine(r)).append('\n');
        return sb.toString();
    }

    static String summaryLine(BenchResult r) {
        Summary s = summarize(r);
        StringBuilder sb = new StringBuilder("Summary: ");
        if (s.weft() == null) {
            sb.append("no multi-thread GEMM measured");
        } else {
            sb.append("best GEMM speedup weft ").append(Units.fixed(s.weft().speedup(), 2)).append("x (n=")
                    .append(s.weft().size()).append(", ").append(s.weft().threads()).append(" threads), forkjoin ")
                    .append(Units.fixed(s.forkjoin().speedup(), 2)).append("x (n=").append(s.forkjoin().size())
                    .append(", ").append(s.forkjoin().threads()).append(" threads)");
        }
        sb.append("; Weft/ForkJoinPool: GEMM GFLOPS ").append(Units.fixed(s.gemmRatio(), 2)).append("x (geometric mean)");
        if (!r.tasks().isEmpty()) {
            sb.append(", fib task rate ").append(Units.fixed(s.fibRatio(), 2)).append("x, execute task rate ")
                    .append(Units.fixed(s.executeRatio(), 2)).append("x");
        }
        sb.append(" (above 1: Weft faster); ").append(Units.fixed(r.seconds(), 1)).append(" s");
        return sb.toString();
    }

    static String json(BenchResult r) {
        JsonWriter w = new JsonWriter().beginObject();
        w.name("gemm").beginArray();
        for (BenchResult.Gemm g : r.gemm()) {
            w.beginObject(true).field("size", g.size()).field("threads", g.threads()).field("pool", g.pool())
                    .field("gflops", round(g.gflops(), 3)).field("speedup", round(g.speedup(), 4))
                    .field("efficiency", round(g.efficiency(), 4)).field("seconds", round(g.seconds(), 9))
                    .field("runs", g.runs()).endObject();
        }
        w.endArray();
        w.name("tasks").beginArray();
        for (BenchResult.Task t : r.tasks()) {
            w.beginObject(true).field("workload", t.workload()).field("pool", t.pool())
                    .field("nsPerTask", round(t.nsPerTask(), 2)).field("tasks", t.taskCount())
                    .field("threads", t.threads()).field("runs", t.runs()).field("detail", t.detail()).endObject();
        }
        w.endArray();
        BenchMachine m = r.machine();
        w.name("machine").beginObject()
                .field("cpuModel", m.cpuModel()).field("packages", m.packages()).field("cores", m.cores())
                .field("pus", m.pus()).field("usableCpus", m.usableCpus()).field("defaultParallelism", m.defaultParallelism())
                .field("topologyProvider", m.provider()).field("scheduler", m.scheduler()).field("kernel", m.kernel())
                .field("vectorApi", !m.scalarKernel()).field("jdk", m.jdk()).field("jvm", m.jvm()).field("os", m.os())
                .field("weftVersion", m.weftVersion())
                .endObject();
        BenchSettings s = r.settings();
        w.name("settings").beginObject(true);
        w.name("sizes").beginArray(true);
        for (int n : s.sizes()) {
            w.value(n);
        }
        w.endArray().name("threads").beginArray(true);
        for (int t : s.threads()) {
            w.value(t);
        }
        w.endArray().field("runs", s.runs()).field("fib", s.fib()).field("tasksPerProducer", s.tasks()).endObject();
        Summary sum = summarize(r);
        w.name("summary").beginObject();
        w.name("bestSpeedup").beginObject(true);
        writeBest(w, BenchResult.WEFT, sum.weft());
        writeBest(w, BenchResult.FORKJOIN, sum.forkjoin());
        w.endObject();
        w.field("gemmRatio", round(sum.gemmRatio(), 4)).field("fibRatio", round(sum.fibRatio(), 4))
                .field("executeRatio", round(sum.executeRatio(), 4)).field("seconds", round(r.seconds(), 3))
                .field("line", summaryLine(r));
        w.endObject();
        return w.endObject().toJson();
    }

    private static void writeBest(JsonWriter w, String pool, Best b) {
        w.name(pool);
        if (b == null) {
            w.nullValue();
        } else {
            w.beginObject(true).field("speedup", round(b.speedup(), 4)).field("size", b.size())
                    .field("threads", b.threads()).endObject();
        }
    }

    /** Rounds to {@code places} decimals; NaN and infinities pass through (the writer makes them null). */
    static double round(double v, int places) {
        if (!Double.isFinite(v)) {
            return v;
        }
        return new java.math.BigDecimal(v).setScale(places, java.math.RoundingMode.HALF_EVEN).doubleValue();
    }

    private static void line(StringBuilder sb, String format, Object... args) {
        sb.append(String.format(Locale.ROOT, format, args)).append('\n');
    }
}
