package dev.weft.topology;

import java.util.Objects;

/**
 * One cache instance.
 *
 * @param level     1 for L1, 2 for L2, ...
 * @param type      data, instruction or unified
 * @param sizeBytes its capacity in bytes
 * @param lineSize  its coherency line size in bytes, or -1 when unknown
 * @param sharedBy  the CPUs that share this instance
 */
public record Cache(int level, CacheType type, long sizeBytes, int lineSize, CpuSet sharedBy) {
    /** Validates the components. */
    public Cache {
        if (level < 1 || level > 9) {
            throw new IllegalArgumentException("cache level " + level + " is out of range: allowed 1..9");
        }
        Objects.requireNonNull(type, "type");
        if (sizeBytes < 0) {
            throw new IllegalArgumentException("cache size " + sizeBytes + " is negative: allowed 0 or more bytes");
        }
        Objects.requireNonNull(sharedBy, "sharedBy");
    }
}
