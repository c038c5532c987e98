/**
 * Weft's JDK Flight Recorder events (category "Weft"): pool start and close, worker start and stop, affinity
 * bound or failed, rejected tasks, and the periodic {@code dev.weft.PoolStatistics}. Not exported: the
 * recordings name the events, nobody needs their classes. The scheduler reaches them only through
 * {@link dev.weft.core.jfr.PoolEvents}, whose methods cost a volatile read while Flight Recorder is not
 * initialized (the event classes are not even loaded then) and an allocation and an enabled check while it is
 * initialized but not recording them. No event is emitted per task.
 */
package dev.weft.core.jfr;
