package dev.evalgate.judges.privacy;

/**
 * Masks a detected value for display: letters and digits become {@code *} except the last two (or none of a value
 * shorter than eight), separators stay, and an e-mail keeps only its first letter and top-level domain. Enough
 * for a reader to tell two findings apart and find them in the source, never enough to recover the value.
 */
public final class Mask {
    private static final int MAX_SHOWN = 40;

    private Mask() {
    }

    public static String of(String value) {
        int at = value.indexOf('@');
        if (at > 0 && value.lastIndexOf('.') > at) {
            return value.charAt(0) + "***@***" + value.substring(value.lastIndexOf('.'));
        }
        int keep = value.length() >= 8 ? 2 : 0;
        StringBuilder out = new StringBuilder();
        int alnumSeen = 0;
        int alnumTotal = (int) value.chars().filter(Character::isLetterOrDigit).count();
        for (int i = 0; i < value.length() && out.length() < MAX_SHOWN; i++) {
            char c = value.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                alnumSeen++;
                out.append(alnumSeen > alnumTotal - keep ? c : '*');
            } else {
                out.append(c == ' ' || c == '-' || c == '.' || c == ':' || c == '/' ? c : '*');
            }
        }
        if (value.length() > MAX_SHOWN) {
            out.append("…(").append(value.length()).append(" chars)");
        }
        return out.toString();
    }
}
