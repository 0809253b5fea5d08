package dev.evalgate.judges.privacy;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One secret-detection rule of the shipped gitleaks rule set, compiled for Java. Semantics follow gitleaks: a rule
 * runs only on a text containing one of its keywords; the secret is the rule's {@code secretGroup}, else its first
 * non-empty group, else the whole match; it must reach the rule's minimum Shannon entropy; and it is dropped when
 * one of the rule's allow-lists (or the global one) accepts it.
 */
record SecretRule(String id, String description, Pattern pattern, int secretGroup, double entropy,
        List<String> keywords, List<Allow> allows) {

    /** A gitleaks allow-list: regexes tested against the secret, the whole match or the line; stopwords. */
    record Allow(String target, List<Pattern> regexes, List<String> stopwords) {
        boolean accepts(String secret, String match, String line) {
            String subject = switch (target) {
                case "match" -> match;
                case "line" -> line;
                default -> secret;
            };
            for (Pattern regex : regexes) {
                if (regex.matcher(subject).find()) {
                    return true;
                }
            }
            String lower = secret.toLowerCase(Locale.ROOT);
            for (String stopword : stopwords) {
                if (lower.contains(stopword)) {
                    return true;
                }
            }
            return false;
        }
    }

    boolean mayMatch(String lowerText) {
        if (keywords.isEmpty()) {
            return true;
        }
        for (String keyword : keywords) {
            if (lowerText.contains(keyword)) {
                return true;
            }
        }
        return false;
    }

    void find(String text, List<Allow> global, List<Finding> out) {
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            int group = secretGroup;
            if (group == 0) {
                for (int g = 1; g <= m.groupCount(); g++) {
                    if (m.group(g) != null && !m.group(g).isEmpty()) {
                        group = g;
                        break;
                    }
                }
            }
            if (group > m.groupCount() || m.group(group) == null || m.group(group).isEmpty()) {
                continue;
            }
            String secret = m.group(group);
            if (entropy > 0 && shannonEntropy(secret) < entropy) {
                continue;
            }
            // gitleaks: a generic rule's secret must contain a digit, else words like "PasswordField" match.
            if (id.startsWith("generic") && secret.chars().noneMatch(Character::isDigit)) {
                continue;
            }
            String line = lineAround(text, m.start(), m.end());
            if (accepted(allows, secret, m.group(), line) || accepted(global, secret, m.group(), line)) {
                continue;
            }
            out.add(new Finding(Finding.SECRET, id, m.start(group), m.end(group), secret, secret));
        }
    }

    private static boolean accepted(List<Allow> allows, String secret, String match, String line) {
        for (Allow allow : allows) {
            if (allow.accepts(secret, match, line)) {
                return true;
            }
        }
        return false;
    }

    private static String lineAround(String text, int start, int end) {
        int from = text.lastIndexOf('\n', Math.max(0, start - 1)) + 1;
        int to = text.indexOf('\n', end);
        return text.substring(from > start ? 0 : from, to < 0 ? text.length() : to);
    }

    static double shannonEntropy(String s) {
        int[] counts = new int[128];
        java.util.Map<Character, Integer> other = new java.util.HashMap<>();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 128) {
                counts[c]++;
            } else {
                other.merge(c, 1, Integer::sum);
            }
        }
        double entropy = 0;
        double n = s.length();
        for (int count : counts) {
            if (count > 0) {
                entropy -= count / n * (Math.log(count / n) / Math.log(2));
            }
        }
        for (int count : other.values()) {
            entropy -= count / n * (Math.log(count / n) / Math.log(2));
        }
        return entropy;
    }
}
