package dev.weft.cli;

import dev.weft.cli.VectorRelaunch.Decision;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class VectorRelaunchTest {

    @Test
    void decide_moduleResolved_usesIt() {
        assertThat(VectorRelaunch.decide(true, false, true, true, false)).isEqualTo(Decision.RESOLVED);
        assertThat(VectorRelaunch.decide(false, true, true, true, true)).isEqualTo(Decision.RESOLVED);
    }

    @Test
    void decide_missingButAvailable_relaunchesOnlyFromMain() {
        assertThat(VectorRelaunch.decide(true, false, false, true, false)).isEqualTo(Decision.RELAUNCH);
        assertThat(VectorRelaunch.decide(false, false, false, true, false)).isEqualTo(Decision.IN_PROCESS);
    }

    @Test
    void decide_childStillWithoutModule_neverLoops() {
        assertThat(VectorRelaunch.decide(true, false, false, true, true)).isEqualTo(Decision.CHILD_WITHOUT_MODULE);
    }

    @Test
    void decide_noVectorOrNotInRuntime_staysScalarWithAReason() {
        assertThat(VectorRelaunch.decide(true, true, false, true, false)).isEqualTo(Decision.DISABLED_BY_OPTION);
        assertThat(VectorRelaunch.decide(true, false, false, false, false)).isEqualTo(Decision.NOT_IN_RUNTIME);
        assertThat(Decision.NOT_IN_RUNTIME.scalarReason()).contains("jdk.incubator.vector");
        assertThat(Decision.RESOLVED.scalarReason()).isEmpty();
    }

    @Test
    void decide_testJvm_neverRelaunches() {
        assertThat(VectorRelaunch.disabled().decide(false)).isNotEqualTo(Decision.RELAUNCH);
    }

    @Test
    void childCommand_processArgumentsKnown_sameCommandWithAddModulesFirst() {
        List<String> own = List.of("--enable-native-access=com.sun.jna", "-Xmx1g", "-m", "dev.weft.cli/dev.weft.cli.Main",
                "bench", "--sizes", "64");

        List<String> cmd = VectorRelaunch.childCommand("/jdk/bin/java", Optional.of(own), List.of("bench", "--sizes", "64"),
                null, null, "dev.weft.cli", "dev.weft.cli.Main");

        assertThat(cmd).containsExactly("/jdk/bin/java", "--add-modules=jdk.incubator.vector",
                "--enable-native-access=com.sun.jna", "-Xmx1g", "-m", "dev.weft.cli/dev.weft.cli.Main", "bench", "--sizes", "64");
    }

    @Test
    void childCommand_processArgumentsUnknownOnModulePath_rebuiltFromModulePath() {
        List<String> cmd = VectorRelaunch.childCommand("/jdk/bin/java", Optional.empty(), List.of("bench", "--json"),
                "/a.jar:/b.jar", "", "dev.weft.cli", "dev.weft.cli.Main");

        assertThat(cmd).containsExactly("/jdk/bin/java", "--add-modules=jdk.incubator.vector", "--module-path",
                "/a.jar:/b.jar", "--module", "dev.weft.cli/dev.weft.cli.Main", "bench", "--json");
    }

    @Test
    void childCommand_processArgumentsDoNotEndWithOurs_rebuiltFromClassPath() {
        List<String> cmd = VectorRelaunch.childCommand("/jdk/bin/java", Optional.of(List.of("something", "else")),
                List.of("bench"), null, "/a.jar", null, "dev.weft.cli.Main");

        assertThat(cmd).containsExactly("/jdk/bin/java", "--add-modules=jdk.incubator.vector", "-cp", "/a.jar",
                "dev.weft.cli.Main", "bench");
    }
}
