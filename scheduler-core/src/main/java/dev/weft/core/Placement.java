package dev.weft.core;

import dev.weft.AffinityMode;
import dev.weft.topology.CpuSet;
import dev.weft.topology.NumaNode;
import dev.weft.topology.Topology;

import java.util.ArrayList;
import java.util.List;

/**
 * Where workers live: which NUMA node each worker slot belongs to, the order in which a node's thieves visit
 * other nodes, the CPUs a worker is pinned to, and where a task hinted to a worker-less node goes.
 *
 * <p>Immutable apart from the slot-to-node sequence, which grows on demand under the pool's worker lock.
 * Nodes are addressed by index (position in {@link Topology#nodes()}); kernel ids may be sparse.
 *
 * <p><b>Assignment.</b> Slots are dealt to nodes by smooth weighted round robin with each node's usable CPU
 * count as its weight, so the first {@code n} slots split in proportion to usable CPUs (within one worker per
 * node): an injected 8-node topology of 2 CPUs each with 16 workers gets 2 workers per node. A node without
 * usable CPUs gets no worker; tasks hinted to it go to the nearest node that has some.
 */
final class Placement {

    private final Topology topology;
    private final int[] nodeIds;
    private final int[] weights;
    private final int totalWeight;
    private final int[][] stealOrder;
    private final int[] redirect;
    private final List<List<CpuSet>> coresByNode;
    /** Slot index -> node index; grown under the pool's worker lock. */
    private int[] slotNodes = new int[0];
    private int[] current;

    Placement(Topology topology) {
        this.topology = topology;
        List<NumaNode> nodes = topology.nodes();
        int n = nodes.size();
        this.nodeIds = new int[n];
        this.weights = new int[n];
        int total = 0;
        for (int i = 0; i < n; i++) {
            nodeIds[i] = nodes.get(i).id();
            weights[i] = topology.usableCpus(nodeIds[i]).size();
            total += weights[i];
        }
        if (total == 0) {
            // No node reports a usable CPU (a hand-made topology): spread evenly rather than refuse.
            for (int i = 0; i < n; i++) {
                weights[i] = 1;
            }
            total = n;
        }
        this.totalWeight = total;
        this.current = new int[n];
        this.stealOrder = new int[n][];
        this.redirect = new int[n];
        for (int i = 0; i < n; i++) {
            List<Integer> order = topology.nodesByDistance(nodeIds[i]);
            stealOrder[i] = order.stream().mapToInt(this::indexOf).toArray();
            redirect[i] = i;
            if (weights[i] == 0) {
                for (int other : stealOrder[i]) {
                    if (weights[other] > 0) {
                        redirect[i] = other;
                        break;
                    }
                }
            }
        }
        this.coresByNode = new ArrayList<>(n);
        CpuSet usable = topology.usableCpus();
        for (int i = 0; i < n; i++) {
            CpuSet nodeCpus = nodes.get(i).cpus();
            List<CpuSet> cores = new ArrayList<>();
            for (CpuSet core : topology.cores()) {
                CpuSet inNode = core.intersect(nodeCpus).intersect(usable);
                if (!inNode.isEmpty()) {
                    cores.add(inNode);
                }
            }
            coresByNode.add(cores);
        }
    }

    int nodeCount() {
        return nodeIds.length;
    }

    int nodeId(int nodeIndex) {
        return nodeIds[nodeIndex];
    }

    int indexOf(int nodeId) {
        for (int i = 0; i < nodeIds.length; i++) {
            if (nodeIds[i] == nodeId) {
                return i;
            }
        }
        throw new IllegalArgumentException("NUMA node " + nodeId + " does not exist: known nodes are "
                + java.util.Arrays.toString(nodeIds));
    }

    /** Other node indexes, nearest first. */
    int[] stealOrder(int nodeIndex) {
        return stealOrder[nodeIndex];
    }

    /** The node index whose workers serve tasks hinted to {@code nodeIndex} (itself unless it has none). */
    int serving(int nodeIndex) {
        return redirect[nodeIndex];
    }

    /** The node index of slot {@code slot}. Call under the pool's worker lock. */
    int nodeOfSlot(int slot) {
        if (slot >= slotNodes.length) {
            int[] grown = java.util.Arrays.copyOf(slotNodes, Math.max(slot + 1, slotNodes.length * 2 + 8));
            for (int s = slotNodes.length; s < grown.length; s++) {
                grown[s] = nextSmoothWeighted();
            }
            slotNodes = grown;
        }
        return slotNodes[slot];
    }

    /** Smooth weighted round robin (as in nginx): deals nodes in proportion to weight, interleaved. */
    private int nextSmoothWeighted() {
        int best = -1;
        for (int i = 0; i < weights.length; i++) {
            current[i] += weights[i];
            if (weights[i] > 0 && (best < 0 || current[i] > current[best])) {
                best = i;
            }
        }
        current[best] -= totalWeight;
        return best;
    }

    /**
     * The CPUs a worker should be bound to, or null for "leave it alone".
     *
     * @param rank the worker's rank among the slots of its node (for {@link AffinityMode#CORE})
     * @param allowed the process's allowed CPUs captured when the pool started, or null when pinning is
     *                unsupported
     */
    CpuSet maskFor(AffinityMode mode, int nodeIndex, int rank, CpuSet allowed) {
        if (allowed == null) {
            return null;
        }
        CpuSet mask = switch (mode) {
            case NONE -> allowed;
            case NODE -> topology.nodes().get(nodeIndex).cpus().intersect(allowed);
            case CORE -> {
                List<CpuSet> cores = coresByNode.get(nodeIndex);
                yield cores.isEmpty() ? CpuSet.empty() : cores.get(rank % cores.size()).intersect(allowed);
            }
        };
        // A node (or core) with no allowed CPU cannot host a pinned worker: run it on the allowed set.
        return mask.isEmpty() ? allowed : mask;
    }
}
