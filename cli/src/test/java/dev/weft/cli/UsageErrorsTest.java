package dev.weft.cli;

import dev.weft.Weft;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Every user mistake: one line on stderr starting with "weft: ", nothing on stdout, exit 2, no stack trace. */
class UsageErrorsTest {

    @TempDir
    static Path temp;

    static Stream<Arguments> mistakes() throws IOException {
        Path file = Files.writeString(temp.resolve("a-file"), "not a folder");
        String missing = temp.resolve("does-not-exist").toString();
        return Stream.of(
                Arguments.of(new String[] {"bench", "--sizes", "abc"}, "--sizes abc is invalid: 'abc' is not a whole number"),
                Arguments.of(new String[] {"bench", "--threads", "0"}, "weft: --threads 0 is invalid: allowed 1..32767"),
                Arguments.of(new String[] {"bench", "--threads", "1,0"}, "0 is out of range; allowed 1..32767"),
                Arguments.of(new String[] {"bench", "--threads", "1,,2"}, "'' is not a whole number"),
                Arguments.of(new String[] {"bench", "--threads", "99999999999"}, "allowed 1..32767"),
                Arguments.of(new String[] {"bench", "--sizes", "5000"}, "--sizes 5000 is invalid: allowed 1..4096"),
                Arguments.of(new String[] {"bench", "--sizes", ""}, "--sizes '' is invalid"),
                Arguments.of(new String[] {"bench", "--sizes"}, "missing required parameter for option '--sizes'"),
                Arguments.of(new String[] {"bench", "--sizes", "64", "--sizes", "128"}, "--sizes"),
                Arguments.of(new String[] {"bench", "--runs", "3"}, "--runs 3 is invalid: allowed 5..1000"),
                Arguments.of(new String[] {"bench", "--runs", "5,6"}, "one number expected"),
                Arguments.of(new String[] {"bench", "--fib", "99"}, "--fib 99 is invalid: allowed 2..35"),
                Arguments.of(new String[] {"bench", "--runs", "five"}, "--runs five is invalid: 'five' is not a whole number; allowed 5..1000"),
                Arguments.of(new String[] {"bench", "--sizes", "x"}, "'x' is not a whole number; allowed 1..4096, several separated by commas"),
                Arguments.of(new String[] {"bench", "--tasks", "-1"}, "--tasks -1 is invalid"),
                Arguments.of(new String[] {"bench", "--turbo"}, "unknown option '--turbo' for 'weft bench'"),
                Arguments.of(new String[] {"frobnicate"}, "weft: unknown command 'frobnicate': the commands are topology, bench"),
                Arguments.of(new String[] {"topolgy"}, "did you mean topology?"),
                Arguments.of(new String[] {"--frobnicate"}, "unknown option '--frobnicate'"),
                Arguments.of(new String[] {}, "weft: missing command"),
                Arguments.of(new String[] {"topology", "--jsn"}, "unknown option '--jsn' for 'weft topology' (did you mean --json?)"),
                Arguments.of(new String[] {"topology", "extra"}, "unexpected argument 'extra' for 'weft topology'"),
                Arguments.of(new String[] {"topology", "--root", missing}, "--root " + missing + ": no such folder"),
                Arguments.of(new String[] {"topology", "--root", file.toString()}, "is not a folder"),
                Arguments.of(new String[] {"topology", "--root"}, "missing required parameter for option '--root'"),
                Arguments.of(new String[] {"topology", "--root="}, "--root '' is invalid: give the folder that holds sys/devices/system"),
                Arguments.of(new String[] {"bench", "--plot", missing + "/plot.svg"}, "--plot " + missing + "/plot.svg: no such folder " + missing),
                Arguments.of(new String[] {"bench", "--plot", file + "/plot.svg"}, "--plot " + file + "/plot.svg: " + file + " is not a folder"),
                Arguments.of(new String[] {"bench", "--plot", temp.toString()}, "--plot " + temp + " is a folder: give a file name"),
                Arguments.of(new String[] {"bench", "--plot", " "}, "--plot ' ' is invalid: give a file name"),
                Arguments.of(new String[] {"bench", "--json", "--plot", missing + "/p.svg", "--sizes", "64"}, "no such folder"),
                Arguments.of(new String[] {"bench", "--plot"}, "missing required parameter for option '--plot'"));
    }

    @ParameterizedTest
    @MethodSource("mistakes")
    void run_badArguments_oneLineAndExit2(String[] args, String expected) {
        Cli r = Cli.run(args);

        assertThat(r.exit()).as("exit code of %s", String.join(" ", args)).isEqualTo(Main.EXIT_USAGE);
        assertThat(r.out()).isEmpty();
        assertThat(r.errLines()).hasSize(1);
        assertThat(r.errLines()[0]).startsWith("weft: ").contains(expected);
        assertNoStackTrace(r.err());
    }

    @ParameterizedTest
    @ValueSource(strings = {"--runs", "--fib", "--tasks"})
    void run_singleValueOptionNotANumber_doesNotSuggestSeveralValues(String option) {
        Cli r = Cli.run("bench", option, "abc");

        assertThat(r.exit()).isEqualTo(Main.EXIT_USAGE);
        assertThat(r.errLines()).hasSize(1);
        assertThat(r.errLines()[0]).contains(option + " abc is invalid: 'abc' is not a whole number; allowed ")
                .doesNotContain("several");
    }

    @Test
    void run_unknownTopologyProviderForced_oneLineAndExit2() {
        String key = Weft.TOPOLOGY_PROVIDER_PROPERTY;
        String before = System.getProperty(key);
        System.setProperty(key, "no-such-provider");
        try {
            Cli r = Cli.run("topology", "--root", temp.toString());

            assertThat(r.exit()).isEqualTo(Main.EXIT_USAGE);
            assertThat(r.errLines()).hasSize(1);
            assertThat(r.errLines()[0]).startsWith("weft: unknown topology provider 'no-such-provider'");
            assertNoStackTrace(r.err());
        } finally {
            if (before == null) {
                System.clearProperty(key);
            } else {
                System.setProperty(key, before);
            }
        }
    }

    @Test
    void run_plotInReadOnlyFolder_oneLineAndExit2BeforeMeasuring() throws IOException {
        Path folder = Files.createDirectory(temp.resolve("read-only"));
        assumeTrue(folder.toFile().setWritable(false, false), "skipped: cannot make a folder read-only here");
        try {
            assumeFalse(Files.isWritable(folder), "skipped: this user (root?) may write into read-only folders");

            Cli r = Cli.run("bench", "--plot", folder.resolve("plot.svg").toString());

            assertThat(r.exit()).isEqualTo(Main.EXIT_USAGE);
            assertThat(r.out()).isEmpty();
            assertThat(r.errLines()).containsExactly("weft: --plot " + folder.resolve("plot.svg") + ": the folder " + folder
                    + " is not writable (permission denied)");
        } finally {
            folder.toFile().setWritable(true, false);
        }
    }

    @Test
    void run_plotInAFolderNoFileCanBeCreatedIn_oneLineAndExit2EvenForRoot() {
        // /proc takes no new files from anyone; Files.isWritable still says yes to root, so only a real attempt
        // catches it before the bench runs.
        assumeTrue(Files.isDirectory(Path.of("/proc")), "skipped: no /proc on this system");

        Cli r = Cli.run("bench", "--plot", "/proc/weft-plot.svg", "--sizes", "8", "--no-tasks");

        assertThat(r.exit()).isEqualTo(Main.EXIT_USAGE);
        assertThat(r.out()).isEmpty();
        assertThat(r.errLines()).hasSize(1);
        assertThat(r.errLines()[0]).startsWith("weft: --plot /proc/weft-plot.svg: the folder /proc is not writable (")
                .doesNotContain("java.");
        assertNoStackTrace(r.err());
    }

    static void assertNoStackTrace(String err) {
        assertThat(err).doesNotContain("\tat ").doesNotContain("Exception").doesNotContain("Caused by")
                .doesNotContain("WARNING: Using incubator modules");
    }
}
