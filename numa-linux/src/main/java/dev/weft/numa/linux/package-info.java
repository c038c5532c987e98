/**
 * The Linux topology provider. {@link dev.weft.numa.linux.LinuxTopologyProvider} is the service;
 * {@code SysfsReader} and the readers it delegates to turn a sysfs/procfs tree under an injectable root into a
 * {@link dev.weft.topology.Topology}; {@code LinuxThreadAffinity} pins threads through JNA. Not exported.
 */
package dev.weft.numa.linux;
