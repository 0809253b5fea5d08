package dev.evalgate.judges.format;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Counts words, sentences and characters for the {@code length} scorer. Words are runs of Unicode word characters
 * ({@code \w+}, combining marks included, so a Hindi word stays one word); sentences come from the rule-based
 * splitter of IFEval's utilities ({@code split_into_sentences}), which knows titles (Mr., Dr.), acronyms (U.S.A.),
 * decimals and web addresses; characters are Unicode code points. The {@code ifeval} scorer counts as its reference
 * does instead (Python's word characters, NLTK's Punkt sentences).
 */
public final class TextCounts {
    private static final Pattern WORD = Pattern.compile("\\w+", Pattern.UNICODE_CHARACTER_CLASS);

    private static final String ALPHABETS = "([A-Za-z])";
    private static final Pattern PREFIXES = Pattern.compile("(Mr|St|Mrs|Ms|Dr)[.]");
    private static final Pattern WEBSITES = Pattern.compile("[.](com|net|org|io|gov|edu|me)");
    private static final Pattern DIGITS = Pattern.compile("([0-9])[.]([0-9])");
    private static final Pattern MULTIPLE_DOTS = Pattern.compile("\\.{2,}");
    private static final Pattern SINGLE_LETTER = Pattern.compile("\\s" + ALPHABETS + "[.] ",
            Pattern.UNICODE_CHARACTER_CLASS);
    private static final String STARTERS = "(Mr|Mrs|Ms|Dr|Prof|Capt|Cpt|Lt|He\\s|She\\s|It\\s|They\\s|Their\\s"
            + "|Our\\s|We\\s|But\\s|However\\s|That\\s|This\\s|Wherever)";
    private static final Pattern ACRONYM_STARTER = Pattern.compile("([A-Z][.][A-Z][.](?:[A-Z][.])?) " + STARTERS,
            Pattern.UNICODE_CHARACTER_CLASS);
    private static final Pattern THREE_LETTERS = Pattern.compile(ALPHABETS + "[.]" + ALPHABETS + "[.]" + ALPHABETS
            + "[.]");
    private static final Pattern TWO_LETTERS = Pattern.compile(ALPHABETS + "[.]" + ALPHABETS + "[.]");
    private static final String SUFFIXES = "(Inc|Ltd|Jr|Sr|Co)";
    private static final Pattern SUFFIX_STARTER = Pattern.compile(" " + SUFFIXES + "[.] " + STARTERS,
            Pattern.UNICODE_CHARACTER_CLASS);
    private static final Pattern SUFFIX = Pattern.compile(" " + SUFFIXES + "[.]");
    private static final Pattern SPACE_LETTER = Pattern.compile(" " + ALPHABETS + "[.]");

    private TextCounts() {
    }

    public static int words(String text) {
        Matcher m = WORD.matcher(text);
        int count = 0;
        while (m.find()) {
            count++;
        }
        return count;
    }

    public static int characters(String text) {
        return text.codePointCount(0, text.length());
    }

    public static int sentences(String text) {
        return splitSentences(text).size();
    }

    /** IFEval's {@code split_into_sentences}, rule for rule. */
    public static List<String> splitSentences(String input) {
        String text = " " + input + "  ";
        text = text.replace("\n", " ");
        text = PREFIXES.matcher(text).replaceAll("$1<prd>");
        text = WEBSITES.matcher(text).replaceAll("<prd>$1");
        text = DIGITS.matcher(text).replaceAll("$1<prd>$2");
        text = MULTIPLE_DOTS.matcher(text).replaceAll(m -> "<prd>".repeat(m.group().length()) + "<stop>");
        if (text.contains("Ph.D")) {
            text = text.replace("Ph.D.", "Ph<prd>D<prd>");
        }
        text = SINGLE_LETTER.matcher(text).replaceAll(" $1<prd> ");
        text = ACRONYM_STARTER.matcher(text).replaceAll("$1<stop> $2");
        text = THREE_LETTERS.matcher(text).replaceAll("$1<prd>$2<prd>$3<prd>");
        text = TWO_LETTERS.matcher(text).replaceAll("$1<prd>$2<prd>");
        text = SUFFIX_STARTER.matcher(text).replaceAll(" $1<stop> $2");
        text = SUFFIX.matcher(text).replaceAll(" $1<prd>");
        text = SPACE_LETTER.matcher(text).replaceAll(" $1<prd>");
        text = text.replace(".\u201d", "\u201d.");
        text = text.replace(".\"", "\".");
        text = text.replace("!\"", "\"!");
        text = text.replace("?\"", "\"?");
        text = text.replace(".", ".<stop>");
        text = text.replace("?", "?<stop>");
        text = text.replace("!", "!<stop>");
        text = text.replace("<prd>", ".");
        String[] parts = text.split("<stop>", -1);
        List<String> sentences = new ArrayList<>(parts.length);
        for (String part : parts) {
            sentences.add(part.strip());
        }
        if (!sentences.isEmpty() && sentences.get(sentences.size() - 1).isEmpty()) {
            sentences.remove(sentences.size() - 1);
        }
        return sentences;
    }
}
