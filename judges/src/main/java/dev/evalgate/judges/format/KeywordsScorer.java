package dev.evalgate.judges.format;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import dev.evalgate.engine.CaseDataException;
import dev.evalgate.engine.CaseFields;
import dev.evalgate.engine.JudgeModels;
import dev.evalgate.engine.Score;
import dev.evalgate.engine.Scorer;
import dev.evalgate.engine.ScorerParams;
import dev.evalgate.engine.ScorerProvider;
import dev.evalgate.engine.ScoringContext;

/**
 * Passes when every required word appears and no forbidden word does. Words come from the scorer's
 * {@code required} / {@code forbidden} parameters plus each case's {@code expected.required_keywords} /
 * {@code expected.forbidden_keywords}. Matching ignores case (unless {@code case_sensitive}) and, by default,
 * only counts whole words, with Unicode letters and digits as word characters ("cat" is not found in "concat").
 * The value is the share of checks met.
 */
public final class KeywordsScorer implements Scorer {
    private static final int MAX_CACHED_PATTERNS = 10_000;
    private final String name;
    private final List<String> required;
    private final List<String> forbidden;
    private final boolean caseSensitive;
    private final boolean wholeWord;
    private final Map<String, Pattern> patterns = new ConcurrentHashMap<>();

    public KeywordsScorer(String name, List<String> required, List<String> forbidden, boolean caseSensitive,
                          boolean wholeWord) {
        this.name = name;
        this.required = List.copyOf(required);
        this.forbidden = List.copyOf(forbidden);
        this.caseSensitive = caseSensitive;
        this.wholeWord = wholeWord;
    }

    @Override
    public Score score(ScoringContext context) {
        List<String> mustHave = new ArrayList<>(required);
        List<String> mustNotHave = new ArrayList<>(forbidden);
        try {
            mustHave.addAll(CaseFields.texts(context.evalCase(), "required_keywords"));
            mustNotHave.addAll(CaseFields.texts(context.evalCase(), "forbidden_keywords"));
        } catch (CaseDataException e) {
            return Score.undecided(name, e.getMessage());
        }
        if (mustHave.isEmpty() && mustNotHave.isEmpty()) {
            return Score.undecided(name, "no keywords to check: set 'required' or 'forbidden', or the case's"
                    + " expected.required_keywords / expected.forbidden_keywords");
        }
        String output = context.output();
        List<String> missing = new ArrayList<>();
        for (String word : mustHave) {
            if (!contains(output, word)) {
                missing.add(word);
            }
        }
        List<String> present = new ArrayList<>();
        for (String word : mustNotHave) {
            if (contains(output, word)) {
                present.add(word);
            }
        }
        int checks = mustHave.size() + mustNotHave.size();
        int met = checks - missing.size() - present.size();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("missing", missing);
        details.put("forbidden_present", present);
        boolean passed = missing.isEmpty() && present.isEmpty();
        String explanation = passed ? "all " + mustHave.size() + " required word(s) present, none of "
                + mustNotHave.size() + " forbidden word(s)"
                : (missing.isEmpty() ? "" : "missing " + missing + (present.isEmpty() ? "" : "; "))
                        + (present.isEmpty() ? "" : "forbidden present " + present);
        return new Score(name, (double) met / checks, passed, explanation, details);
    }

    private boolean contains(String output, String word) {
        if (word.isEmpty()) {
            return true;
        }
        Pattern pattern = patterns.get(word);
        if (pattern == null) {
            pattern = compile(word);
            // Words from the parameters and a corpus's repeated keywords are few; an unbounded corpus is not cached.
            if (patterns.size() < MAX_CACHED_PATTERNS) {
                patterns.put(word, pattern);
            }
        }
        return pattern.matcher(output).find();
    }

    private Pattern compile(String word) {
        int flags = caseSensitive ? 0 : Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
        String quoted = Pattern.quote(word);
        // Boundaries only where the keyword itself starts or ends with a word character, so "C++" still matches.
        String regex = wholeWord
                ? (isWordChar(word.codePointAt(0)) ? "(?<![\\p{L}\\p{N}_])" : "") + quoted
                        + (isWordChar(word.codePointBefore(word.length())) ? "(?![\\p{L}\\p{N}_])" : "")
                : quoted;
        return Pattern.compile(regex, flags);
    }

    private static boolean isWordChar(int codePoint) {
        return Character.isLetterOrDigit(codePoint) || codePoint == '_';
    }

    public static final class Provider implements ScorerProvider {
        @Override
        public String type() {
            return "keywords";
        }

        @Override
        public String description() {
            return "required words present, forbidden words absent (params: required, forbidden, case_sensitive,"
                    + " whole_word)";
        }

        @Override
        public Scorer create(ScorerParams params, JudgeModels models) {
            params.allowOnly("required", "forbidden", "case_sensitive", "whole_word");
            return new KeywordsScorer(params.spec().name(), params.strings("required"), params.strings("forbidden"),
                    params.bool("case_sensitive", false), params.bool("whole_word", true));
        }
    }
}
