package dev.evalgate.judges.format.ifeval;

import java.util.ArrayList;
import java.util.List;

/**
 * Python's notion of whitespace and of a word character, which IFEval's reference applies through {@code str.strip},
 * {@code str.split} and {@code re}: Java's {@code String.strip} keeps no-break spaces that Python strips, and Java's
 * Unicode {@code \w} takes in combining marks that Python's does not.
 */
final class PyText {
    /** The 29 code points for which Python's {@code str.isspace()} holds, as a regex class body. */
    static final String SPACE_CHARS = "\\t\\n\\x0B\\f\\r\\x1C-\\x1F \\x85\\xA0\\u1680\\u2000-\\u200A\\u2028\\u2029"
            + "\\u202F\\u205F\\u3000";
    /** Python's {@code \s} and {@code \S}. */
    static final String SPACE = "[" + SPACE_CHARS + "]";
    static final String NON_SPACE = "[^" + SPACE_CHARS + "]";
    /** Python's {@code \w}: letters, numbers of any kind, and the underscore (no combining marks). */
    static final String WORD = "[\\p{L}\\p{N}_]";

    private PyText() {
    }

    static boolean isSpace(int c) {
        return c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r' || (c >= 0x1C && c <= 0x20)
                || c == 0x85 || c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x2028
                || c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000;
    }

    /** {@code str.strip()}. */
    static String strip(String text) {
        return rstrip(lstrip(text));
    }

    /** {@code str.lstrip()}. */
    static String lstrip(String text) {
        int start = 0;
        while (start < text.length() && isSpace(text.charAt(start))) {
            start++;
        }
        return text.substring(start);
    }

    /** {@code str.rstrip()}. */
    static String rstrip(String text) {
        int end = text.length();
        while (end > 0 && isSpace(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end);
    }

    /** {@code not text.strip()}. */
    static boolean isBlank(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (!isSpace(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** {@code str.split()} without arguments: the runs of non-whitespace. */
    static List<String> split(String text) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            while (i < text.length() && isSpace(text.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < text.length() && !isSpace(text.charAt(i))) {
                i++;
            }
            if (i > start) {
                out.add(text.substring(start, i));
            }
        }
        return out;
    }

    /** {@code text[start:stop]} for indices within the text: empty when the range is empty or reversed. */
    static String slice(String text, int start, int stop) {
        int from = Math.max(0, Math.min(start, text.length()));
        int to = Math.max(0, Math.min(stop, text.length()));
        return from >= to ? "" : text.substring(from, to);
    }
}
