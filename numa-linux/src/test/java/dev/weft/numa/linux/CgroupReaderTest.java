package dev.weft.numa.linux;

import dev.weft.topology.CpuQuota;
import dev.weft.topology.CpuSet;
import dev.weft.topology.Topology;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * cgroup limits on a generated 16-CPU machine (no node folder, so one node): the CPU quota rows of the issue,
 * cgroup v1 and v2, the mount tables and the ways a process's cgroup is found.
 */
class CgroupReaderTest {

    @TempDir
    Path root;

    @BeforeEach
    void sixteenCpus() {
        Fixtures.write(root, "sys/devices/system/cpu/online", "0-15\n");
        for (int cpu = 0; cpu < 16; cpu++) {
            Fixtures.write(root, "sys/devices/system/cpu/cpu" + cpu + "/topology/core_id", cpu + "\n");
        }
    }

    private Topology read() {
        return SysfsReader.forDump(new SysfsFiles(root)).read();
    }

    private void cgroup2(String cgroupPath) {
        Fixtures.write(root, "proc/self/cgroup", "0::" + cgroupPath + "\n");
        Fixtures.write(root, "proc/self/mountinfo",
                "25 1 8:1 / / rw - ext4 /dev/sda1 rw\n"
                        + "30 25 0:26 / /sys/fs/cgroup rw,nosuid - cgroup2 cgroup2 rw,nsdelegate\n");
    }

    @ParameterizedTest(name = "cpu.max ''{0}'' on 16 CPUs -> {1}")
    @CsvSource(delimiter = '|', value = {
        "max 100000|16",
        "200000 100000|2",
        "150000 100000|2",
        "50000 100000|1",
        "200000|2",
        "200000 0|16",
        "1600000 100000|16",
        "9900000 100000|16",
    })
    void cpuMax_v2_defaultParallelism(String cpuMax, int expected) {
        cgroup2("/app.slice");
        Fixtures.write(root, "sys/fs/cgroup/app.slice/cpu.max", cpuMax + "\n");

        Topology t = read();

        assertThat(t.usableCpus().size()).isEqualTo(16);
        assertThat(t.defaultParallelism()).isEqualTo(expected);
    }

    @Test
    void cpuMax_withoutPeriod_defaultsTo100000() {
        cgroup2("/app.slice");
        Fixtures.write(root, "sys/fs/cgroup/app.slice/cpu.max", "250000\n");

        assertThat(read().cpuQuota()).contains(new CpuQuota(250_000, 100_000));
    }

    @Test
    void cpuMax_max_isNoQuota() {
        cgroup2("/");
        Fixtures.write(root, "sys/fs/cgroup/cpu.max", "max 100000\n");

        assertThat(read().cpuQuota()).isEmpty();
    }

    @ParameterizedTest(name = "cfs_quota_us {0}, cfs_period_us {1} on 16 CPUs -> {2}")
    @CsvSource({
        "-1, 100000, 16",
        "200000, 100000, 2",
        "150000, 100000, 2",
        "50000, 100000, 1",
        "300000, 0, 16",
    })
    void cfsQuota_v1_defaultParallelism(long quota, long period, int expected) {
        Fixtures.write(root, "proc/self/cgroup", "5:cpuset:/\n4:cpu,cpuacct:/docker/abc\n1:name=systemd:/docker/abc\n");
        Fixtures.write(root, "proc/mounts",
                "cgroup /sys/fs/cgroup/cpu,cpuacct cgroup rw,nosuid,nodev,noexec,relatime,cpuacct,cpu 0 0\n"
                        + "cgroup /sys/fs/cgroup/cpuset cgroup rw,nosuid,cpuset 0 0\n");
        Fixtures.write(root, "sys/fs/cgroup/cpu,cpuacct/docker/abc/cpu.cfs_quota_us", quota + "\n");
        Fixtures.write(root, "sys/fs/cgroup/cpu,cpuacct/docker/abc/cpu.cfs_period_us", period + "\n");

        assertThat(read().defaultParallelism()).isEqualTo(expected);
    }

    @Test
    void cpuset_v1_fromProcMounts() {
        Fixtures.write(root, "proc/self/cgroup", "5:cpuset:/job7\n");
        Fixtures.write(root, "proc/mounts", "cgroup /sys/fs/cgroup/cpuset cgroup rw,nosuid,cpuset 0 0\n");
        Fixtures.write(root, "sys/fs/cgroup/cpuset/job7/cpuset.cpus", "2-5\n");

        Topology t = read();

        assertThat(t.allowedCpus().toList()).isEqualTo("2-5");
        assertThat(t.defaultParallelism()).isEqualTo(4);
    }

    @Test
    void cpuset_v1_prefersEffectiveCpus() {
        Fixtures.write(root, "proc/self/cgroup", "5:cpuset:/job7\n");
        Fixtures.write(root, "proc/mounts", "cgroup /sys/fs/cgroup/cpuset cgroup rw,cpuset 0 0\n");
        Fixtures.write(root, "sys/fs/cgroup/cpuset/job7/cpuset.cpus", "2-5\n");
        Fixtures.write(root, "sys/fs/cgroup/cpuset/job7/cpuset.effective_cpus", "2-3\n");

        assertThat(read().allowedCpus().toList()).isEqualTo("2-3");
    }

    @Test
    void cpuset_hybridHost_v1ControllerWinsOverV2() {
        Fixtures.write(root, "proc/self/cgroup", "3:cpuset:/\n0::/\n");
        Fixtures.write(root, "proc/self/mountinfo",
                "34 31 0:31 / /sys/fs/cgroup/cpuset rw,relatime - cgroup cgroup rw,cpuset\n"
                        + "41 31 0:38 / /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw\n");
        Fixtures.write(root, "sys/fs/cgroup/cpuset/cpuset.cpus", "0-7\n");
        Fixtures.write(root, "sys/fs/cgroup/unified/cpuset.cpus.effective", "0-1\n");

        assertThat(read().allowedCpus().toList()).isEqualTo("0-7");
    }

    @Test
    void cpuset_oldCpusetFilesystem_atDevCpuset() {
        Fixtures.write(root, "proc/self/cpuset", "/batch/job1\n");
        Fixtures.write(root, "proc/mounts", "none /dev/cpuset cpuset rw 0 0\n");
        Fixtures.write(root, "dev/cpuset/batch/job1/cpus", "8-11\n");

        assertThat(read().allowedCpus().toList()).isEqualTo("8-11");
    }

    @Test
    void cpuset_v2_withoutProcSelfCgroup_usesProcSelfCpuset() {
        Fixtures.write(root, "proc/self/cpuset", "/uid_1/job_2/step_0\n");
        Fixtures.write(root, "proc/mounts", "none /cgroup/unified cgroup2 rw 0 0\n");
        Fixtures.write(root, "cgroup/unified/uid_1/job_2/step_0/cpuset.cpus.effective", "0-5\n");

        assertThat(read().allowedCpus().toList()).isEqualTo("0-5");
    }

    @Test
    void cpuset_mountRootOfAContainer_isStrippedFromThePath() {
        Fixtures.write(root, "proc/self/cgroup", "0::/kubepods/pod1/ctr\n");
        Fixtures.write(root, "proc/self/mountinfo",
                "30 25 0:26 /kubepods/pod1 /sys/fs/cgroup rw - cgroup2 cgroup2 rw\n");
        Fixtures.write(root, "sys/fs/cgroup/ctr/cpuset.cpus.effective", "3\n");
        Fixtures.write(root, "sys/fs/cgroup/ctr/cpu.max", "100000 100000\n");

        Topology t = read();

        assertThat(t.allowedCpus()).isEqualTo(CpuSet.of(3));
        assertThat(t.cpuQuota()).contains(new CpuQuota(100_000, 100_000));
    }

    @Test
    void cpuset_missingFolder_nearestExistingAncestorAnswers() {
        cgroup2("/user.slice/user-0.slice/session-1.scope");
        Fixtures.write(root, "sys/fs/cgroup/cpuset.cpus.effective", "0-3\n");
        Fixtures.write(root, "sys/fs/cgroup/user.slice/cpuset.cpus.effective", "0-5\n");

        assertThat(read().allowedCpus().toList()).isEqualTo("0-5");
    }

    @Test
    void cpuset_pathLeavingTheRoot_isNotFollowed() {
        cgroup2("/../../../../../../../etc");
        Fixtures.write(root, "sys/fs/cgroup/cpuset.cpus.effective", "0-3\n");

        assertThat(read().allowedCpus().toList()).isEqualTo("0-3");
    }

    @Test
    void mountPoint_withOctalEscapes_isDecoded() {
        Fixtures.write(root, "proc/self/cgroup", "0::/\n");
        Fixtures.write(root, "proc/self/mountinfo", "30 25 0:26 / /my\\040cgroup rw - cgroup2 cgroup2 rw\n");
        Fixtures.write(root, "my cgroup/cpuset.cpus.effective", "1\n");

        assertThat(read().allowedCpus()).isEqualTo(CpuSet.of(1));
        assertThat(CgroupReader.unescape("a\\040b\\134c\\x")).isEqualTo("a b\\c\\x");
    }

    @Test
    void statusMask_readsCpusAllowedList() {
        Fixtures.write(root, "proc/self/status", "Name:\tjava\nCpus_allowed_list:\t0-3,8\n");

        assertThat(new CgroupReader(new SysfsFiles(root)).statusMask()).contains(CpuSet.parseList("0-3,8"));
        assertThat(new CgroupReader(new SysfsFiles(root.resolve("nothing"))).statusMask()).isEqualTo(Optional.empty());
    }
}
