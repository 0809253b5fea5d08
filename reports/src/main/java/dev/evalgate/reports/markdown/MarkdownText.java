package dev.evalgate.reports.markdown;

import dev.evalgate.engine.CaseResult;

/**
 * Makes hostile text inert inside a Markdown table cell or list item of a pull-request comment: HTML becomes
 * entities, emphasis, link and table syntax is backslash-escaped, line breaks cannot end the cell, an {@code @}
 * cannot mention (and notify) anyone, control and text-direction characters become U+FFFD, and the length is
 * capped. Code spans are avoided on purpose: a backtick run in the text could close them.
 */
public final class MarkdownText {
    /** Syntax that means something anywhere in a line. */
    private static final String INLINE_SYNTAX = "\\`*_{}[]()|~!#";
    /** Syntax that means something only at the start of a line (lists, headings' setext underline). */
    private static final String LINE_START_SYNTAX = "+-=";

    private MarkdownText() {
    }

    public static String inline(String text, int max) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        String flat = text.replaceAll("\\s+", " ").trim();
        boolean cut = flat.length() > max;
        if (cut) {
            flat = CaseResult.cap(flat, max);
        }
        StringBuilder out = new StringBuilder(flat.length() + 16);
        boolean leadingDigits = true;
        for (int i = 0; i < flat.length(); i++) {
            char c = flat.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                // GitHub resolves mentions after entities are decoded, so only a real character in between helps.
                case '@' -> out.append("@\u200B");
                default -> {
                    if (Character.isISOControl(c) || isDirectionControl(c)) {
                        // an ESC sequence drives the terminal of whoever cats the summary in a CI log; a direction
                        // override reorders the rest of the cell. Show that something was there, inertly.
                        out.append('\uFFFD');
                        leadingDigits = false;
                        continue;
                    }
                    boolean orderedListMarker = (c == '.' || c == ')') && leadingDigits && i > 0
                            && (i + 1 == flat.length() || flat.charAt(i + 1) == ' ');
                    if (INLINE_SYNTAX.indexOf(c) >= 0 || (i == 0 && LINE_START_SYNTAX.indexOf(c) >= 0)
                            || orderedListMarker) {
                        out.append('\\');
                    }
                    out.append(c);
                }
            }
            leadingDigits = leadingDigits && Character.isDigit(c);
        }
        if (cut) {
            out.append(" \u2026");
        }
        return out.toString();
    }

    private static boolean isDirectionControl(char c) {
        return (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069') || c == '\u200E'
                || c == '\u200F' || c == '\u061C';
    }
}
