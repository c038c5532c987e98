package dev.weft.cli;

/** Escaping for hand-written XML (the SVG plot). */
final class Xml {

    private Xml() {
    }

    /**
     * {@code text} as XML 1.0 character data, safe in element content and in double- or single-quoted attribute
     * values: markup characters become entities, and characters XML 1.0 cannot hold at all (control
     * characters other than tab, newline and carriage return; unpaired surrogates; U+FFFE, U+FFFF) become
     * U+FFFD, so a strange CPU model name can never make the document malformed.
     */
    static String escape(String text) {
        StringBuilder sb = new StringBuilder(text.length() + 16);
        text.codePoints().forEach(c -> {
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&apos;");
                // Tabs and line breaks in attribute values would be normalised to spaces by a parser: keep them.
                case '\t' -> sb.append("&#9;");
                case '\n' -> sb.append("&#10;");
                case '\r' -> sb.append("&#13;");
                default -> sb.appendCodePoint(allowed(c) ? c : 0xFFFD);
            }
        });
        return sb.toString();
    }

    /** XML 1.0's Char production, less the three white-space characters handled above. */
    private static boolean allowed(int c) {
        return c >= 0x20 && c <= 0xD7FF || c >= 0xE000 && c <= 0xFFFD || c >= 0x10000 && c <= 0x10FFFF;
    }
}
