package dev.weft.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class BenchPlotTest {

    @TempDir
    Path temp;

    @Test
    void svg_fixedData_onePolylinePerSizeAndPoolPlusIdeal() throws Exception {
        Document doc = PlotData.parse(BenchPlot.svg(PlotData.fixed()));

        assertThat(doc.getDocumentElement().getLocalName()).isEqualTo("svg");
        List<String> lines = PlotData.elements(doc, "polyline").stream()
                .map(e -> e.getAttribute("data-size") + "/" + e.getAttribute("data-pool")).collect(Collectors.toList());
        assertThat(lines).containsExactlyInAnyOrder("256/ideal", "256/weft", "256/forkjoin", "512/ideal", "512/weft",
                "512/forkjoin", "1024/ideal", "1024/weft", "1024/forkjoin");
        assertThat(PlotData.elements(doc, "polyline")).allSatisfy(e -> assertThat(points(e)).hasSize(PlotData.THREADS.length));
    }

    @Test
    void svg_fixedData_styleSeparatesPoolsAndColoursSizes() throws Exception {
        Document doc = PlotData.parse(BenchPlot.svg(PlotData.fixed()));

        for (Element e : PlotData.elements(doc, "polyline")) {
            String dash = e.getAttribute("stroke-dasharray");
            switch (e.getAttribute("data-pool")) {
                case "weft" -> assertThat(dash).isEqualTo("none");
                case "forkjoin" -> assertThat(dash).isEqualTo("9 5");
                default -> assertThat(dash).isEqualTo("2 5");
            }
            int sizeIndex = java.util.Arrays.binarySearch(PlotData.SIZES, Integer.parseInt(e.getAttribute("data-size")));
            assertThat(e.getAttribute("stroke")).isEqualTo(BenchPlot.COLOURS.get(sizeIndex));
        }
    }

    @Test
    void svg_fixedData_legendAxisLabelsAndTitle() throws Exception {
        Document doc = PlotData.parse(BenchPlot.svg(PlotData.fixed()));
        List<String> texts = PlotData.elements(doc, "text").stream().map(Element::getTextContent).collect(Collectors.toList());

        assertThat(texts).contains("Weft", "ForkJoinPool", "ideal scaling", "n = 256", "n = 512", "n = 1024",
                "threads (pool parallelism)", "GFLOPS (2n\u00b3 / median time)");
        assertThat(texts).anySatisfy(t -> assertThat(t).contains(PlotData.CPU).contains("JDK " + PlotData.JDK).contains("2026-12-03"));
        assertThat(PlotData.elements(doc, "title").get(0).getTextContent()).contains("GEMM GFLOPS against threads").contains(PlotData.CPU);
        assertThat(texts.stream().filter(t -> t.matches("\\d+")).count()).as("tick labels").isGreaterThanOrEqualTo(6);
    }

    @Test
    void svg_fixedData_pointsMapLinearlyFromTheAxisTicks() throws Exception {
        Document doc = PlotData.parse(BenchPlot.svg(PlotData.fixed()));
        Scale x = Scale.of(PlotData.elements(doc, "line"), "x-grid", "x1");
        Scale y = Scale.of(PlotData.elements(doc, "line"), "y-grid", "y1");

        assertThat(x.ticks()).as("x ticks left to right").isSortedAccordingTo(Comparator.comparingDouble(t -> t[1]));
        assertThat(y.ticks()).as("y ticks bottom to top").isSortedAccordingTo(Comparator.comparingDouble(t -> -t[1]));
        assertThat(y.ticks().get(y.ticks().size() - 1)[0]).as("y axis holds the highest ideal point").isGreaterThanOrEqualTo(40.0 * 4);
        for (Element line : PlotData.elements(doc, "polyline")) {
            int s = java.util.Arrays.binarySearch(PlotData.SIZES, Integer.parseInt(line.getAttribute("data-size")));
            List<double[]> pts = points(line);
            for (int t = 0; t < PlotData.THREADS.length; t++) {
                double gflops = switch (line.getAttribute("data-pool")) {
                    case "weft" -> PlotData.WEFT[s][t];
                    case "forkjoin" -> PlotData.FORKJOIN[s][t];
                    default -> Math.max(PlotData.WEFT[s][0], PlotData.FORKJOIN[s][0]) * PlotData.THREADS[t];
                };
                assertThat(pts.get(t)[0]).as("x of %d threads", PlotData.THREADS[t]).isCloseTo(x.map(PlotData.THREADS[t]), within(0.011));
                assertThat(pts.get(t)[1]).as("y of %s GFLOPS", gflops).isCloseTo(y.map(gflops), within(0.011));
            }
        }
    }

    @Test
    void svg_fixedData_moreGflopsIsHigherAndMoreThreadsFurtherRight() throws Exception {
        Document doc = PlotData.parse(BenchPlot.svg(PlotData.fixed()));
        List<double[]> byGflops = new ArrayList<>();
        for (Element line : PlotData.elements(doc, "polyline")) {
            List<double[]> pts = points(line);
            assertThat(pts).as("x grows along %s", line.getAttribute("data-pool")).isSortedAccordingTo(Comparator.comparingDouble(p -> p[0]));
            if (line.getAttribute("data-pool").equals("weft")) {
                int s = java.util.Arrays.binarySearch(PlotData.SIZES, Integer.parseInt(line.getAttribute("data-size")));
                for (int t = 0; t < pts.size(); t++) {
                    byGflops.add(new double[] {PlotData.WEFT[s][t], pts.get(t)[1]});
                }
            }
        }
        byGflops.sort(Comparator.comparingDouble(p -> p[0]));
        for (int i = 1; i < byGflops.size(); i++) {
            assertThat(byGflops.get(i)[1]).as("SVG y of %s GFLOPS", byGflops.get(i)[0]).isLessThan(byGflops.get(i - 1)[1]);
        }
    }

    @Test
    void svg_sameData_sameTextInAnyDefaultLocale() {
        Locale before = Locale.getDefault();
        String root;
        String german;
        try {
            Locale.setDefault(Locale.ROOT);
            root = BenchPlot.svg(PlotData.fixed());
            Locale.setDefault(Locale.GERMANY);
            german = BenchPlot.svg(PlotData.fixed());
        } finally {
            Locale.setDefault(before);
        }

        assertThat(german).isEqualTo(root).isEqualTo(BenchPlot.svg(PlotData.fixed()));
    }

    @Test
    void svg_markupAndControlCharactersInCpuModel_escapedAndWellFormed() throws Exception {
        String cpu = "CPU <b>\"fast\" & 'new'</b>\u0001\uD800]]>";

        Document doc = PlotData.parse(BenchPlot.svg(PlotData.fixed(cpu)));

        String subtitle = PlotData.elements(doc, "text").stream().map(Element::getTextContent)
                .filter(t -> t.contains("JDK")).findFirst().orElseThrow();
        assertThat(subtitle).startsWith("CPU <b>\"fast\" & 'new'</b>\uFFFD\uFFFD]]>");
    }

    @Test
    void svg_nonFiniteAndMissingRows_skippedWithoutNaN() throws Exception {
        List<BenchResult.Gemm> rows = List.of(
                PlotData.gemm(64, 1, BenchResult.WEFT, 5, 5),
                PlotData.gemm(64, 2, BenchResult.WEFT, Double.NaN, 5),
                PlotData.gemm(64, 1, BenchResult.FORKJOIN, Double.POSITIVE_INFINITY, 5));

        String svg = BenchPlot.svg(PlotData.result(PlotData.CPU, rows));
        Document doc = PlotData.parse(svg);

        assertThat(svg).doesNotContain("NaN").doesNotContain("Infinity");
        assertThat(PlotData.elements(doc, "polyline")).extracting(e -> e.getAttribute("data-pool") + ":" + points(e).size())
                .containsExactlyInAnyOrder("ideal:2", "weft:1");
    }

    @Test
    void svg_noGemmRows_emptyAxesAndAMessage() throws Exception {
        Document doc = PlotData.parse(BenchPlot.svg(PlotData.result(PlotData.CPU, List.of())));

        assertThat(PlotData.elements(doc, "polyline")).isEmpty();
        assertThat(PlotData.elements(doc, "text")).extracting(Element::getTextContent).contains("no GEMM measurement");
    }

    @Test
    void write_file_utf8DocumentThatParses() throws Exception {
        Path file = temp.resolve("plot.svg");

        BenchPlot.write(PlotData.fixed(), file);

        String text = Files.readString(file, StandardCharsets.UTF_8);
        assertThat(text).startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg ").isEqualTo(BenchPlot.svg(PlotData.fixed()));
        assertThat(PlotData.parse(text).getDocumentElement().getAttribute("viewBox")).isEqualTo("0 0 900 600");
    }

    @Test
    void nice_dataMaximum_roundStepsThatHoldIt() {
        assertThat(BenchPlot.Axis.nice(160, 8, false)).isEqualTo(new BenchPlot.Axis(160, 20));
        assertThat(BenchPlot.Axis.nice(161, 8, false)).isEqualTo(new BenchPlot.Axis(175, 25));
        assertThat(BenchPlot.Axis.nice(0.37, 8, false)).isEqualTo(new BenchPlot.Axis(0.4, 0.05));
        assertThat(BenchPlot.Axis.nice(2, 8, true)).isEqualTo(new BenchPlot.Axis(2, 1));
        assertThat(BenchPlot.Axis.nice(64, 8, true)).isEqualTo(new BenchPlot.Axis(70, 10));
        assertThat(BenchPlot.Axis.nice(18, 8, true)).isEqualTo(new BenchPlot.Axis(20, 5));
        assertThat(BenchPlot.Axis.nice(0, 8, false)).isEqualTo(new BenchPlot.Axis(1, 0.2));
        assertThat(BenchPlot.Axis.nice(0.37, 8, false).decimals()).isEqualTo(2);
        assertThat(new BenchPlot.Axis(1, 0.25).decimals()).isEqualTo(2);
        assertThat(BenchPlot.Axis.nice(161, 8, false).decimals()).isZero();
    }

    @Test
    void escape_markupWhitespaceAndIllegalCharacters_entitiesOrReplacement() {
        assertThat(Xml.escape("a<b>&\"c\"'d'")).isEqualTo("a&lt;b&gt;&amp;&quot;c&quot;&apos;d&apos;");
        assertThat(Xml.escape("t\tn\nr\r")).isEqualTo("t&#9;n&#10;r&#13;");
        assertThat(Xml.escape("\u0000\u001f\uD800\uFFFE")).isEqualTo("\uFFFD\uFFFD\uFFFD\uFFFD");
        assertThat(Xml.escape("\u00b5 \uD83D\uDE00")).isEqualTo("\u00b5 \uD83D\uDE00");
    }

    /** The {@code points} attribute as (x, y) pairs. */
    private static List<double[]> points(Element polyline) {
        List<double[]> pts = new ArrayList<>();
        for (String pair : polyline.getAttribute("points").trim().split("\\s+")) {
            String[] xy = pair.split(",");
            pts.add(new double[] {Double.parseDouble(xy[0]), Double.parseDouble(xy[1])});
        }
        return pts;
    }

    /** An axis read back from its grid lines: (value, coordinate) pairs and the linear map through the outer two. */
    private record Scale(List<double[]> ticks) {

        static Scale of(List<Element> lines, String gridClass, String coordinate) {
            List<double[]> ticks = lines.stream().filter(e -> e.getAttribute("class").equals(gridClass))
                    .map(e -> new double[] {Double.parseDouble(e.getAttribute("data-value")), Double.parseDouble(e.getAttribute(coordinate))})
                    .sorted(Comparator.comparingDouble(t -> t[0])).collect(Collectors.toList());
            assertThat(ticks).as(gridClass).hasSizeGreaterThanOrEqualTo(3);
            return new Scale(ticks);
        }

        double map(double value) {
            double[] a = ticks.get(0);
            double[] b = ticks.get(ticks.size() - 1);
            return a[1] + (value - a[0]) * (b[1] - a[1]) / (b[0] - a[0]);
        }
    }
}
