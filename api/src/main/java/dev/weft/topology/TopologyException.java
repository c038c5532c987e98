package dev.weft.topology;

import java.nio.file.Path;

/**
 * A topology could not be read: a file is missing or does not parse. The message names the file and what
 * it held.
 */
public class TopologyException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** An error with a message. */
    public TopologyException(String message) {
        super(message);
    }

    /** An error with a message and a cause. */
    public TopologyException(String message, Throwable cause) {
        super(message, cause);
    }

    /** An error about one file: "{file}: {problem}". */
    public static TopologyException inFile(Path file, String problem, Throwable cause) {
        return new TopologyException(file + ": " + problem, cause);
    }
}
