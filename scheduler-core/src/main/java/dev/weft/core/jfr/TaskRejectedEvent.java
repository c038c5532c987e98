package dev.weft.core.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;

@Name("dev.weft.TaskRejected")
@Label("Task Rejected")
@Category({"Weft"})
@Description("A submission was refused with a RejectedExecutionException (the stack trace shows the submitter)")
final class TaskRejectedEvent extends PoolEvent {
    @Label("Reason")
    @Description("shutdown, queue full, timeout (BLOCK waited saturationTimeout) or interrupted (while BLOCK waited)")
    String reason;

    @Label("Priority")
    String priority;

    @Label("Message")
    @Description("The exception's message")
    String message;
}
