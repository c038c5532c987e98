package dev.weft.cli;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Draws the GEMM part of a {@link BenchResult} as an SVG chart ({@code weft bench --plot FILE}): GFLOPS against
 * threads, one colour per matrix size, Weft's pool as a solid line with round markers, {@link
 * java.util.concurrent.ForkJoinPool} as a dashed line with square markers, and for each size the ideal-scaling
 * line, dotted: the size's 1-thread GFLOPS times the thread count. Both axes are linear and start at 0, so the
 * ideal lines are straight and aim at the origin; the GFLOPS axis ends at most {@value #IDEAL_HEADROOM} times
 * above the best measurement, and ideal lines that climb higher are clipped at the top of the plot.
 *
 * <p>The SVG is written by hand, with no library: well-formed XML 1.0 (text and attributes escaped, characters
 * XML cannot hold replaced by U+FFFD) and deterministic: the same result gives the same bytes, whatever the
 * default locale (every number goes through {@link Locale#ROOT}). The only date in it is the result's own.
 * Every series is a {@code polyline} with {@code data-size} and {@code data-pool} ({@code weft},
 * {@code forkjoin}, {@code ideal}) attributes, so tools (and tests) can find it.
 */
final class BenchPlot {

    static final int WIDTH = 900;
    static final int HEIGHT = 600;
    /** The plot area; the legend sits to its right. */
    static final double LEFT = 78;
    static final double TOP = 92;
    static final double RIGHT = 650;
    static final double BOTTOM = 530;
    private static final double LEGEND_X = 675;
    /** Okabe and Ito's colour-blind-safe palette (without its yellow, too pale on white); repeats after 7 sizes. */
    static final List<String> COLOURS = List.of("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000");
    static final String IDEAL = "ideal";
    /**
     * The GFLOPS axis reaches this much above the best measurement at most: on many cores the ideal lines climb far
     * above what is reached and would squash the measured lines to the bottom, so they leave through the top.
     */
    static final double IDEAL_HEADROOM = 1.25;
    private static final String FONT = "DejaVu Sans, Liberation Sans, Arial, Helvetica, sans-serif";
    /** Long CPU model or kernel names are cut here, so the subtitles stay inside the picture. */
    private static final int MAX_SUBTITLE = 125;

    private BenchPlot() {
    }

    /** Writes {@link #svg} of {@code result} to {@code file} (UTF-8), replacing what was there. */
    static void write(BenchResult result, Path file) throws IOException {
        Files.writeString(file, svg(result), StandardCharsets.UTF_8);
    }

    /** The chart of {@code result}'s GEMM rows, as a complete SVG document. */
    static String svg(BenchResult result) {
        SortedSet<Integer> sizes = new TreeSet<>();
        SortedSet<Integer> threads = new TreeSet<>();
        for (BenchResult.Gemm g : result.gemm()) {
            sizes.add(g.size());
            threads.add(g.threads());
        }
        List<Series> series = new ArrayList<>();
        int colour = 0;
        for (int size : sizes) {
            series.add(ideal(result, size, colour, threads));
            series.add(measured(result, size, colour, BenchResult.WEFT));
            series.add(measured(result, size, colour, BenchResult.FORKJOIN));
            colour++;
        }
        double yMax = Math.min(maxGflops(series, false), IDEAL_HEADROOM * maxGflops(series, true));
        Axis x = Axis.nice(threads.isEmpty() ? 1 : threads.last(), 8, true);
        Axis y = Axis.nice(yMax, 8, false);

        BenchMachine m = result.machine();
        String title = "weft bench: GEMM GFLOPS against threads, Weft and ForkJoinPool";
        String subtitle = cut(m.cpuModel() + " \u00b7 JDK " + m.jdk() + " \u00b7 " + result.date());
        String details = cut("kernel " + m.kernel() + " \u00b7 scheduler " + m.scheduler() + " \u00b7 topology "
                + m.provider() + " \u00b7 weft " + m.weftVersion());
        Svg s = new Svg();
        s.open("svg", "xmlns", "http://www.w3.org/2000/svg", "width", WIDTH, "height", HEIGHT,
                "viewBox", "0 0 " + WIDTH + " " + HEIGHT, "font-family", FONT);
        s.text("title", title + " (" + subtitle + ")");
        s.empty("rect", "width", WIDTH, "height", HEIGHT, "fill", "#ffffff");
        s.textAt(WIDTH / 2.0, 30, title, "text-anchor", "middle", "font-size", 18, "font-weight", "bold", "class", "title");
        s.textAt(WIDTH / 2.0, 52, subtitle, "text-anchor", "middle", "font-size", 13, "fill", "#333333", "class", "subtitle");
        s.textAt(WIDTH / 2.0, 69, details, "text-anchor", "middle", "font-size", 11, "fill", "#666666", "class", "details");
        axes(s, x, y);
        if (series.isEmpty()) {
            s.textAt((LEFT + RIGHT) / 2, (TOP + BOTTOM) / 2, "no GEMM measurement", "text-anchor", "middle", "font-size", 14);
        }
        s.open("defs");
        s.open("clipPath", "id", "plot-area");
        s.empty("rect", "x", LEFT - 8, "y", TOP - 8, "width", RIGHT - LEFT + 16, "height", BOTTOM - TOP + 16);
        s.close("clipPath");
        s.close("defs");
        s.open("g", "class", "series", "fill", "none", "stroke-linejoin", "round", "clip-path", "url(#plot-area)");
        for (Series one : series) {
            line(s, one, x, y);
        }
        s.close("g");
        legend(s, sizes);
        s.close("svg");
        return s.toString();
    }

    /** The highest GFLOPS of the measured series, or of all of them (ideal lines too); 0 when there is none. */
    private static double maxGflops(List<Series> series, boolean measuredOnly) {
        return series.stream().filter(s -> !(measuredOnly && s.pool().equals(IDEAL)))
                .flatMap(s -> s.points().stream()).mapToDouble(p -> p[1]).max().orElse(0);
    }

    /** One line of the chart: points (threads, GFLOPS) ascending in threads, only finite ones. */
    record Series(int size, String pool, int colour, List<double[]> points) {
    }

    /** A linear axis from 0 to {@code max} with a tick every {@code step}. */
    record Axis(double max, double step) {

        /**
         * The axis from 0 that holds {@code dataMax} with the finest step of 1, 2, 2.5 or 5 times a power of ten
         * that needs at most {@code ticks} intervals (integer axes: whole steps only, so no 2.5).
         */
        static Axis nice(double dataMax, int ticks, boolean integer) {
            double top = dataMax > 0 && Double.isFinite(dataMax) ? dataMax : 1;
            double magnitude = Math.pow(10, Math.floor(Math.log10(top / ticks)));
            double step = 10 * magnitude;
            for (double m : new double[] {1, 2, 2.5, 5}) {
                double candidate = m * magnitude;
                // The tolerance keeps a maximum that is itself a tick (160 with a step of 20) from needing one more.
                if (!(integer && m == 2.5) && Math.ceil(top / candidate - 1e-9) <= ticks) {
                    step = candidate;
                    break;
                }
            }
            if (integer) {
                step = Math.max(1, Math.round(step));
            }
            return new Axis(Math.ceil(top / step - 1e-9) * step, step);
        }

        int tickCount() {
            return (int) Math.round(max / step);
        }

        /** Decimals that show every tick exactly: 0 for a step of 1 or more, 1 for 0.5, 2 for 0.25. */
        int decimals() {
            return Math.max(0, new BigDecimal(step).round(new MathContext(6)).stripTrailingZeros().scale());
        }
    }

    static double xOf(Axis x, double threads) {
        return LEFT + threads / x.max() * (RIGHT - LEFT);
    }

    static double yOf(Axis y, double gflops) {
        return BOTTOM - gflops / y.max() * (BOTTOM - TOP);
    }

    private static Series measured(BenchResult r, int size, int colour, String pool) {
        List<double[]> points = new ArrayList<>();
        r.gemm().stream().filter(g -> g.size() == size && g.pool().equals(pool) && usable(g.gflops()))
                .sorted((a, b) -> Integer.compare(a.threads(), b.threads()))
                .forEach(g -> points.add(new double[] {g.threads(), g.gflops()}));
        return new Series(size, pool, colour, points);
    }

    /**
     * The ideal line of a size: the better of the two pools' 1-thread GFLOPS (both run the same single-threaded
     * kernel; the better one is the stricter reference) times each thread count. No line without a 1-thread row.
     */
    private static Series ideal(BenchResult r, int size, int colour, SortedSet<Integer> threads) {
        double base = r.gemm().stream().filter(g -> g.size() == size && g.threads() == 1 && usable(g.gflops()))
                .mapToDouble(BenchResult.Gemm::gflops).max().orElse(Double.NaN);
        List<double[]> points = new ArrayList<>();
        if (usable(base)) {
            for (int t : threads) {
                points.add(new double[] {t, base * t});
            }
        }
        return new Series(size, IDEAL, colour, points);
    }

    private static boolean usable(double gflops) {
        return Double.isFinite(gflops) && gflops >= 0;
    }

    private static void axes(Svg s, Axis x, Axis y) {
        s.open("g", "class", "axes", "font-size", 12, "fill", "#222222");
        for (int i = 0; i <= y.tickCount(); i++) {
            double v = i * y.step();
            double py = yOf(y, v);
            String label = Units.fixed(v, y.decimals());
            s.empty("line", "class", "y-grid", "data-value", label, "x1", LEFT, "y1", py, "x2", RIGHT, "y2", py,
                    "stroke", i == 0 ? "#222222" : "#e3e3e3", "stroke-width", 1);
            s.textAt(LEFT - 8, py + 4, label, "text-anchor", "end", "class", "y-tick");
        }
        for (int i = 0; i <= x.tickCount(); i++) {
            double v = i * x.step();
            double px = xOf(x, v);
            String label = Units.fixed(v, 0);
            s.empty("line", "class", "x-grid", "data-value", label, "x1", px, "y1", TOP, "x2", px, "y2", BOTTOM,
                    "stroke", i == 0 ? "#222222" : "#efefef", "stroke-width", 1);
            s.empty("line", "x1", px, "y1", BOTTOM, "x2", px, "y2", BOTTOM + 5, "stroke", "#222222", "stroke-width", 1);
            s.textAt(px, BOTTOM + 20, label, "text-anchor", "middle", "class", "x-tick");
        }
        s.textAt((LEFT + RIGHT) / 2, BOTTOM + 48, "threads (pool parallelism)", "text-anchor", "middle", "font-size", 14, "class", "axis-label");
        double cy = (TOP + BOTTOM) / 2;
        s.textAt(24, cy, "GFLOPS (2n\u00b3 / median time)", "text-anchor", "middle", "font-size", 14, "class", "axis-label",
                "transform", "rotate(-90 24 " + num(cy) + ")");
        s.close("g");
    }

    private static void line(Svg s, Series one, Axis x, Axis y) {
        if (one.points().isEmpty()) {
            return;
        }
        StringBuilder pts = new StringBuilder();
        for (double[] p : one.points()) {
            pts.append(pts.length() == 0 ? "" : " ").append(num(xOf(x, p[0]))).append(',').append(num(yOf(y, p[1])));
        }
        String colour = COLOURS.get(one.colour() % COLOURS.size());
        Style style = Style.of(one.pool());
        s.empty("polyline", "class", "line " + one.pool(), "data-size", one.size(), "data-pool", one.pool(),
                "points", pts, "stroke", colour, "stroke-width", style.width, "stroke-dasharray", style.dash,
                "opacity", style.opacity);
        for (double[] p : one.points()) {
            marker(s, style, colour, xOf(x, p[0]), yOf(y, p[1]));
        }
    }

    /** How a pool's lines look: Weft solid with dots, ForkJoinPool dashed with hollow squares, ideal dotted. */
    private enum Style {
        WEFT("none", 2.5, 1),
        FORKJOIN("9 5", 2.5, 1),
        IDEAL_LINE("2 5", 1.8, 0.8);

        final String dash;
        final double width;
        final double opacity;

        Style(String dash, double width, double opacity) {
            this.dash = dash;
            this.width = width;
            this.opacity = opacity;
        }

        static Style of(String pool) {
            return pool.equals(BenchResult.WEFT) ? WEFT : pool.equals(BenchResult.FORKJOIN) ? FORKJOIN : IDEAL_LINE;
        }
    }

    private static void marker(Svg s, Style style, String colour, double cx, double cy) {
        if (style == Style.WEFT) {
            s.empty("circle", "cx", cx, "cy", cy, "r", 4, "fill", colour, "stroke", "none");
        } else if (style == Style.FORKJOIN) {
            s.empty("rect", "x", cx - 3.5, "y", cy - 3.5, "width", 7, "height", 7, "fill", "#ffffff", "stroke", colour, "stroke-width", 1.8);
        }
    }

    private static void legend(Svg s, SortedSet<Integer> sizes) {
        s.open("g", "class", "legend", "font-size", 13, "fill", "#222222");
        double y = TOP + 4;
        s.textAt(LEGEND_X, y, "Pool", "font-weight", "bold");
        y += 24;
        legendLine(s, Style.WEFT, "#333333", y, "Weft");
        y += 22;
        legendLine(s, Style.FORKJOIN, "#333333", y, "ForkJoinPool");
        y += 22;
        legendLine(s, Style.IDEAL_LINE, "#333333", y, "ideal scaling");
        s.textAt(LEGEND_X + 50, y + 16, "(1-thread GFLOPS \u00d7 threads)", "font-size", 11, "fill", "#555555");
        y += 50;
        s.textAt(LEGEND_X, y, "Matrix size (n \u00d7 n)", "font-weight", "bold");
        // Rows shrink when many sizes would run off the bottom of the picture.
        double row = sizes.isEmpty() ? 22 : Math.min(22, (HEIGHT - 20 - y) / sizes.size());
        int i = 0;
        for (int size : sizes) {
            y += row;
            String colour = COLOURS.get(i++ % COLOURS.size());
            s.empty("line", "x1", LEGEND_X, "y1", y - 4, "x2", LEGEND_X + 40, "y2", y - 4, "stroke", colour, "stroke-width", 5);
            s.textAt(LEGEND_X + 50, y, "n = " + size, "class", "legend-size");
        }
        s.close("g");
    }

    private static void legendLine(Svg s, Style style, String colour, double y, String label) {
        s.empty("line", "x1", LEGEND_X, "y1", y - 4, "x2", LEGEND_X + 40, "y2", y - 4, "stroke", colour,
                "stroke-width", style.width, "stroke-dasharray", style.dash);
        marker(s, style, colour, LEGEND_X + 20, y - 4);
        s.textAt(LEGEND_X + 50, y, label, "class", "legend-pool");
    }

    private static String cut(String text) {
        return text.length() <= MAX_SUBTITLE ? text : text.substring(0, MAX_SUBTITLE - 1) + "\u2026";
    }

    /** Coordinates with two decimals, always with a point. */
    static String num(double v) {
        return Units.fixed(v, 2);
    }

    /** A tiny SVG writer: elements with attributes, one per line, everything escaped. */
    private static final class Svg {
        private final StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        private int depth;

        void open(String name, Object... attributes) {
            start(name, attributes).append(">\n");
            depth++;
        }

        void close(String name) {
            depth--;
            sb.append("  ".repeat(depth)).append("</").append(name).append(">\n");
        }

        void empty(String name, Object... attributes) {
            start(name, attributes).append("/>\n");
        }

        void text(String name, String text, Object... attributes) {
            start(name, attributes).append('>').append(Xml.escape(text)).append("</").append(name).append(">\n");
        }

        void textAt(double x, double y, String text, Object... attributes) {
            Object[] all = new Object[attributes.length + 4];
            all[0] = "x";
            all[1] = x;
            all[2] = "y";
            all[3] = y;
            System.arraycopy(attributes, 0, all, 4, attributes.length);
            text("text", text, all);
        }

        private StringBuilder start(String name, Object... attributes) {
            sb.append("  ".repeat(depth)).append('<').append(name);
            for (int i = 0; i < attributes.length; i += 2) {
                Object v = attributes[i + 1];
                String value = v instanceof Double d ? num(d) : String.valueOf(v);
                sb.append(' ').append(attributes[i]).append("=\"").append(Xml.escape(value)).append('"');
            }
            return sb;
        }

        @Override
        public String toString() {
            return sb.toString();
        }
    }
}
