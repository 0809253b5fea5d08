package dev.evalgate.judges.reference;

import java.util.List;

/** How close an output is to one reference answer, in [0, 1]. */
public enum Similarity {
    EXACT_MATCH("exact-match") {
        @Override
        double between(List<String> output, List<String> reference) {
            // Normalised texts are their tokens joined by single spaces, so equal tokens mean equal texts.
            return output.equals(reference) ? 1.0 : 0.0;
        }
    },
    TOKEN_F1("token-f1") {
        @Override
        double between(List<String> output, List<String> reference) {
            return TokenOverlap.f1(output, reference);
        }
    },
    ROUGE_L("rouge-l") {
        @Override
        double between(List<String> output, List<String> reference) {
            return TokenOverlap.rougeL(output, reference);
        }
    };

    private final String label;

    Similarity(String label) {
        this.label = label;
    }

    /** Similarity of two normalised token lists ({@link AnswerText#tokens}). */
    abstract double between(List<String> output, List<String> reference);

    public double between(String output, String reference) {
        return between(AnswerText.tokens(output), AnswerText.tokens(reference));
    }

    public String label() {
        return label;
    }

    public static Similarity parse(String label) {
        for (Similarity s : values()) {
            if (s.label.equals(label)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown similarity '" + label + "'; use exact-match, token-f1 or rouge-l");
    }

    /** The best match among several references, with its index. */
    public record Best(double value, int index) {
    }

    public Best best(String output, List<String> references) {
        double best = -1;
        int index = -1;
        List<String> outputTokens = AnswerText.tokens(output);
        for (int i = 0; i < references.size(); i++) {
            double value = between(outputTokens, AnswerText.tokens(references.get(i)));
            if (value > best) {
                best = value;
                index = i;
            }
        }
        return new Best(Math.max(best, 0), index);
    }
}
