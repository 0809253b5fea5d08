package dev.evalgate.reports.html;

import java.io.FilterWriter;
import java.io.IOException;
import java.io.Writer;

/**
 * Writes JSON text into a {@code <script>} element as it is produced, escaping on the way what
 * {@link ScriptSafeJson} explains must not appear there, so a report's case data is never held as one string.
 * Closing this writer does not close the page it writes into.
 */
final class ScriptSafeWriter extends FilterWriter {
    ScriptSafeWriter(Writer page) {
        super(page);
    }

    @Override
    public void write(int c) throws IOException {
        String escape = escape((char) c);
        if (escape == null) {
            out.write(c);
        } else {
            out.write(escape);
        }
    }

    @Override
    public void write(char[] buffer, int offset, int length) throws IOException {
        int end = offset + length;
        int plain = offset;
        for (int i = offset; i < end; i++) {
            String escape = escape(buffer[i]);
            if (escape != null) {
                out.write(buffer, plain, i - plain);
                out.write(escape);
                plain = i + 1;
            }
        }
        out.write(buffer, plain, end - plain);
    }

    @Override
    public void write(String text, int offset, int length) throws IOException {
        int end = offset + length;
        int plain = offset;
        for (int i = offset; i < end; i++) {
            String escape = escape(text.charAt(i));
            if (escape != null) {
                out.write(text, plain, i - plain);
                out.write(escape);
                plain = i + 1;
            }
        }
        out.write(text, plain, end - plain);
    }

    @Override
    public void close() throws IOException {
        out.flush();
    }

    static String escape(char c) {
        return switch (c) {
            case '<' -> "\\u003c";
            case '>' -> "\\u003e";
            case '&' -> "\\u0026";
            case '\u2028' -> "\\u2028";
            case '\u2029' -> "\\u2029";
            default -> null;
        };
    }
}
