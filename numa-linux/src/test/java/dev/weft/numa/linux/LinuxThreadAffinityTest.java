package dev.weft.numa.linux;

import com.sun.jna.LastErrorException;
import com.sun.jna.NativeLong;
import dev.weft.spi.AffinityException;
import dev.weft.topology.CpuSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.ResourceBundle;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Pinning on this machine (CPUs 0-1) and the availability triple. Every test that pins does so in a thread it
 * starts and joins: the test runner's own threads keep their mask.
 */
@Timeout(30)
class LinuxThreadAffinityTest {

    private static final SysfsFiles LIVE = new SysfsFiles(Path.of("/"));

    private LinuxThreadAffinity affinity;
    private CpuSet runnerMaskBefore;

    @BeforeEach
    void nativeAffinity() {
        affinity = new LinuxThreadAffinity(false, NativeLibC::shared, LIVE);
        Assumptions.assumeTrue(affinity.isSupported(), () -> "JNA could not load libc here: " + affinity.unavailabilityCause());
        runnerMaskBefore = affinity.currentThreadCpus();
    }

    @AfterEach
    void runnerThreadKeepsItsMask() {
        if (runnerMaskBefore != null) {
            assertThat(affinity.currentThreadCpus()).isEqualTo(runnerMaskBefore);
        }
    }

    /** Runs {@code body} in a new thread, joins it, and returns its result or rethrows what it threw. */
    private static <T> T inFreshThread(Supplier<T> body) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                result.complete(body.get());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        }, "affinity-test");
        t.start();
        try {
            return result.get(20, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        } finally {
            t.join(TimeUnit.SECONDS.toMillis(20));
        }
    }

    @Test
    void allowedCpus_thisMachine_isZeroToOne() {
        assertThat(affinity.isSupported()).isTrue();
        assertThat(affinity.unavailabilityCause()).isEmpty();
        assertThat(affinity.allowedCpus().toList()).isEqualTo("0-1");
        assertThat(affinity.processMask()).contains(CpuSet.range(0, 1));
    }

    @Test
    void bindCurrentThread_cpu1_readsBackCpu1() throws Exception {
        Assumptions.assumeTrue(affinity.allowedCpus().contains(1), "this test needs CPU 1");

        List<Object> seen = inFreshThread(() -> {
            CpuSet before = affinity.currentThreadCpus();
            affinity.bindCurrentThread(CpuSet.of(1));
            return List.of(before, affinity.currentThreadCpus(), affinity.currentCpu());
        });

        assertThat(seen.get(0)).isEqualTo(affinity.allowedCpus());
        assertThat(seen.get(1)).isEqualTo(CpuSet.of(1));
        assertThat(seen.get(2)).isEqualTo(1);
    }

    @Test
    void bindCurrentThread_afterPinning_canMoveWithinAllowed() throws Exception {
        CpuSet allowed = affinity.allowedCpus();

        CpuSet last = inFreshThread(() -> {
            affinity.bindCurrentThread(CpuSet.of(allowed.first()));
            affinity.bindCurrentThread(allowed);
            return affinity.currentThreadCpus();
        });

        assertThat(last).isEqualTo(allowed);
    }

    @Test
    void bindCurrentThread_outsideAllowed_namesTheCpus() throws Exception {
        int outside = affinity.allowedCpus().last() + 1;

        assertThatThrownBy(() -> inFreshThread(() -> {
            affinity.bindCurrentThread(CpuSet.of(0, outside, 4000));
            return null;
        }))
                .isInstanceOf(AffinityException.class)
                .hasMessageContaining("CPUs " + CpuSet.of(outside, 4000) + " are outside")
                .satisfies(e -> assertThat(((AffinityException) e).errno()).isEqualTo(-1));
    }

    @Test
    void bindCurrentThread_empty_isRefused() {
        assertThatThrownBy(() -> affinity.bindCurrentThread(CpuSet.empty()))
                .isInstanceOf(AffinityException.class)
                .hasMessageContaining("empty");
    }

    @Test
    void disabledByFlag_isUnsupported_withCause() {
        LinuxThreadAffinity off = new LinuxThreadAffinity(true, () -> {
            throw new AssertionError("a disabled affinity must not load the library");
        }, LIVE);

        assertThat(off.isSupported()).isFalse();
        assertThat(off.unavailabilityCause()).get().extracting(Throwable::getMessage).asString()
                .contains(LinuxThreadAffinity.DISABLE_PROPERTY);
        assertThat(off.currentCpu()).isEqualTo(-1);
        assertThat(off.allowedCpus().toList()).isEqualTo("0-1");
        assertThatThrownBy(() -> off.bindCurrentThread(CpuSet.of(0)))
                .isInstanceOf(AffinityException.class)
                .hasMessageContaining("not supported")
                .hasMessageContaining(LinuxThreadAffinity.DISABLE_PROPERTY);
    }

    @Test
    void libraryThatCannotLoad_isUnsupported_withOneWarning_andNoError() {
        RecordingLogger log = new RecordingLogger();

        NativeLibC failed = NativeLibC.load(() -> {
            throw new UnsatisfiedLinkError("libjnidispatch.so: cannot open shared object file");
        }, log);
        LinuxThreadAffinity none = new LinuxThreadAffinity(false, () -> failed, LIVE);

        assertThat(failed.lib()).isNull();
        assertThat(log.warnings).hasSize(1).first().asString().contains("libjnidispatch.so");
        assertThat(none.isSupported()).isFalse();
        assertThat(none.unavailabilityCause()).containsInstanceOf(UnsatisfiedLinkError.class);
        assertThat(none.currentThreadCpus().toList()).isEqualTo("0-1");
        assertThatThrownBy(() -> none.bindCurrentThread(CpuSet.of(0))).isInstanceOf(AffinityException.class);
    }

    @Test
    void libraryWhoseClassesFailed_isUnsupported() {
        RecordingLogger log = new RecordingLogger();

        NativeLibC failed = NativeLibC.load(() -> {
            throw new NoClassDefFoundError("Could not initialize class com.sun.jna.Native");
        }, log);

        assertThat(failed.cause()).isInstanceOf(NoClassDefFoundError.class);
        assertThat(log.warnings).hasSize(1);
    }

    @Test
    void getAffinity_kernelMaskWiderThanBuffer_growsUntilItFits() throws Exception {
        FakeLibC fake = new FakeLibC(4096);
        LinuxThreadAffinity a = new LinuxThreadAffinity(false, () -> new NativeLibC(fake, null), LIVE);

        CpuSet mine = inFreshThread(a::currentThreadCpus);

        assertThat(mine).isEqualTo(CpuSet.of(0, 3000));
        assertThat(fake.sizesAsked).containsExactly(128L, 256L, 512L);
    }

    @Test
    void bindCurrentThread_systemCallFails_carriesErrno() {
        FakeLibC fake = new FakeLibC(1024);
        fake.setErrno = 1;
        LinuxThreadAffinity a = new LinuxThreadAffinity(false, () -> new NativeLibC(fake, null), LIVE);

        assertThatThrownBy(() -> a.bindCurrentThread(CpuSet.of(0)))
                .isInstanceOf(AffinityException.class)
                .hasMessageContaining("errno 1 (EPERM)")
                .satisfies(e -> assertThat(((AffinityException) e).errno()).isEqualTo(1));
    }

    @Test
    void bindCurrentThread_nonZeroReturn_isAnError() {
        FakeLibC fake = new FakeLibC(1024);
        fake.setReturn = -1;
        LinuxThreadAffinity a = new LinuxThreadAffinity(false, () -> new NativeLibC(fake, null), LIVE);

        assertThatThrownBy(() -> a.bindCurrentThread(CpuSet.of(0)))
                .isInstanceOf(AffinityException.class)
                .hasMessageContaining("returned -1");
    }

    @Test
    void errnoName_knownAndUnknown() {
        assertThat(LinuxThreadAffinity.errnoName(22)).isEqualTo("errno 22 (EINVAL)");
        assertThat(LinuxThreadAffinity.errnoName(99)).isEqualTo("errno 99");
    }

    /** A libc whose kernel has {@code kernelCpus} possible CPUs; the process may use CPUs 0 and 3000. */
    private static final class FakeLibC implements LibC {
        final int kernelBytes;
        final List<Long> sizesAsked = new ArrayList<>();
        int setErrno;
        int setReturn;

        FakeLibC(int kernelCpus) {
            this.kernelBytes = kernelCpus / 8;
        }

        @Override
        public int sched_getaffinity(int pid, NativeLong cpusetsize, long[] mask) {
            sizesAsked.add(cpusetsize.longValue());
            if (cpusetsize.longValue() < kernelBytes) {
                throw new LastErrorException("[22] Invalid argument");
            }
            mask[0] = 1;
            if (mask.length > 3000 / 64) {
                mask[3000 / 64] |= 1L << (3000 % 64);
            }
            return 0;
        }

        @Override
        public int sched_setaffinity(int pid, NativeLong cpusetsize, long[] mask) {
            if (setErrno != 0) {
                throw new LastErrorException("[" + setErrno + "] Operation not permitted");
            }
            return setReturn;
        }

        @Override
        public int sched_getcpu() {
            return 0;
        }
    }

    /** Captures what is logged. */
    private static final class RecordingLogger implements System.Logger {
        final List<String> warnings = new ArrayList<>();

        @Override
        public String getName() {
            return "test";
        }

        @Override
        public boolean isLoggable(Level level) {
            return true;
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
            if (level == Level.WARNING) {
                warnings.add(msg);
            }
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String format, Object... params) {
            if (level == Level.WARNING) {
                warnings.add(MessageFormat.format(format, params));
            }
        }
    }
}
