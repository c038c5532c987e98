package dev.weft.it;

import dev.weft.Weft;
import dev.weft.it.probe.ProbeModule;
import dev.weft.it.support.ChildJvm;
import dev.weft.it.support.ChildJvm.Result;
import dev.weft.it.support.Json;
import dev.weft.it.support.Launch;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How an application finds Weft's providers, checked in child JVMs exactly as users launch them: every Weft
 * jar on the module path (service binding through {@code provides}/{@code uses}) and on the class path
 * ({@code META-INF/services}). Two programs run there: the {@code weft} CLI and {@link dev.weft.it.probe.PoolProbe},
 * an application module that requires {@code dev.weft} only.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ServiceSelectionTest {

    private static final String FORCE_FALLBACK = "-Dweft.topology.provider=fallback";
    private static final String FORCE_UNKNOWN = "-Dweft.topology.provider=nosuch";

    @TempDir
    static Path work;

    private static Path probe;

    @BeforeAll
    static void compileProbe() throws IOException {
        probe = ProbeModule.compile(work);
    }

    /** The provider ServiceLoader should pick here without being told: Linux wherever sysfs describes CPUs. */
    static String expectedDefaultProvider() {
        return Files.isDirectory(Path.of("/sys/devices/system/cpu")) ? "linux" : "fallback";
    }

    @ParameterizedTest
    @EnumSource(Launch.class)
    void cliTopology_noProviderForced_picksTheLinuxProvider(Launch launch) {
        Result r = ChildJvm.run(launch.cli(List.of(), "topology", "--json"));

        assertThat(r.exitCode()).as(r.describe()).isZero();
        assertThat(provider(r)).as(r.describe()).isEqualTo(expectedDefaultProvider());
    }

    @ParameterizedTest
    @EnumSource(Launch.class)
    void cliTopology_fallbackForced_reportsTheFallbackProvider(Launch launch) {
        Result r = ChildJvm.run(launch.cli(List.of(FORCE_FALLBACK), "topology", "--json"));

        assertThat(r.exitCode()).as(r.describe()).isZero();
        assertThat(provider(r)).as(r.describe()).isEqualTo("fallback");
    }

    @ParameterizedTest
    @EnumSource(Launch.class)
    void cliTopology_unknownProviderForced_failsListingTheKnownNames(Launch launch) {
        Result r = ChildJvm.run(launch.cli(List.of(FORCE_UNKNOWN), "topology", "--json"));

        assertThat(r.exitCode()).as(r.describe()).isNotZero();
        assertThat(r.stderr()).as(r.describe()).contains("nosuch").contains("linux, fallback");
    }

    @ParameterizedTest
    @EnumSource(Launch.class)
    void cli_unknownSubcommand_exits2WithOneLineAndNoStackTrace(Launch launch) {
        Result r = ChildJvm.run(launch.cli(List.of(), "bogus"));

        assertThat(r.exitCode()).as(r.describe()).isEqualTo(2);
        assertThat(r.stderrLines()).as(r.describe()).hasSize(1);
        assertThat(r.stderr()).as(r.describe()).contains("bogus").doesNotContain("\tat ").doesNotContain("Exception");
        assertThat(r.stdout()).as(r.describe()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Launch.class)
    void newPool_noProviderForced_findsTheSchedulerAndRunsTasks(Launch launch) {
        Result r = runProbe(launch, List.of());

        assertThat(r.exitCode()).as(r.describe()).isZero();
        Map<String, String> out = keyValues(r);
        assertThat(out).as(r.describe())
                .containsEntry("result", "42,6")
                .containsEntry("topology", expectedDefaultProvider())
                .containsEntry("providers", "linux,fallback")
                .containsKey("scheduler");
        // The module a provider came from shows which mechanism found it: provides on the module path,
        // META-INF/services (the unnamed module) on the class path.
        boolean modular = launch == Launch.MODULE_PATH;
        assertThat(out.get("schedulerModule")).as(r.describe()).isEqualTo(modular ? "dev.weft.core" : "unnamed");
        assertThat(out.get("topologyModule")).as(r.describe())
                .isEqualTo(modular ? "dev.weft.numa." + expectedDefaultProvider() : "unnamed");
    }

    @ParameterizedTest
    @EnumSource(Launch.class)
    void newPool_fallbackForced_usesTheFallbackProvider(Launch launch) {
        Result r = runProbe(launch, List.of(FORCE_FALLBACK));

        assertThat(r.exitCode()).as(r.describe()).isZero();
        assertThat(keyValues(r)).as(r.describe()).containsEntry("topology", "fallback").containsEntry("result", "42,6");
    }

    @ParameterizedTest
    @EnumSource(Launch.class)
    void newPool_unknownProviderForced_failsListingTheKnownNames(Launch launch) {
        Result r = runProbe(launch, List.of(FORCE_UNKNOWN));

        assertThat(r.exitCode()).as(r.describe()).isNotZero();
        assertThat(r.stderr()).as(r.describe()).contains("IllegalArgumentException")
                .contains("'nosuch'").contains("linux, fallback");
    }

    @ParameterizedTest
    @EnumSource(Launch.class)
    void newPool_unknownSchedulerForced_failsListingTheKnownNames(Launch launch) {
        // The same jars are on this JVM's class path, so it sees the same scheduler names.
        String scheduler = Weft.schedulerProvider().name();

        Result r = runProbe(launch, List.of("-Dweft.scheduler=nosuch"));

        assertThat(r.exitCode()).as(r.describe()).isNotZero();
        assertThat(r.stderr()).as(r.describe()).contains("'nosuch'").contains("known schedulers are " + scheduler);
    }

    private static Result runProbe(Launch launch, List<String> jvmOptions) {
        return ChildJvm.run(launch.command(List.of(probe), jvmOptions, ProbeModule.NAME, ProbeModule.MAIN, List.of()));
    }

    private static String provider(Result r) {
        return String.valueOf(Json.member(Json.object(Json.parse(r.stdout())), "provider"));
    }

    private static Map<String, String> keyValues(Result r) {
        Map<String, String> out = new LinkedHashMap<>();
        r.stdout().lines().filter(l -> l.contains("=")).forEach(l -> out.put(l.substring(0, l.indexOf('=')),
                l.substring(l.indexOf('=') + 1)));
        return out;
    }
}
