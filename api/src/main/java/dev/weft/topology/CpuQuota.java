package dev.weft.topology;

/**
 * A cgroup CPU bandwidth limit: the process may use {@code quotaMicros} of CPU time per {@code periodMicros}
 * of wall time, that is {@code quota / period} CPUs' worth.
 *
 * @param quotaMicros  CPU time allowed per period, in microseconds (positive)
 * @param periodMicros length of a period, in microseconds (positive)
 */
public record CpuQuota(long quotaMicros, long periodMicros) {
    /** Validates the components. */
    public CpuQuota {
        if (quotaMicros <= 0) {
            throw new IllegalArgumentException("CPU quota " + quotaMicros + " us is invalid: allowed 1 or more");
        }
        if (periodMicros <= 0) {
            throw new IllegalArgumentException("CPU quota period " + periodMicros + " us is invalid: allowed 1 or more");
        }
    }

    /** How many CPUs' worth of time the quota grants, rounded up: {@code ceil(quota / period)}. */
    public int cpus() {
        long n = (quotaMicros + periodMicros - 1) / periodMicros;
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, n));
    }
}
