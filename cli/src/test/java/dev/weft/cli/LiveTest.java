package dev.weft.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The commands on this machine, through whatever scheduler and providers the test path holds. */
class LiveTest {

    @Test
    void topology_liveMachine_reportAndValidJson() {
        assumeTrue(Runtimes.hasLiveTopology(), "skipped: no topology provider (weft-numa-linux / weft-numa-fallback) on the test path");

        Cli text = Cli.run("topology");
        Cli json = Cli.run("topology", "--json");

        assertThat(text.exit()).isZero();
        assertThat(text.err()).isEmpty();
        assertThat(text.out()).contains("Source      this machine").contains("Node 0");
        assertThat(json.exit()).isZero();
        Map<String, Object> parsed = TestJson.object(json.out());
        assertThat(((Map<?, ?>) parsed.get("machine")).get("source")).isEqualTo("live");
        assertThat((List<?>) parsed.get("nodes")).isNotEmpty();
    }

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void bench_tinySizesWithPlot_validJsonOnStdoutAndSvgFile(@TempDir Path temp) throws Exception {
        assumeTrue(Runtimes.hasLiveTopology(), "skipped: no topology provider on the test path");
        assumeTrue(Runtimes.hasScheduler(), "skipped: no scheduler (weft-scheduler-core) on the test path");
        Path plot = temp.resolve("scaling.svg");

        Cli r = Cli.run("bench", "--sizes", "64", "--threads", "1", "--fib", "15", "--tasks", "2000", "--json",
                "--plot", plot.toString());

        assertThat(r.exit()).as(r.err()).isZero();
        Map<String, Object> json = TestJson.object(r.out());
        List<?> gemm = (List<?>) json.get("gemm");
        assertThat(gemm).hasSize(2);
        assertThat(gemm).allSatisfy(row -> assertThat(TestJson.map(row)).containsEntry("size", java.math.BigDecimal.valueOf(64))
                .containsKeys("gflops", "speedup", "efficiency"));
        assertThat((List<?>) json.get("tasks")).hasSize(4);
        assertThat(r.err()).contains("weft bench: gemm n=64 threads=1").contains("weft bench: plot written to " + plot);
        Document svg = PlotData.parse(Files.readString(plot, StandardCharsets.UTF_8));
        assertThat(PlotData.elements(svg, "polyline")).extracting(e -> e.getAttribute("data-size") + "/" + e.getAttribute("data-pool"))
                .containsExactlyInAnyOrder("64/ideal", "64/weft", "64/forkjoin");
    }
}
