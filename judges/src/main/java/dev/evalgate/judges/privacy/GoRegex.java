package dev.evalgate.judges.privacy;

import java.util.regex.Pattern;

/**
 * Translates a Go RE2 pattern (the dialect of gitleaks' rules) into {@link Pattern} syntax. The dialects agree on
 * everything the rule set uses except:
 * <ul>
 *   <li>POSIX classes: RE2 reads {@code [[:alnum:]]}, Java would read a set of the letters ':alnum'; they become
 *       {@code \p{Alnum}} and friends (ASCII, as in RE2);</li>
 *   <li>a {@code [} inside a character class is a literal in RE2 but opens a nested class (a union) in Java, and
 *       {@code &&} is an intersection in Java: both are escaped;</li>
 *   <li>a {@code {} that does not start a repetition ({@code {{ .Values }}}) is a literal in RE2 and an error in
 *       Java: it is escaped;</li>
 *   <li>named groups {@code (?P<name>...)}: Java spells them {@code (?<name>...)} and forbids '_' in names; the
 *       rules never refer to a group by name, so they become non-capturing groups, and a rule without a numbered
 *       group then reports its whole match as the secret.</li>
 * </ul>
 * Remaining difference, accepted: without {@code (?m)}, RE2's {@code $} matches only at the very end while Java's
 * also matches before a final line break; rules use {@code $} as "nothing follows the secret", true in both.
 */
final class GoRegex {
    private static final Pattern REPETITION = Pattern.compile("\\{\\d+(?:,\\d*)?}");

    private GoRegex() {
    }

    static Pattern compile(String goPattern) {
        return Pattern.compile(toJava(goPattern));
    }

    static String toJava(String go) {
        StringBuilder out = new StringBuilder(go.length() + 16);
        boolean inClass = false;
        for (int i = 0; i < go.length(); i++) {
            char c = go.charAt(i);
            if (c == '\\' && i + 1 < go.length()) {
                out.append(c).append(go.charAt(++i));
                continue;
            }
            if (inClass) {
                if (c == '[' && go.startsWith("[:", i)) {
                    int close = go.indexOf(":]", i + 2);
                    if (close > 0) {
                        out.append(posix(go.substring(i + 2, close)));
                        i = close + 1;
                        continue;
                    }
                }
                if (c == '[') {
                    out.append("\\[");
                } else if (c == '&' && i + 1 < go.length() && go.charAt(i + 1) == '&') {
                    out.append("&\\&");
                    i++;
                } else {
                    out.append(c);
                    if (c == ']') {
                        inClass = false;
                    }
                }
                continue;
            }
            if (c == '[') {
                inClass = true;
                out.append(c);
                // A ']' first in a class (after an optional '^') is a literal in both dialects.
                if (i + 1 < go.length() && go.charAt(i + 1) == '^') {
                    out.append('^');
                    i++;
                }
                if (i + 1 < go.length() && go.charAt(i + 1) == ']') {
                    out.append("\\]");
                    i++;
                }
                continue;
            }
            if (c == '{' && !REPETITION.matcher(go).region(i, go.length()).lookingAt()) {
                out.append("\\{");
                continue;
            }
            if (c == '(' && go.startsWith("(?P<", i)) {
                int close = go.indexOf('>', i);
                out.append("(?:");
                i = close;
                continue;
            }
            out.append(c);
        }
        return out.toString();
    }

    private static String posix(String name) {
        return switch (name) {
            case "alnum" -> "\\p{Alnum}";
            case "alpha" -> "\\p{Alpha}";
            case "digit" -> "\\p{Digit}";
            case "lower" -> "\\p{Lower}";
            case "upper" -> "\\p{Upper}";
            case "space" -> "\\s";
            case "xdigit" -> "\\p{XDigit}";
            case "punct" -> "\\p{Punct}";
            case "word" -> "\\w";
            default -> throw new IllegalArgumentException("unsupported POSIX class [:" + name + ":]");
        };
    }
}
