package dev.weft;

/**
 * The priority of a task. Wherever a worker chooses its next task among those it can see at once, it takes
 * {@link #HIGH} before {@link #NORMAL} before {@link #LOW}; aging bounds how long a lower-priority task waits
 * (see {@link WeftPool} for the bound). Forked subtasks inherit the priority of the task that forked them.
 */
public enum Priority {
    /** Background work: runs when nothing more urgent is visible, or when aging promotes it. */
    LOW,
    /** The default. */
    NORMAL,
    /** Latency-sensitive work: picked first. */
    HIGH;

    private static final Priority[] VALUES = values();

    /** The priority with this {@link #ordinal()}. */
    public static Priority ofOrdinal(int ordinal) {
        if (ordinal < 0 || ordinal >= VALUES.length) {
            throw new IllegalArgumentException("priority ordinal " + ordinal + " is out of range: allowed 0..2");
        }
        return VALUES[ordinal];
    }
}
