package dev.weft.spi;

/** Pinning a thread failed or was refused; carries the system call's errno when one failed. */
public class AffinityException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int errno;

    /**
     * An affinity failure.
     *
     * @param message what failed and why
     * @param errno   the system call's errno, or -1 when no call failed
     */
    public AffinityException(String message, int errno) {
        super(message);
        this.errno = errno;
    }

    /** The system call's errno, or -1 when no call failed. */
    public int errno() {
        return errno;
    }
}
