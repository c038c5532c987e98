/**
 * The machine model: {@link dev.weft.topology.Topology}, its {@link dev.weft.topology.NumaNode nodes},
 * {@link dev.weft.topology.Cpu CPUs} and {@link dev.weft.topology.Cache caches}, and the immutable
 * {@link dev.weft.topology.CpuSet} with the kernel's cpulist and hex mask forms.
 */
package dev.weft.topology;
