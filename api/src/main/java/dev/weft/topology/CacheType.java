package dev.weft.topology;

/** What a cache holds. */
public enum CacheType {
    /** Data only (an L1d). */
    DATA,
    /** Instructions only (an L1i). */
    INSTRUCTION,
    /** Both. */
    UNIFIED;

    /** The lower-case name used in JSON output: {@code data}, {@code instruction} or {@code unified}. */
    public String jsonName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
