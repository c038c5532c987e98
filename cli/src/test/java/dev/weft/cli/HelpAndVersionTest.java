package dev.weft.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HelpAndVersionTest {

    @Test
    void run_help_listsCommandsOnStdout() {
        Cli r = Cli.run("--help");

        assertThat(r.exit()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).contains("Usage: weft").contains("topology").contains("bench").contains("Exit codes");
    }

    @Test
    void run_benchHelp_listsOptions() {
        Cli r = Cli.run("bench", "--help");

        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("--sizes").contains("--threads").contains("--json").contains("--no-vector")
                .contains("--plot=FILE.svg").contains("ForkJoinPool dashed");
    }

    @Test
    void run_helpSubcommand_showsTopologyUsage() {
        Cli r = Cli.run("help", "topology");

        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("--root").contains("--json");
    }

    @Test
    void run_version_printsWeftAndJdk() {
        Cli r = Cli.run("--version");

        assertThat(r.exit()).isZero();
        assertThat(r.out()).startsWith("weft 0.").contains("JDK " + System.getProperty("java.runtime.version"));
    }
}
