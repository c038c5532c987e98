package dev.weft.core.jfr;

import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;

/** The field every Weft event has: which pool it is about. */
abstract class PoolEvent extends Event {
    @Label("Pool")
    @Description("The pool's name")
    String poolName;
}
