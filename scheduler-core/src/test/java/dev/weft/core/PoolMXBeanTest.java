package dev.weft.core;

import dev.weft.PoolConfig;
import dev.weft.PoolMXBean;
import dev.weft.PoolStats;
import dev.weft.Priority;
import org.junit.jupiter.api.Test;

import javax.management.Attribute;
import javax.management.JMX;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.RuntimeMBeanException;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The pool's MXBean, read and written through the platform MBean server as a JMX client would. */
class PoolMXBeanTest extends PoolTestBase {

    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();

    private WorkStealingPool registered(String name, int parallelism) {
        return pool(PoolConfig.builder().name(name).parallelism(parallelism).registerMXBean(true).build());
    }

    private static ObjectName nameOf(String pool) throws Exception {
        return new ObjectName(PoolMXBean.OBJECT_NAME_PREFIX + pool);
    }

    @Test
    void getAttribute_afterTasksRan_matchesStats() throws Exception {
        WorkStealingPool pool = registered("jmx-stats", 2);
        ObjectName name = nameOf("jmx-stats");
        for (int i = 0; i < 5; i++) {
            pool.submit(() -> 1).get(WAIT_S, TimeUnit.SECONDS);
        }
        pool.submit(() -> {
            throw new IllegalStateException("pretend failure");
        });
        assertThat(pool.awaitQuiescence(WAIT_S, TimeUnit.SECONDS)).isTrue();
        PoolStats stats = pool.stats();

        assertThat(server.getAttribute(name, "Name")).isEqualTo("jmx-stats");
        assertThat(server.getAttribute(name, "State")).isEqualTo("RUNNING");
        assertThat(server.getAttribute(name, "TopologyProvider")).isEqualTo("fake");
        assertThat(server.getAttribute(name, "Nodes")).isEqualTo(1);
        assertThat(server.getAttribute(name, "Parallelism")).isEqualTo(2);
        assertThat(server.getAttribute(name, "Submitted")).isEqualTo(stats.submitted()).isEqualTo(6L);
        assertThat(server.getAttribute(name, "Completed")).isEqualTo(stats.completed()).isEqualTo(6L);
        assertThat(server.getAttribute(name, "Failed")).isEqualTo(stats.failed()).isEqualTo(1L);
        assertThat(server.getAttribute(name, "Cancelled")).isEqualTo(0L);
        assertThat(server.getAttribute(name, "Rejected")).isEqualTo(0L);
        assertThat(server.getAttribute(name, "CallerRuns")).isEqualTo(0L);
        assertThat(server.getAttribute(name, "SameNodeSteals")).isEqualTo(stats.sameNodeSteals());
        assertThat(server.getAttribute(name, "OtherNodeSteals")).isEqualTo(0L);
        assertThat(server.getAttribute(name, "Parks")).isEqualTo(stats.parks());
        assertThat(server.getAttribute(name, "PoolSize")).isEqualTo(stats.poolSize()).isEqualTo(2);
        assertThat(server.getAttribute(name, "ActiveCount")).isEqualTo(0);
        assertThat(server.getAttribute(name, "QueuedTasks")).isEqualTo(0L);
        assertThat(server.getAttribute(name, "MaxThreads")).isEqualTo(2 + PoolConfig.DEFAULT_EXTRA_THREADS);
    }

    @Test
    void getAttribute_tasksWaitingOutside_countsThemPerPriority() throws Exception {
        WorkStealingPool pool = registered("jmx-queues", 1);
        ObjectName name = nameOf("jmx-queues");
        CountDownLatch gate = blockWorker(pool);
        pool.submit(() -> 1, Priority.HIGH);
        pool.submit(() -> 2, Priority.LOW);
        pool.submit(() -> 3, Priority.LOW);

        assertThat(server.getAttribute(name, "QueuedExternal")).isEqualTo(3L);
        assertThat(server.getAttribute(name, "QueuedExternalHigh")).isEqualTo(1L);
        assertThat(server.getAttribute(name, "QueuedExternalNormal")).isEqualTo(0L);
        assertThat(server.getAttribute(name, "QueuedExternalLow")).isEqualTo(2L);
        assertThat(server.getAttribute(name, "QueuedTasks")).isEqualTo(3L);
        assertThat(server.getAttribute(name, "ActiveCount")).isEqualTo(1);
        gate.countDown();
    }

    @Test
    void setAttribute_parallelism_resizesThePoolAndRefusesBadValuesClearly() throws Exception {
        WorkStealingPool pool = registered("jmx-resize", 1);
        ObjectName name = nameOf("jmx-resize");

        server.setAttribute(name, new Attribute("Parallelism", 3));
        assertThat(pool.parallelism()).isEqualTo(3);
        assertThat(server.getAttribute(name, "Parallelism")).isEqualTo(3);

        assertThatThrownBy(() -> server.setAttribute(name, new Attribute("Parallelism", 0)))
                .isInstanceOf(RuntimeMBeanException.class)
                .cause().isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("parallelism = 0").hasMessageContaining("1.." + PoolConfig.MAX_THREADS);
        assertThat(pool.parallelism()).isEqualTo(3);

        MBeanAttributeInfo[] attributes = server.getMBeanInfo(name).getAttributes();
        assertThat(Arrays.stream(attributes).filter(MBeanAttributeInfo::isWritable).map(MBeanAttributeInfo::getName))
                .containsExactly("Parallelism");
        assertThat(server.getMBeanInfo(name).getOperations()).isEmpty();
    }

    @Test
    void proxy_typedInterface_readsAndWrites() throws Exception {
        WorkStealingPool pool = registered("jmx-proxy", 1);
        PoolMXBean proxy = JMX.newMXBeanProxy(server, nameOf("jmx-proxy"), PoolMXBean.class);
        proxy.setParallelism(2);
        assertThat(pool.parallelism()).isEqualTo(2);
        assertThat(proxy.getName()).isEqualTo("jmx-proxy");
        assertThat(proxy.getParallelism()).isEqualTo(2);
    }

    @Test
    void close_registeredPool_unregistersBeforeTerminationIsReported() throws Exception {
        WorkStealingPool pool = registered("jmx-close", 1);
        ObjectName name = nameOf("jmx-close");
        assertThat(server.isRegistered(name)).isTrue();
        pool.close();
        assertThat(server.isRegistered(name)).isFalse();

        WorkStealingPool stopped = registered("jmx-stop", 1);
        stopped.shutdownNow();
        assertThat(stopped.awaitTermination(WAIT_S, TimeUnit.SECONDS)).isTrue();
        assertThat(server.isRegistered(nameOf("jmx-stop"))).isFalse();
    }

    @Test
    void create_duplicateName_isRefusedNamingTheObjectNameUntilTheFirstPoolTerminates() throws Exception {
        WorkStealingPool first = registered("jmx-dup", 1);
        assertThatThrownBy(() -> registered("jmx-dup", 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("dev.weft:type=Pool,name=jmx-dup")
                .hasMessageContaining("registerMXBean(false)");
        first.close();
        WorkStealingPool second = registered("jmx-dup", 1);
        assertThat(server.getAttribute(nameOf("jmx-dup"), "State")).isEqualTo("RUNNING");
        assertThat(second.parallelism()).isEqualTo(1);
    }

    @Test
    void create_withoutRegisterMXBean_registersNothing() throws Exception {
        pool(PoolConfig.builder().name("jmx-none").parallelism(1).build());
        assertThat(server.isRegistered(nameOf("jmx-none"))).isFalse();
    }
}
