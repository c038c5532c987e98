package dev.weft.benchmarks.report;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReportTest {

    /** Two entries per run shape, as JMH writes them (trimmed to the fields the report reads). */
    private static final String AVERAGE_TIME = "[\n"
            + entry("FibBenchmark.recursiveTask", "avgt", "{\"n\":\"25\",\"pool\":\"weft\"}",
                    "\"scoreUnit\":\"ns/op\",\"rawData\":[[10.0,12.0],[11.0]]", "")
            + ",\n"
            + entry("FibBenchmark.recursiveTask", "avgt", "{\"n\":\"25\",\"pool\":\"forkjoin\"}",
                    "\"scoreUnit\":\"ns/op\",\"rawData\":[[20.0,22.0],[21.0]]", "")
            + ",\n"
            + entry("FibBenchmark.recursiveTask", "avgt", "{\"n\":\"25\",\"pool\":\"tpe\"}",
                    "\"scoreUnit\":\"ns/op\",\"rawData\":[[5,5],[5]]", "")
            + "\n]";

    private static String entry(String name, String mode, String params, String primary, String secondary) {
        return "{\"jmhVersion\":\"1.37\",\"benchmark\":\"dev.weft.benchmarks." + name + "\",\"mode\":\"" + mode + "\","
                + "\"forks\":2,\"jdkVersion\":\"17.0.15\",\"vmName\":\"OpenJDK 64-Bit Server VM\",\"vmVersion\":\"17.0.15+6\","
                + "\"jvmArgs\":[\"-Xms2g\"],\"warmupIterations\":2,\"warmupTime\":\"1 s\",\"measurementIterations\":3,"
                + "\"measurementTime\":\"1 s\",\"params\":" + params + ","
                + "\"primaryMetric\":{\"score\":11.0,\"scoreError\":\"NaN\"," + primary + "},"
                + "\"secondaryMetrics\":{" + secondary + "}}";
    }

    @Test
    void render_averageTime_givesRatioOfMediansWithQuartileInterval() {
        String md = new Report("weft", null, "primary", 0.5).render(AVERAGE_TIME, "fib.json");

        // weft {10, 11, 12}: median 11, Q1 10.5, Q3 11.5; forkjoin {20, 21, 22}: 21, 20.5, 21.5.
        assertThat(md).contains("### FibBenchmark.recursiveTask (avgt, ns/op; lower is better)");
        assertThat(md).contains("| n | weft | baseline | baseline median | weft / baseline |");
        assertThat(md).contains("| 25 | 11 [10.5, 11.5] | forkjoin | 21 [20.5, 21.5] | **0.524** [0.488, 0.561] |");
        assertThat(md).contains("| 25 | 11 [10.5, 11.5] | tpe | 5 [5, 5] | **2.20** [2.10, 2.30] |");
        assertThat(md).contains("JMH 1.37, JDK 17.0.15 (OpenJDK 64-Bit Server VM 17.0.15+6), 2 forks");
    }

    @Test
    void render_sampleTime_takesThePercentileOfEachIteration() {
        String json = "["
                + entry("WakeUpLatencyBenchmark.wakeOne", "sample", "{\"pool\":\"weft\"}",
                        "\"scoreUnit\":\"us/op\",\"rawDataHistogram\":[[[[4.0,1],[2.0,2],[9.0,1]],[[3.0,4]]],[[[5.0,3],[1.0,1]]]]", "")
                + ","
                + entry("WakeUpLatencyBenchmark.wakeOne", "sample", "{\"pool\":\"forkjoin\"}",
                        "\"scoreUnit\":\"us/op\",\"rawDataHistogram\":[[[[6.0,1]],[[6.0,1]]],[[[6.0,2]]]]", "")
                + "]";

        // weft iterations: p50 of {2,2,4,9} = 2, of {3,3,3,3} = 3, of {1,5,5,5} = 5; p99 = 9, 3, 5.
        String p50 = new Report("weft", null, "primary", 0.5).render(json, "wakeup.json");
        String p99 = new Report("weft", null, "primary", 0.99).render(json, "wakeup.json");

        assertThat(p50).contains("| 3 [2.5, 4] | forkjoin | 6 [6, 6] | **0.5** [0.417, 0.667] |");
        assertThat(p99).contains("| 5 [4, 7] | forkjoin | 6 [6, 6] |");
    }

    @Test
    void render_quotientMetric_dividesIterationByIteration() {
        String json = "["
                + entry("StealLatencyBenchmark.forkToIdleWorker", "avgt", "{\"pool\":\"weft\"}", "\"scoreUnit\":\"ns/op\",\"rawData\":[[1,1]]",
                        "\"forkToStartNanos\":{\"scoreUnit\":\"#\",\"rawData\":[[1000,3000]]},\"steals\":{\"scoreUnit\":\"#\",\"rawData\":[[10,20]]}")
                + ","
                + entry("StealLatencyBenchmark.forkToIdleWorker", "avgt", "{\"pool\":\"forkjoin\"}", "\"scoreUnit\":\"ns/op\",\"rawData\":[[1,1]]",
                        "\"forkToStartNanos\":{\"scoreUnit\":\"#\",\"rawData\":[[2000,2000]]},\"steals\":{\"scoreUnit\":\"#\",\"rawData\":[[10,10]]}")
                + "]";

        String md = new Report("weft", null, "forkToStartNanos/steals", 0.5).render(json, "steal.json");

        // weft per iteration: 100 and 150; forkjoin: 200 and 200.
        assertThat(md).contains("(avgt, forkToStartNanos/steals)");
        assertThat(md).contains("| 125 [113, 138] | forkjoin | 200 [200, 200] | **0.625** [0.563, 0.688] |");
    }

    @Test
    void render_implParameter_isFoundWithoutPoolParameter() {
        String json = "["
                + entry("GemmBenchmark.multiply", "thrpt", "{\"impl\":\"weft\",\"n\":\"256\"}", "\"scoreUnit\":\"ops/s\",\"rawData\":[[30,30]]", "")
                + ","
                + entry("GemmBenchmark.multiply", "thrpt", "{\"impl\":\"ejml\",\"n\":\"256\"}", "\"scoreUnit\":\"ops/s\",\"rawData\":[[10,10]]", "")
                + "]";

        String md = new Report("weft", null, "primary", 0.5).render(json, "gemm.json");

        assertThat(md).contains("(thrpt, ops/s; higher is better)");
        assertThat(md).contains("| 256 | 30 [30, 30] | ejml | 10 [10, 10] | **3** [3, 3] |");
    }

    @Test
    void render_missingSecondaryMetric_namesTheMetricsThatExist() {
        Report report = new Report("weft", null, "gflop", 0.5);

        assertThatThrownBy(() -> report.render(AVERAGE_TIME, "fib.json"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no secondary metric 'gflop'");
    }

    @Test
    void render_onlyMatchingNothing_printsNothing() {
        String md = new Report("weft", null, "gflop", 0.5).only("GemmBenchmark").render(AVERAGE_TIME, "fib.json");

        assertThat(md).isEmpty();
    }

    @Test
    void constructor_percentileOutOfRange_isRejectedWithTheAllowedRange() {
        assertThatThrownBy(() -> new Report("weft", null, "primary", 1.0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--percentile = 1.0 is invalid: allowed 0 < P < 1");
    }

    @Test
    void quantile_evenCount_interpolatesBetweenOrderStatistics() {
        double[] x = {4, 1, 3, 2};

        assertThat(Stats.median(x)).isEqualTo(2.5);
        assertThat(Stats.quantile(x, 0.25)).isEqualTo(1.75);
        assertThat(Stats.quantile(x, 1.0)).isEqualTo(4.0);
    }

    @Test
    void parse_nestedDocument_keepsTypesAndMemberOrder() {
        Object doc = Json.parse(" {\"b\": [1, -2.5e2, true, null], \"a\": \"x\\\"\\u0041\\n\"} ");

        assertThat(doc).isEqualTo(Map.of("b", java.util.Arrays.asList(1.0, -250.0, true, null), "a", "x\"A\n"));
        assertThat(List.copyOf(((Map<?, ?>) doc).keySet())).isEqualTo(List.of("b", "a"));
        assertThat(Json.parse("[]")).isEqualTo(List.of());
    }

    @Test
    void parse_malformedInput_namesOffsetAndExpectation() {
        assertThatThrownBy(() -> Json.parse("[1, 2"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("invalid JSON at offset 5: expected ',' or ']', found end of input");
        assertThatThrownBy(() -> Json.parse("{\"a\" 1}"))
                .hasMessage("invalid JSON at offset 5: expected ':', found '1'");
        assertThatThrownBy(() -> Json.parse("[1] x"))
                .hasMessage("invalid JSON at offset 4: expected end of input, found 'x'");
    }
}
