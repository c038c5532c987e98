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

    /**
     * An error about a file whose content does not parse: "{file}: holds '{content}': {problem}". The content
     * is quoted safely: control characters are escaped and at most 80 characters are shown, so a file of
     * random bytes cannot garble the message.
     *
     * @param file    the file that was read
     * @param content what it held
     * @param problem what is wrong with it, and what was expected
     * @param cause   the parse error, or {@code null}
     */
    public static TopologyException badContent(Path file, String content, String problem, Throwable cause) {
        return new TopologyException(file + ": holds '" + CpuSet.printable(content == null ? "" : content) + "': "
                + problem, cause);
    }
}
