package dev.evalgate.judges.reference;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Overlap measures between a candidate and a reference, over {@link AnswerText#tokens} of each. */
public final class TokenOverlap {
    /** ROUGE-L's dynamic programme is quadratic; beyond this many tokens per side the texts are cut. */
    static final int MAX_LCS_TOKENS = 5_000;

    private TokenOverlap() {
    }

    /** SQuAD's token F1: harmonic mean of precision and recall of the shared tokens (as multisets). */
    public static double f1(List<String> candidate, List<String> reference) {
        if (candidate.isEmpty() || reference.isEmpty()) {
            return candidate.isEmpty() && reference.isEmpty() ? 1.0 : 0.0;
        }
        Map<String, Integer> counts = new HashMap<>();
        for (String token : reference) {
            counts.merge(token, 1, Integer::sum);
        }
        int common = 0;
        for (String token : candidate) {
            Integer left = counts.get(token);
            if (left != null && left > 0) {
                common++;
                counts.put(token, left - 1);
            }
        }
        if (common == 0) {
            return 0.0;
        }
        double precision = (double) common / candidate.size();
        double recall = (double) common / reference.size();
        return 2 * precision * recall / (precision + recall);
    }

    /** ROUGE-L F-measure (β = 1): from the longest common subsequence of tokens. */
    public static double rougeL(List<String> candidate, List<String> reference) {
        List<String> a = candidate.size() > MAX_LCS_TOKENS ? candidate.subList(0, MAX_LCS_TOKENS) : candidate;
        List<String> b = reference.size() > MAX_LCS_TOKENS ? reference.subList(0, MAX_LCS_TOKENS) : reference;
        if (a.isEmpty() || b.isEmpty()) {
            return a.isEmpty() && b.isEmpty() ? 1.0 : 0.0;
        }
        int lcs = lcs(a, b);
        if (lcs == 0) {
            return 0.0;
        }
        double precision = (double) lcs / a.size();
        double recall = (double) lcs / b.size();
        return 2 * precision * recall / (precision + recall);
    }

    private static int lcs(List<String> a, List<String> b) {
        int[] previous = new int[b.size() + 1];
        int[] current = new int[b.size() + 1];
        for (int i = 1; i <= a.size(); i++) {
            String token = a.get(i - 1);
            for (int j = 1; j <= b.size(); j++) {
                current[j] = token.equals(b.get(j - 1)) ? previous[j - 1] + 1 : Math.max(previous[j], current[j - 1]);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.size()];
    }
}
