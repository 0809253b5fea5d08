package dev.evalgate.judges;

/**
 * Quotes model output inside an explanation. Outputs are hostile: an excerpt is short, on one line, and shows
 * control characters as escapes, so an explanation can never smuggle a fake line or a terminal sequence into a
 * report. Reports still escape the result for their own format.
 */
public final class Excerpt {
    public static final int DEFAULT_LENGTH = 80;

    private Excerpt() {
    }

    public static String of(String text) {
        return of(text, DEFAULT_LENGTH);
    }

    /** The text cut to {@code max} characters (plus an ellipsis), quoted, with control characters escaped. */
    public static String of(String text, int max) {
        if (text == null) {
            return "\"\"";
        }
        StringBuilder out = new StringBuilder("\"");
        int limit = Math.min(text.length(), max);
        if (limit > 0 && limit < text.length() && Character.isHighSurrogate(text.charAt(limit - 1))) {
            limit--; // never cut an emoji in half
        }
        for (int i = 0; i < limit; i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (Character.isHighSurrogate(c) && i + 1 < text.length()
                            && Character.isLowSurrogate(text.charAt(i + 1))) {
                        out.append(c).append(text.charAt(++i));
                    } else if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT
                            || Character.isSurrogate(c)) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
        if (text.length() > max) {
            out.append("… (").append(text.length()).append(" chars)");
        }
        return out.toString();
    }
}
