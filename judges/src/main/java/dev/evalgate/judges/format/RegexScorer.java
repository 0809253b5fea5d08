package dev.evalgate.judges.format;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import dev.evalgate.engine.JudgeModels;
import dev.evalgate.engine.Score;
import dev.evalgate.engine.Scorer;
import dev.evalgate.engine.ScorerParams;
import dev.evalgate.engine.ScorerProvider;
import dev.evalgate.engine.ScoringContext;
import dev.evalgate.judges.DeadlineCharSequence;
import dev.evalgate.judges.Excerpt;

/**
 * Passes when a regular expression is found in the output ({@code must_not_match: false}, the default) or when it
 * is not found ({@code must_not_match: true}). {@code full_match} requires the whole output to match. A search
 * that runs past {@code timeout_ms} is undecided rather than passed.
 */
public final class RegexScorer implements Scorer {
    private final String name;
    private final Pattern pattern;
    private final boolean mustNotMatch;
    private final boolean fullMatch;
    private final long timeoutMillis;

    public RegexScorer(String name, Pattern pattern, boolean mustNotMatch, boolean fullMatch, long timeoutMillis) {
        this.name = name;
        this.pattern = pattern;
        this.mustNotMatch = mustNotMatch;
        this.fullMatch = fullMatch;
        this.timeoutMillis = timeoutMillis;
    }

    @Override
    public Score score(ScoringContext context) {
        Matcher matcher = pattern.matcher(DeadlineCharSequence.within(context.output(), timeoutMillis));
        boolean found;
        try {
            found = fullMatch ? matcher.matches() : matcher.find();
        } catch (DeadlineCharSequence.DeadlineExceededException | StackOverflowError e) {
            return Score.undecided(name, "the search for /" + pattern.pattern() + "/ did not finish within "
                    + timeoutMillis + " ms on an output of " + context.output().length() + " chars");
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("matched", found);
        String what = fullMatch ? "the whole output matches" : "found";
        String explanation;
        if (found) {
            details.put("start", matcher.start());
            details.put("match", Excerpt.of(matcher.group(), 200));
            explanation = (fullMatch ? what : what + " at offset " + matcher.start() + ": "
                    + Excerpt.of(matcher.group())) + " /" + pattern.pattern() + "/";
        } else {
            explanation = (fullMatch ? "the whole output does not match" : "not found") + " /" + pattern.pattern()
                    + "/";
        }
        boolean passed = found != mustNotMatch;
        return Score.of(name, passed, explanation + (mustNotMatch ? " (must not match)" : ""), details);
    }

    public static final class Provider implements ScorerProvider {
        @Override
        public String type() {
            return "regex";
        }

        @Override
        public String description() {
            return "output matches (or must not match) a regular expression (params: pattern, must_not_match,"
                    + " full_match, case_insensitive, dotall, multiline, timeout_ms)";
        }

        @Override
        public Scorer create(ScorerParams params, JudgeModels models) {
            params.allowOnly("pattern", "must_not_match", "full_match", "case_insensitive", "dotall", "multiline",
                    "timeout_ms");
            int flags = Pattern.UNICODE_CHARACTER_CLASS;
            if (params.bool("case_insensitive", false)) {
                flags |= Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
            }
            if (params.bool("dotall", false)) {
                flags |= Pattern.DOTALL;
            }
            if (params.bool("multiline", false)) {
                flags |= Pattern.MULTILINE;
            }
            Pattern pattern;
            try {
                pattern = Pattern.compile(params.requiredString("pattern"), flags);
            } catch (PatternSyntaxException e) {
                throw params.error("pattern", "not a valid regular expression: " + e.getDescription() + " near index "
                        + e.getIndex());
            }
            int timeout = params.integer("timeout_ms", 1000);
            if (timeout < 1) {
                throw params.error("timeout_ms", "must be at least 1");
            }
            return new RegexScorer(params.spec().name(), pattern, params.bool("must_not_match", false),
                    params.bool("full_match", false), timeout);
        }
    }
}
