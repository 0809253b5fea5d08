package dev.evalgate.reports.model;

import dev.evalgate.engine.CaseResult;

/**
 * How much of each hostile text a report shows. The full text stays in {@code results.jsonl}; a report that embeds
 * 10,000 outputs of 64 KB would be too large to open, and a reader needs the beginning to judge a case.
 */
public final class TextCap {
    public static final int OUTPUT_CHARS = 8_000;
    public static final int PROMPT_CHARS = 4_000;
    public static final int EXPLANATION_CHARS = 2_000;
    public static final int ERROR_CHARS = 2_000;

    private TextCap() {
    }

    public static String cap(String text, int max) {
        return text == null ? null : CaseResult.cap(text, max);
    }
}
