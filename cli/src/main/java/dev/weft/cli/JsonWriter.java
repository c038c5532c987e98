package dev.weft.cli;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A small streaming JSON writer (the CLI carries no JSON library). Strings are escaped per RFC 8259; numbers
 * that JSON cannot represent (NaN, infinities) are written as {@code null}. Containers opened with
 * {@code compact = true} are written on one line, everything else is indented by two spaces.
 *
 * <p>Misuse (a value without a name inside an object, closing the wrong container) throws
 * {@link IllegalStateException}: it is a bug in the caller, never a user error.
 */
final class JsonWriter {

    private final StringBuilder sb = new StringBuilder();
    private final Deque<Frame> stack = new ArrayDeque<>();
    private boolean nameWritten;

    private static final class Frame {
        final boolean object;
        final boolean compact;
        int count;

        Frame(boolean object, boolean compact) {
            this.object = object;
            this.compact = compact;
        }
    }

    JsonWriter beginObject() {
        return begin(true, false);
    }

    JsonWriter beginObject(boolean compact) {
        return begin(true, compact);
    }

    JsonWriter beginArray() {
        return begin(false, false);
    }

    JsonWriter beginArray(boolean compact) {
        return begin(false, compact);
    }

    JsonWriter endObject() {
        return end(true);
    }

    JsonWriter endArray() {
        return end(false);
    }

    /** Writes a member name; the next call writes its value. */
    JsonWriter name(String name) {
        Frame f = stack.peek();
        if (f == null || !f.object || nameWritten) {
            throw new IllegalStateException("a name is only allowed directly inside an object: " + name);
        }
        separate(f);
        string(name);
        sb.append(": ");
        nameWritten = true;
        return this;
    }

    JsonWriter value(String s) {
        beforeValue();
        if (s == null) {
            sb.append("null");
        } else {
            string(s);
        }
        return this;
    }

    JsonWriter value(long n) {
        beforeValue();
        sb.append(n);
        return this;
    }

    /** A number, or {@code null} when it is NaN or infinite (JSON has no such numbers). */
    JsonWriter value(double d) {
        beforeValue();
        sb.append(Double.isFinite(d) ? Double.toString(d) : "null");
        return this;
    }

    JsonWriter value(boolean b) {
        beforeValue();
        sb.append(b);
        return this;
    }

    JsonWriter nullValue() {
        beforeValue();
        sb.append("null");
        return this;
    }

    /** Shorthand for {@code name(n).value(v)}. */
    JsonWriter field(String n, String v) {
        return name(n).value(v);
    }

    JsonWriter field(String n, long v) {
        return name(n).value(v);
    }

    JsonWriter field(String n, double v) {
        return name(n).value(v);
    }

    JsonWriter field(String n, boolean v) {
        return name(n).value(v);
    }

    /** The document; every container must be closed. */
    String toJson() {
        if (!stack.isEmpty()) {
            throw new IllegalStateException(stack.size() + " JSON container(s) left open");
        }
        return sb.append('\n').toString();
    }

    private JsonWriter begin(boolean object, boolean compact) {
        Frame parent = stack.peek();
        beforeValue();
        sb.append(object ? '{' : '[');
        stack.push(new Frame(object, compact || (parent != null && parent.compact)));
        return this;
    }

    private JsonWriter end(boolean object) {
        Frame f = stack.peek();
        if (f == null || f.object != object || nameWritten) {
            throw new IllegalStateException("closing a JSON " + (object ? "object" : "array") + " that is not open");
        }
        stack.pop();
        if (f.count > 0 && !f.compact) {
            newline();
        }
        sb.append(object ? '}' : ']');
        return this;
    }

    private void beforeValue() {
        Frame f = stack.peek();
        if (f == null) {
            if (sb.length() > 0) {
                throw new IllegalStateException("a JSON document holds one value");
            }
            return;
        }
        if (f.object) {
            if (!nameWritten) {
                throw new IllegalStateException("a value inside an object needs a name first");
            }
            nameWritten = false;
            return;
        }
        separate(f);
    }

    private void separate(Frame f) {
        if (f.count++ > 0) {
            sb.append(f.compact ? (f.object ? ", " : ",") : ",");
        }
        if (!f.compact) {
            newline();
        }
    }

    private void newline() {
        sb.append('\n');
        sb.append("  ".repeat(stack.size()));
    }

    private void string(String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
