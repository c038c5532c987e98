package dev.weft.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import static org.assertj.core.api.Assertions.assertThat;

class BenchArgumentsTest {

    private static BenchCommand parse(String... args) {
        CommandLine cmd = Main.commandLine(VectorRelaunch.disabled());
        CommandLine.ParseResult parsed = cmd.parseArgs(args);
        return (BenchCommand) parsed.subcommand().commandSpec().userObject();
    }

    @Test
    void parse_noOptions_defaults() {
        BenchCommand b = parse("bench");

        assertThat(b.sizes).containsExactly(256, 512, 1024);
        assertThat(b.threads).isNull();
        assertThat(b.runs).isEqualTo(5);
        assertThat(b.fib).isEqualTo(30);
        assertThat(b.tasks).isEqualTo(250_000);
        assertThat(b.json).isFalse();
        assertThat(b.noTasks).isFalse();
        assertThat(b.noVector).isFalse();
    }

    @Test
    void parse_lists_sortedDistinctAndSpacesAllowed() {
        BenchCommand b = parse("bench", "--sizes", "512, 64,512", "--threads=4,1,2", "--json", "--runs", "7",
                "--fib", "12", "--tasks", "1000", "--no-tasks", "--no-vector");

        assertThat(b.sizes).containsExactly(64, 512);
        assertThat(b.threads).containsExactly(1, 2, 4);
        assertThat(b.runs).isEqualTo(7);
        assertThat(b.fib).isEqualTo(12);
        assertThat(b.tasks).isEqualTo(1000);
        assertThat(b.json).isTrue();
        assertThat(b.noTasks).isTrue();
        assertThat(b.noVector).isTrue();
    }

    @Test
    void parse_plot_relativePathKeptAndAbsentByDefault() {
        assertThat(parse("bench", "--plot", "target/scaling.svg").plot).isEqualTo(java.nio.file.Path.of("target/scaling.svg"));
        assertThat(parse("bench", "--json").plot).isNull();
    }

    @Test
    void withBaseline_withoutOne_addsOneFirst() {
        assertThat(BenchCommand.withBaseline(new int[] {2, 4})).containsExactly(1, 2, 4);
        assertThat(BenchCommand.withBaseline(new int[] {1, 2})).containsExactly(1, 2);
    }

    @Test
    void defaultThreads_parallelism_powersOfTwoThenParallelism() {
        assertThat(BenchCommand.defaultThreads(1)).containsExactly(1);
        assertThat(BenchCommand.defaultThreads(2)).containsExactly(1, 2);
        assertThat(BenchCommand.defaultThreads(6)).containsExactly(1, 2, 4, 6);
        assertThat(BenchCommand.defaultThreads(8)).containsExactly(1, 2, 4, 8);
    }

    @Test
    void fibTaskCount_thirty_isTwiceFib31MinusOne() {
        assertThat(BenchSettings.fibonacci(31)).isEqualTo(1_346_269L);
        assertThat(BenchSettings.fibTaskCount(30)).isEqualTo(2_692_537L);
        assertThat(BenchSettings.fibTaskCount(1)).isEqualTo(1L);
        assertThat(BenchSettings.fibTaskCount(2)).isEqualTo(3L);
    }

    @Test
    void parse_intList_messagesNameOptionValueAndRange() {
        assertThat(IntList.parse("--sizes", " 3 ,1,3", 1, 9)).containsExactly(1, 3);
        assertThat(IntList.format(new int[] {1, 2, 4})).isEqualTo("1,2,4");
    }
}
