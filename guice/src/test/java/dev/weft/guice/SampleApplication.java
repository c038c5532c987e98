package dev.weft.guice;

import dev.weft.Weft;
import dev.weft.WeftPool;
import jakarta.inject.Inject;

import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * A user's class as it would look in an application: it knows only {@link ExecutorService}. Public, with a
 * public constructor, because Guice (module {@code com.google.guice}) constructs it and this package is
 * exported but not opened.
 */
public final class SampleApplication {

    private final ExecutorService executor;

    /** Injected by Guice. */
    @Inject
    public SampleApplication(ExecutorService executor) {
        this.executor = executor;
    }

    /** Runs a unit of work on the injected executor; it reports the thread and the Weft pool it ran in. */
    public Future<WhereItRan> work() {
        return executor.submit(() -> new WhereItRan(Thread.currentThread().getName(), Weft.currentPool()));
    }

    /** Where a unit of work ran: its thread's name, and the Weft pool whose worker that thread is, if any. */
    public record WhereItRan(String threadName, Optional<WeftPool> pool) {
    }
}
