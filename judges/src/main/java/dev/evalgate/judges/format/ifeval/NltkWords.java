package dev.evalgate.judges.format.ifeval;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * NLTK's {@code word_tokenize} (English): Punkt sentences, each split by NLTK's improved Treebank word tokenizer.
 * IFEval's reference counts capital words over these tokens ({@code change_case:capital_word_frequency}).
 *
 * <p>A port of {@code NLTKWordTokenizer.tokenize} and {@code MacIntyreContractions} from
 * {@code nltk/tokenize/destructive.py} (NLTK 3.8, Apache-2.0, Copyright NLTK Project): the same substitutions in the
 * same order, with Python's {@code \s}, {@code \w} and {@code \b} spelled out ({@link PyText}).
 */
final class NltkWords {
    private record Rule(Pattern pattern, String replacement) {
    }

    private static final int FLAGS = Pattern.UNIX_LINES | Pattern.UNICODE_CHARACTER_CLASS;
    private static final String S = PyText.SPACE;
    private static final String W = PyText.WORD;
    private static final String B = "(?:(?<=" + W + ")(?!" + W + ")|(?<!" + W + ")(?=" + W + "))";

    private static final List<Rule> STARTING_QUOTES = List.of(
            rule("([«“‘„]|[`]+)", " $1 "),
            rule("^\"", "``"),
            rule("(``)", " $1 "),
            rule("([ (\\[{<])(\"|'{2})", "$1 `` "),
            rule("(?i)(')(?!re|ve|ll|m|t|s|d|n)(" + W + ")" + B, "$1 $2"));
    private static final List<Rule> PUNCTUATION = List.of(
            rule("([^.])(\\.)([\\])}>\"'»”’ ]*)" + S + "*$", "$1 $2 $3 "),
            rule("([:,])([^\\d])", " $1 $2"),
            rule("([:,])$", " $1 "),
            rule("\\.{2,}", " $0 "),
            rule("[;@#$%&]", " $0 "),
            rule("([^.])(\\.)([\\])}>\"']*)" + S + "*$", "$1 $2$3 "),
            rule("[?!]", " $0 "),
            rule("([^'])' ", "$1 ' "),
            rule("[*]", " $0 "));
    private static final Rule PARENS_BRACKETS = rule("[\\]\\[(){}<>]", " $0 ");
    private static final Rule DOUBLE_DASHES = rule("--", " -- ");
    private static final List<Rule> ENDING_QUOTES = List.of(
            rule("([»”’])", " $1 "),
            rule("''", " '' "),
            rule("\"", " '' "),
            rule("([^' ])('[sS]|'[mM]|'[dD]|') ", "$1 $2 "),
            rule("([^' ])('ll|'LL|'re|'RE|'ve|'VE|n't|N'T) ", "$1 $2 "));
    private static final List<Rule> CONTRACTIONS = List.of(
            rule("(?i)" + B + "(can)(not)" + B, " $1 $2 "),
            rule("(?i)" + B + "(d)('ye)" + B, " $1 $2 "),
            rule("(?i)" + B + "(gim)(me)" + B, " $1 $2 "),
            rule("(?i)" + B + "(gon)(na)" + B, " $1 $2 "),
            rule("(?i)" + B + "(got)(ta)" + B, " $1 $2 "),
            rule("(?i)" + B + "(lem)(me)" + B, " $1 $2 "),
            rule("(?i)" + B + "(more)('n)" + B, " $1 $2 "),
            rule("(?i)" + B + "(wan)(na)(?=" + S + ")", " $1 $2 "),
            rule("(?i) ('t)(is)" + B, " $1 $2 "),
            rule("(?i) ('t)(was)" + B, " $1 $2 "));

    private NltkWords() {
    }

    private static Rule rule(String regex, String replacement) {
        return new Rule(Pattern.compile(regex, FLAGS), replacement);
    }

    /** {@code nltk.word_tokenize(text)}. */
    static List<String> tokenize(String text) {
        List<String> tokens = new ArrayList<>();
        for (String sentence : PunktSentences.split(text)) {
            tokens.addAll(tokenizeSentence(sentence));
        }
        return tokens;
    }

    /** {@code NLTKWordTokenizer().tokenize(sentence)}. */
    static List<String> tokenizeSentence(String sentence) {
        String text = sentence;
        text = apply(STARTING_QUOTES, text);
        text = apply(PUNCTUATION, text);
        text = apply(List.of(PARENS_BRACKETS, DOUBLE_DASHES), text);
        text = " " + text + " ";
        text = apply(ENDING_QUOTES, text);
        text = apply(CONTRACTIONS, text);
        return PyText.split(text);
    }

    private static String apply(List<Rule> rules, String text) {
        String out = text;
        for (Rule rule : rules) {
            out = rule.pattern().matcher(out).replaceAll(rule.replacement());
        }
        return out;
    }
}
