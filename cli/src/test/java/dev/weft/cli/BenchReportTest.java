package dev.weft.cli;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class BenchReportTest {

    private static BenchResult result(double fjpFibNs) {
        BenchSettings s = new BenchSettings(new int[] {256}, new int[] {1, 2}, 5, 30, 1000, VectorRelaunch.Decision.NOT_IN_RUNTIME);
        BenchMachine m = new BenchMachine("CPU \"X\"", 1, 2, 2, "0-1", 2, "linux", "work-stealing", "scalar",
                VectorRelaunch.Decision.NOT_IN_RUNTIME.scalarReason(), "17", "VM", "Linux", "0.1.0");
        List<BenchResult.Gemm> gemm = List.of(
                new BenchResult.Gemm(256, 1, BenchResult.WEFT, 10, 1, 1, 0.1, 5),
                new BenchResult.Gemm(256, 1, BenchResult.FORKJOIN, 10, 1, 1, 0.1, 5),
                new BenchResult.Gemm(256, 2, BenchResult.WEFT, 19, 1.9, 0.95, 0.05, 5),
                new BenchResult.Gemm(256, 2, BenchResult.FORKJOIN, 18, 1.8, 0.9, 0.05, 5));
        List<BenchResult.Task> tasks = List.of(
                new BenchResult.Task("fib", "fib(30)", BenchResult.WEFT, 50, 2_692_537, 2, 5),
                new BenchResult.Task("fib", "fib(30)", BenchResult.FORKJOIN, fjpFibNs, 2_692_537, 2, 5),
                new BenchResult.Task("execute", "execute", BenchResult.WEFT, 100, 2000, 2, 5),
                new BenchResult.Task("execute", "execute", BenchResult.FORKJOIN, 200, 2000, 2, 5));
        return new BenchResult(m, s, gemm, tasks, 12.5, java.time.LocalDate.of(2026, 12, 3));
    }

    @Test
    void json_fullResult_validWithTheAgreedFields() {
        Map<String, Object> json = TestJson.object(BenchReport.json(result(25)));

        List<?> gemm = (List<?>) json.get("gemm");
        assertThat(gemm).hasSize(4);
        assertThat(TestJson.map(gemm.get(2))).containsEntry("size", num("256")).containsEntry("threads", num("2"))
                .containsEntry("pool", "weft").containsEntry("gflops", num("19.0")).containsEntry("speedup", num("1.9"))
                .containsEntry("efficiency", num("0.95"));
        List<?> tasks = (List<?>) json.get("tasks");
        assertThat(TestJson.map(tasks.get(1))).containsEntry("workload", "fib").containsEntry("pool", "forkjoin")
                .containsEntry("nsPerTask", num("25.0"));
        Map<String, Object> machine = TestJson.map(json.get("machine"));
        assertThat(machine).containsEntry("cpuModel", "CPU \"X\"").containsEntry("kernel", "scalar")
                .containsEntry("vectorApi", false).containsEntry("topologyProvider", "linux");
        Map<String, Object> summary = TestJson.map(json.get("summary"));
        assertThat(summary).containsEntry("fibRatio", num("0.5")).containsEntry("executeRatio", num("2.0"));
    }

    @Test
    void json_nonFiniteNumbers_becomeNull() {
        Map<String, Object> json = TestJson.object(BenchReport.json(result(Double.NaN)));

        assertThat(TestJson.map(((List<?>) json.get("tasks")).get(1))).containsEntry("nsPerTask", null);
        assertThat(TestJson.map(json.get("summary"))).containsEntry("fibRatio", null);
    }

    @Test
    void text_fullResult_headerTablesAndSummary() {
        String text = BenchReport.text(result(25));

        assertThat(text)
                .contains("Kernel     scalar\n           scalar code, no Vector API: this Java runtime has no jdk.incubator.vector\n")
                .contains("    256        2  weft          19.00     1.90x       95.0%     5")
                .contains("fib(30)")
                .contains("Summary: best GEMM speedup weft 1.90x (n=256, 2 threads), forkjoin 1.80x (n=256, 2 threads)")
                .contains("fib task rate 0.50x, execute task rate 2.00x");
    }

    @Test
    void summarize_gemmRatio_isGeometricMeanOfPairs() {
        BenchReport.Summary s = BenchReport.summarize(result(25));

        assertThat(s.gemmRatio()).isCloseTo(Math.sqrt(19.0 / 18.0), org.assertj.core.data.Offset.offset(1e-12));
    }

    private static BigDecimal num(String v) {
        return new BigDecimal(v);
    }
}
