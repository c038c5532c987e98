package dev.weft.core;

import dev.weft.AffinityMode;
import dev.weft.PoolConfig;
import dev.weft.Priority;
import dev.weft.Weft;
import dev.weft.topology.CpuSet;
import dev.weft.topology.Topology;
import jdk.jfr.EventType;
import jdk.jfr.FlightRecorder;
import jdk.jfr.Recording;
import jdk.jfr.SettingDescriptor;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Records a real JFR recording around two pools and reads it back: every Weft event type appears with its key
 * fields. Statistics are taken at the end of the recording ({@code period = endChunk}) while one pool still
 * runs, so the test needs no timing.
 */
class FlightRecorderEventsTest extends PoolTestBase {

    private static final List<String> EVENTS = List.of("dev.weft.PoolStarted", "dev.weft.PoolClosed",
            "dev.weft.WorkerStarted", "dev.weft.WorkerStopped", "dev.weft.AffinityBound", "dev.weft.AffinityFailed",
            "dev.weft.TaskRejected");

    @Test
    void recording_poolLifecycleAffinityRejectionsAndStatistics_areRecordedWithTheirFields(@TempDir Path dir)
            throws Exception {
        Topology t = Topology.builder().provider("fake").uniform(2, 1).build();
        Path file = dir.resolve("weft.jfr");
        try (Recording recording = new Recording()) {
            EVENTS.forEach(e -> recording.enable(e).withoutStackTrace());
            recording.enable("dev.weft.PoolStatistics").with("period", "endChunk");
            recording.start();

            // A pinned pool: started, bound, a rejection (queue full), shrunk by one worker, closed, a rejection.
            RecordingAffinity pins = new RecordingAffinity(CpuSet.range(0, 1));
            WorkStealingPool pinned = pool(PoolConfig.builder().name("jfr-pinned").parallelism(2).topology(t)
                    .affinityMode(AffinityMode.NODE).queueCapacity(1).build(), new FakeTopologyProvider(t, pins));
            await().atMost(Duration.ofSeconds(WAIT_S)).until(() -> pins.binds.size() == 2);
            CountDownLatch gate0 = blockWorker(pinned);
            CountDownLatch gate1 = blockWorker(pinned);
            pinned.submit(() -> 1);
            assertThatThrownBy(() -> pinned.submit(() -> 2, Priority.HIGH))
                    .isInstanceOf(RejectedExecutionException.class);
            gate0.countDown();
            gate1.countDown();
            assertThat(pinned.awaitQuiescence(WAIT_S, TimeUnit.SECONDS)).isTrue();
            pinned.setParallelism(1);
            await().atMost(Duration.ofSeconds(WAIT_S)).until(() -> pinned.stats().poolSize() == 1);
            pinned.close();
            assertThatThrownBy(() -> pinned.submit(() -> 3)).isInstanceOf(RejectedExecutionException.class);

            // A pool whose first worker dies (replaced), whose pinning fails, and that adds a spare for a blocked
            // task; still running when the recording ends.
            RecordingAffinity failing = new RecordingAffinity(CpuSet.range(0, 1));
            failing.failNext.set(new LinkageError("pretend failure inside the scheduler"));
            failing.failAll = true;
            WorkStealingPool unpinned = pool(PoolConfig.builder().name("jfr-unpinned").parallelism(1).topology(t)
                    .affinityMode(AffinityMode.NODE).uncaughtExceptionHandler((th, x) -> { }).build(),
                    new FakeTopologyProvider(t, failing));
            CountDownLatch release = new CountDownLatch(1);
            var blocked = unpinned.submit(() -> {
                Weft.managedBlock(ManagedBlockingTest.on(release));
                return null;
            });
            await().atMost(Duration.ofSeconds(WAIT_S)).until(() -> failing.bindCalls.get() == 3);
            release.countDown();
            blocked.get(WAIT_S, TimeUnit.SECONDS);
            assertThat(unpinned.awaitQuiescence(WAIT_S, TimeUnit.SECONDS)).isTrue();

            recording.stop();
            recording.dump(file);
        }
        List<RecordedEvent> events = RecordingFile.readAllEvents(file).stream()
                .filter(e -> e.getEventType().getName().startsWith("dev.weft."))
                .filter(e -> Set.of("jfr-pinned", "jfr-unpinned").contains(e.getString("poolName")))
                .toList();

        RecordedEvent started = only(events, "dev.weft.PoolStarted", pool("jfr-pinned"));
        assertThat(started.getInt("parallelism")).isEqualTo(2);
        assertThat(started.getString("topologyProvider")).isEqualTo("fake");
        assertThat(started.getInt("nodes")).isEqualTo(2);
        assertThat(started.getString("affinityMode")).isEqualTo("NODE");

        assertThat(of(events, "dev.weft.WorkerStarted", pool("jfr-pinned")))
                .extracting(e -> e.getInt("workerIndex") + "@" + e.getInt("node") + (e.getBoolean("spare") ? "s" : ""))
                .containsExactlyInAnyOrder("0@0", "1@1");
        assertThat(of(events, "dev.weft.AffinityBound", pool("jfr-pinned")))
                .extracting(e -> e.getInt("workerIndex") + ":" + e.getString("cpus"))
                .containsExactlyInAnyOrder("0:0", "1:1");
        assertThat(of(events, "dev.weft.TaskRejected", pool("jfr-pinned")))
                .extracting(e -> e.getString("reason") + "/" + e.getString("priority"))
                .containsExactly("queue full/HIGH", "shutdown/NORMAL");
        assertThat(of(events, "dev.weft.TaskRejected", pool("jfr-pinned")).get(0).getString("message"))
                .contains("queueCapacity = 1");
        assertThat(of(events, "dev.weft.WorkerStopped", pool("jfr-pinned")))
                .extracting(e -> e.getString("reason")).containsExactlyInAnyOrder("retired", "shutdown");
        assertThat(of(events, "dev.weft.WorkerStopped", pool("jfr-pinned")).stream()
                .mapToLong(e -> e.getLong("tasksRun")).sum()).isEqualTo(3);
        RecordedEvent closed = only(events, "dev.weft.PoolClosed", pool("jfr-pinned"));
        assertThat(closed.getLong("completed")).isEqualTo(3);
        assertThat(closed.getInt("parallelism")).isEqualTo(1);
        assertThat(closed.getLong("rejected")).isEqualTo(1); // the second rejection came after termination
        assertThat(closed.getString("topologyProvider")).isEqualTo("fake");
        assertThat(closed.getLong("lifetime")).isPositive();

        List<RecordedEvent> failed = of(events, "dev.weft.AffinityFailed", pool("jfr-unpinned"));
        assertThat(failed).hasSize(2);
        assertThat(failed).allSatisfy(e -> {
            assertThat(e.getInt("errno")).isEqualTo(22);
            assertThat(e.getString("message")).contains("pretend sched_setaffinity failure");
        });
        assertThat(failed).extracting(e -> e.getString("cpus")).containsExactlyInAnyOrder("0", "1");
        assertThat(of(events, "dev.weft.WorkerStarted", pool("jfr-unpinned")))
                .extracting(e -> e.getInt("workerIndex") + (e.getBoolean("spare") ? "s" : ""))
                .containsExactlyInAnyOrder("0", "0", "1s");
        assertThat(only(events, "dev.weft.WorkerStopped", pool("jfr-unpinned")).getString("reason"))
                .isEqualTo("died: java.lang.LinkageError: pretend failure inside the scheduler");
        assertThat(of(events, "dev.weft.PoolClosed", pool("jfr-unpinned"))).isEmpty();

        RecordedEvent stats = of(events, "dev.weft.PoolStatistics", pool("jfr-unpinned")).get(0);
        assertThat(stats.getLong("submitted")).isEqualTo(1);
        assertThat(stats.getLong("completed")).isEqualTo(1);
        assertThat(stats.getInt("parallelism")).isEqualTo(1);
        assertThat(stats.getLong("queuedTasks")).isZero();
        assertThat(of(events, "dev.weft.PoolStatistics", pool("jfr-pinned"))).isEmpty();
    }

    @Test
    void poolStatistics_defaultPeriod_isOneSecond() {
        WorkStealingPool p = pool(1); // loads the Weft events and registers the periodic hook
        assertThat(p.parallelism()).isEqualTo(1);
        try (Recording ignored = new Recording()) { // makes sure Flight Recorder is initialized
            EventType type = FlightRecorder.getFlightRecorder().getEventTypes().stream()
                    .filter(e -> e.getName().equals("dev.weft.PoolStatistics")).findFirst().orElseThrow();
            assertThat(type.getSettingDescriptors()).filteredOn(s -> s.getName().equals("period"))
                    .extracting(SettingDescriptor::getDefaultValue).containsExactly("1 s");
            assertThat(type.getCategoryNames()).containsExactly("Weft");
        }
    }

    private static Predicate<RecordedEvent> pool(String name) {
        return e -> name.equals(e.getString("poolName"));
    }

    private static List<RecordedEvent> of(List<RecordedEvent> events, String type, Predicate<RecordedEvent> filter) {
        return events.stream().filter(e -> e.getEventType().getName().equals(type)).filter(filter).toList();
    }

    private static RecordedEvent only(List<RecordedEvent> events, String type, Predicate<RecordedEvent> filter) {
        List<RecordedEvent> found = of(events, type, filter);
        assertThat(found).as(type).hasSize(1);
        return found.get(0);
    }
}
