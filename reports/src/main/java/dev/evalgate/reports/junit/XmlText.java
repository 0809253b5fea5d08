package dev.evalgate.reports.junit;

/**
 * Makes hostile text storable in XML 1.0: characters XML cannot carry at all (NUL, most control characters, lone
 * surrogates) become U+FFFD; the writer escapes the rest. Without this one output with a stray control character
 * makes the whole {@code junit.xml} unreadable to every CI server.
 */
final class XmlText {
    private XmlText() {
    }

    static String clean(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean ok;
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                if (out != null) {
                    out.append(c).append(text.charAt(i + 1));
                }
                i++;
                continue;
            }
            ok = c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD);
            if (!ok && out == null) {
                out = new StringBuilder(text.length()).append(text, 0, i);
            }
            if (out != null) {
                out.append(ok ? c : '\uFFFD');
            }
        }
        return out == null ? text : out.toString();
    }

    /** For attributes: one line, because parsers normalise newlines in attributes to spaces anyway. */
    static String oneLine(String text, int max) {
        String flat = clean(text).replaceAll("\\s+", " ").trim();
        return flat.length() <= max ? flat : dev.evalgate.engine.CaseResult.cap(flat, max - 1) + "\u2026";
    }
}
