/**
 * Weft's Linux topology provider: NUMA nodes, CPUs, caches and cgroup limits from sysfs and procfs (under an
 * injectable root, so recorded machines can be read), and thread pinning through {@code sched_setaffinity}
 * via JNA. Found with {@link java.util.ServiceLoader}; exports nothing.
 */
module dev.weft.numa.linux {
    requires dev.weft;
    requires com.sun.jna;

    provides dev.weft.spi.TopologyProvider with dev.weft.numa.linux.LinuxTopologyProvider;
}
