package dev.weft.cli;

import dev.weft.topology.CpuKind;
import dev.weft.topology.CpuQuota;
import dev.weft.topology.CpuSet;
import dev.weft.topology.NumaNode;
import dev.weft.topology.Topology;

import java.util.Locale;
import java.util.Map;

/** {@code weft topology --json}: the schema is documented in {@code cli/README-json.md}. */
final class TopologyJson {

    private TopologyJson() {
    }

    static String render(Topology t, MachineInfo machine) {
        TopologyView view = new TopologyView(t);
        JsonWriter w = new JsonWriter().beginObject();
        w.field("provider", t.provider());
        w.name("nodes").beginArray();
        for (NumaNode n : t.nodes()) {
            w.beginObject(true)
                    .field("id", n.id())
                    .field("cpus", n.cpus().toList())
                    .name("memoryBytes");
            if (n.memoryBytes() < 0) {
                w.nullValue();
            } else {
                w.value(n.memoryBytes());
            }
            w.field("usableCpus", t.usableCpus(n.id()).toList()).endObject();
        }
        w.endArray();
        w.field("packages", t.packageCount());
        w.field("cores", t.coreCount());
        w.field("pus", t.puCount());
        w.name("nodeIds").beginArray(true);
        t.nodes().forEach(n -> w.value(n.id()));
        w.endArray();
        w.name("distances").beginArray(true);
        for (int[] row : t.distances()) {
            w.beginArray(true);
            for (int d : row) {
                w.value(d);
            }
            w.endArray();
        }
        w.endArray();
        w.name("caches").beginArray();
        for (TopologyView.CacheGroup g : view.cacheGroups()) {
            w.beginObject(true)
                    .field("level", g.level())
                    .field("type", g.type().jsonName())
                    .field("sizeBytes", g.sizeBytes())
                    .field("count", g.count())
                    .name("lineSize");
            if (g.lineSize() < 0) {
                w.nullValue();
            } else {
                w.value(g.lineSize());
            }
            w.endObject();
        }
        w.endArray();
        w.field("onlineCpus", t.onlineCpus().toList());
        w.field("allowedCpus", t.allowedCpus().toList());
        w.field("usableCpus", t.usableCpus().toList());
        w.name("cpuQuota");
        if (t.cpuQuota().isPresent()) {
            CpuQuota q = t.cpuQuota().get();
            w.beginObject(true).field("quotaMicros", q.quotaMicros()).field("periodMicros", q.periodMicros())
                    .field("cpus", q.cpus()).endObject();
        } else {
            w.nullValue();
        }
        w.field("defaultParallelism", t.defaultParallelism());
        w.name("cpuKinds").beginObject(true);
        for (Map.Entry<CpuKind, CpuSet> k : view.kinds().entrySet()) {
            w.field(k.getKey().name().toLowerCase(Locale.ROOT), k.getValue().toList());
        }
        w.endObject();
        w.name("machine");
        machine.writeJson(w, t);
        return w.endObject().toJson();
    }
}
