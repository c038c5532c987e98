package dev.weft.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Renders the plot of the fixed data set in headless Chromium and checks the screenshot is a picture, not a blank
 * page. The SVG, the PNG and Chromium's log stay in {@code target/plot-render/} to be looked at.
 */
class BenchPlotRenderTest {

    /** Debian's chromium; {@code -Dweft.test.chromium=PATH} names another binary. */
    static final Path CHROMIUM = Path.of(System.getProperty("weft.test.chromium", "/usr/bin/chromium"));
    static final long TIMEOUT_SECONDS = 60;
    /** Output folder, relative to the module (surefire's working directory). */
    static final Path OUT = Path.of("target", "plot-render").toAbsolutePath();

    @TempDir
    Path profile;

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void render_fixedData_chromiumScreenshotShowsTheChart() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM),
                "skipped: " + CHROMIUM + " is not installed (Debian package chromium), so the SVG is not rendered");
        Files.createDirectories(OUT);
        Path svg = OUT.resolve("plot.svg");
        Path png = OUT.resolve("plot.png");
        Path log = OUT.resolve("chromium.log");
        Files.deleteIfExists(png);
        BenchPlot.write(PlotData.fixed(), svg);

        int exit = screenshot(svg, png, log);

        assertThat(png).as("screenshot (chromium exit %d, log %s)", exit, log).exists();
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image).as("PNG readable").isNotNull();
        assertThat(image.getWidth()).isEqualTo(BenchPlot.WIDTH);
        assertThat(image.getHeight()).isEqualTo(BenchPlot.HEIGHT);
        assertThat(distinctColours(image)).as("distinct colours (a blank page has 1)").isGreaterThan(50);
        for (int s = 0; s < PlotData.SIZES.length; s++) {
            assertThat(pixelsNear(image, BenchPlot.COLOURS.get(s)))
                    .as("pixels drawn in the colour of n = %d", PlotData.SIZES[s]).isGreaterThan(200);
        }
    }

    /** Runs Chromium with its own fresh profile; a run over the time limit is killed, with its children. */
    private int screenshot(Path svg, Path png, Path log) throws IOException, InterruptedException {
        List<String> command = List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile, "--screenshot=" + png,
                "--window-size=" + BenchPlot.WIDTH + "," + BenchPlot.HEIGHT, svg.toUri().toString());
        Process chromium = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!chromium.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            chromium.descendants().forEach(ProcessHandle::destroyForcibly);
            chromium.destroyForcibly();
            chromium.waitFor(10, TimeUnit.SECONDS);
            fail("chromium did not finish within " + TIMEOUT_SECONDS + " s; its log: "
                    + Files.readString(log, StandardCharsets.UTF_8));
        }
        return chromium.exitValue();
    }

    private static int distinctColours(BufferedImage image) {
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                colours.add(image.getRGB(x, y) & 0xFFFFFF);
            }
        }
        return colours.size();
    }

    /** Pixels within a small distance of {@code hex} (anti-aliasing shades the edges of every line). */
    private static int pixelsNear(BufferedImage image, String hex) {
        int want = Integer.parseInt(hex.substring(1), 16);
        int count = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                int d = Math.abs((rgb >> 16 & 0xFF) - (want >> 16 & 0xFF)) + Math.abs((rgb >> 8 & 0xFF) - (want >> 8 & 0xFF))
                        + Math.abs((rgb & 0xFF) - (want & 0xFF));
                if (d <= 24) {
                    count++;
                }
            }
        }
        return count;
    }
}
