package dev.weft.cli;

import dev.weft.topology.Cache;
import dev.weft.topology.CpuKind;
import dev.weft.topology.CpuSet;
import dev.weft.topology.NumaNode;
import dev.weft.topology.Topology;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code weft topology}: a readable report. A summary (provider, counts, usable CPUs, quota, default
 * parallelism, caches), then the tree node -> package -> core -> CPUs with every cache at the smallest part of
 * the tree that holds all its CPUs, then the node distance matrix.
 */
final class TopologyText {

    private final Topology t;
    private final TopologyView view;
    private final StringBuilder sb = new StringBuilder();

    private TopologyText(Topology t) {
        this.t = t;
        this.view = new TopologyView(t);
    }

    static String render(Topology t, MachineInfo machine) {
        return new TopologyText(t).report(machine);
    }

    private String report(MachineInfo machine) {
        line("Machine     %s", t.cpuModel());
        line("            %s, %s, %s, %s (hardware threads)", Units.count(t.nodes().size(), "NUMA node"),
                Units.count(t.packageCount(), "package"), Units.count(t.coreCount(), "core"), Units.count(t.puCount(), "PU"));
        line("Source      %s", machine.isLive()
                ? "this machine (" + MachineInfo.os().strip() + ", JDK " + MachineInfo.jdk() + ")"
                : "sysfs dump " + machine.root());
        line("Provider    %s", t.provider());
        CpuSet usable = t.usableCpus();
        line("CPUs        usable %s (%s); online %s; allowed %s", list(usable), Units.count(usable.size(), "CPU"),
                list(t.onlineCpus()), list(t.allowedCpus()));
        line("CPU quota   %s", t.cpuQuota()
                .map(q -> Units.decimal((double) q.quotaMicros() / q.periodMicros(), 2) + " CPUs (" + q.quotaMicros()
                        + " us per " + q.periodMicros() + " us period), counted as " + q.cpus())
                .orElse("none"));
        line("Parallelism %d by default (usable CPUs%s)", t.defaultParallelism(),
                t.cpuQuota().isPresent() ? ", capped by the CPU quota" : "");
        line("Caches      %s", view.cacheGroups().isEmpty() ? "none reported" : view.cacheGroups().stream()
                .map(g -> TopologyView.label(g.level(), g.type()) + " " + Units.bytes(g.sizeBytes()) + " x" + g.count())
                .collect(Collectors.joining(", ")));
        Map<CpuKind, CpuSet> kinds = view.kinds();
        if (kinds.size() > 1 || !kinds.containsKey(CpuKind.UNIFORM)) {
            line("CPU kinds   %s", kinds.entrySet().stream()
                    .map(e -> kindName(e.getKey()) + " " + e.getValue().toList()).collect(Collectors.joining("; ")));
        }
        sb.append('\n');
        tree();
        sb.append('\n');
        distances();
        return sb.toString();
    }

    private void tree() {
        for (NumaNode n : t.nodes()) {
            if (n.isCpuless()) {
                line("Node %d: no CPUs, memory %s", n.id(), Units.bytes(n.memoryBytes()));
                continue;
            }
            CpuSet usable = t.usableCpus(n.id());
            line("Node %d: CPUs %s%s, memory %s", n.id(), n.cpus().toList(),
                    usable.equals(n.cpus()) ? "" : " (usable " + list(usable) + ")", Units.bytes(n.memoryBytes()));
            for (Cache c : view.nodeCaches(n.id())) {
                line("  %s", cache(c, true));
            }
            for (TopologyView.PackagePart p : view.packagesOf(n.id())) {
                line("  Package %d: CPUs %s", p.packageId(), p.cpus().toList());
                for (Cache c : p.caches()) {
                    line("    %s", cache(c, !c.sharedBy().intersect(t.onlineCpus()).equals(p.cpus())));
                }
                for (TopologyView.Core core : p.cores()) {
                    String caches = core.caches().stream().map(c -> cache(c, false)).collect(Collectors.joining(", "));
                    line("    Core %d%s: %s %s%s", core.coreId(),
                            core.kind() == CpuKind.UNIFORM ? "" : " (" + kindName(core.kind()) + ")",
                            core.cpus().size() == 1 ? "CPU" : "CPUs", core.cpus().toList(),
                            caches.isEmpty() ? "" : "   " + caches);
                }
            }
        }
        List<Cache> shared = view.machineCaches();
        if (!shared.isEmpty()) {
            line("Shared across nodes: %s", shared.stream().map(c -> cache(c, true)).collect(Collectors.joining(", ")));
        }
    }

    private void distances() {
        List<NumaNode> nodes = t.nodes();
        int[][] d = t.distances();
        int width = 2;
        for (NumaNode n : nodes) {
            width = Math.max(width, String.valueOf(n.id()).length());
        }
        for (int[] row : d) {
            for (int v : row) {
                width = Math.max(width, String.valueOf(v).length());
            }
        }
        String cell = " %" + (width + 1) + "s";
        line("Node distances (relative memory latency, 10 = local):");
        StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "  %" + (width + 5) + "s", "node"));
        for (NumaNode n : nodes) {
            head.append(String.format(Locale.ROOT, cell, n.id()));
        }
        line("%s", head);
        for (int i = 0; i < nodes.size(); i++) {
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "  %" + (width + 5) + "s", nodes.get(i).id()));
            for (int v : d[i]) {
                row.append(String.format(Locale.ROOT, cell, v));
            }
            line("%s", row);
        }
    }

    private String cache(Cache c, boolean withCpus) {
        String s = TopologyView.label(c.level(), c.type()) + " " + Units.bytes(c.sizeBytes());
        return withCpus ? s + " (CPUs " + c.sharedBy().intersect(t.onlineCpus()).toList() + ")" : s;
    }

    private static String list(CpuSet s) {
        return s.isEmpty() ? "none" : s.toList();
    }

    private static String kindName(CpuKind k) {
        return k.name().toLowerCase(Locale.ROOT);
    }

    private void line(String format, Object... args) {
        sb.append(String.format(Locale.ROOT, format, args)).append('\n');
    }
}
