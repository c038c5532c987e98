package dev.weft.cli;

import dev.weft.topology.TopologyException;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Turns every error into one line on stderr, {@code weft: <what went wrong>}, and an exit code: usage errors
 * {@link Main#EXIT_USAGE}, failures {@link Main#EXIT_FAILURE}. Users never see a stack trace for their own
 * mistakes; an unexpected exception prints one only when {@value #DEBUG_ENV} is set.
 */
final class Errors {

    /** Environment variable that makes unexpected errors print their stack trace. */
    static final String DEBUG_ENV = "WEFT_DEBUG";

    private Errors() {
    }

    /** A mistake in the command line found after parsing; reported like a parse error (exit 2). */
    static final class UsageException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    /** Reports a command-line parse error: one line, exit {@link Main#EXIT_USAGE}. */
    static int reportUsage(ParameterException ex, PrintWriter err) {
        err.println("weft: " + describe(ex));
        return Main.EXIT_USAGE;
    }

    /** Reports an exception thrown while a command ran: one line, and the matching exit code. */
    static int reportFailure(Exception ex, PrintWriter err) {
        if (ex instanceof UsageException || ex instanceof IllegalArgumentException) {
            // IllegalArgumentException here comes from settings the user chose (-Dweft.topology.provider=NAME,
            // a pool setting): the API promises messages that name the setting and what is allowed.
            err.println("weft: " + oneLine(ex.getMessage()));
            return Main.EXIT_USAGE;
        }
        if (ex instanceof TopologyException || ex instanceof IllegalStateException || ex instanceof BenchException) {
            err.println("weft: " + oneLine(ex.getMessage()));
            return Main.EXIT_FAILURE;
        }
        err.println("weft: unexpected error: " + oneLine(String.valueOf(ex))
                + (debug() ? "" : " (set " + DEBUG_ENV + "=1 to see the stack trace)"));
        if (debug()) {
            ex.printStackTrace(err);
        }
        return Main.EXIT_FAILURE;
    }

    /** A failure of the benchmark itself (a wrong result, a pool that does not finish). */
    static final class BenchException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BenchException(String message) {
            super(message);
        }
    }

    static String describe(ParameterException ex) {
        CommandLine where = ex.getCommandLine();
        String command = where == null ? "weft" : where.getCommandSpec().qualifiedName(" ");
        if (ex instanceof UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
            String arg = u.getUnmatched().get(0);
            String hint = suggestion(u.getSuggestions());
            if (u.isUnknownOption()) {
                return "unknown option '" + arg + "' for '" + command + "'" + hint;
            }
            if (where != null && !where.getSubcommands().isEmpty()) {
                List<String> names = where.getSubcommands().keySet().stream()
                        .filter(n -> !n.equals("help")).collect(Collectors.toList());
                return "unknown command '" + arg + "'" + hint + ": the commands are " + String.join(", ", names);
            }
            return "unexpected argument '" + arg + "' for '" + command + "'" + hint;
        }
        return lowerFirst(oneLine(ex.getMessage()));
    }

    private static String suggestion(List<String> suggestions) {
        if (suggestions == null || suggestions.isEmpty()) {
            return "";
        }
        return " (did you mean " + String.join(" or ", suggestions) + "?)";
    }

    /**
     * What went wrong with a file, in words: the JDK's file exceptions carry only the path as their message
     * ("java.nio.file.NoSuchFileException: /proc/x.svg"), which reads as a crash rather than a reason.
     */
    static String ioReason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file or folder";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : oneLine(e.getMessage());
    }

    /** Joins the lines of a message, so that an error stays one line. */
    static String oneLine(String message) {
        if (message == null || message.isBlank()) {
            return "no details";
        }
        return message.strip().replaceAll("\\s*\\R\\s*", "; ");
    }

    private static String lowerFirst(String s) {
        // "Missing required parameter" -> "missing ...", but leave "CPU ..." or "'--x' ..." alone.
        if (s.length() > 1 && Character.isUpperCase(s.charAt(0)) && Character.isLowerCase(s.charAt(1))) {
            return s.substring(0, 1).toLowerCase(Locale.ROOT) + s.substring(1);
        }
        return s;
    }

    private static boolean debug() {
        String v = System.getenv(DEBUG_ENV);
        return v != null && !v.isBlank() && !v.equals("0");
    }
}
