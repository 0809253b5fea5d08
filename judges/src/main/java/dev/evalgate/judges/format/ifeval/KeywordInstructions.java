package dev.evalgate.judges.format.ifeval;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** IFEval's {@code keywords:*} instructions. Keywords are matched literally (the reference uses them as regexes). */
final class KeywordInstructions {
    private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.UNICODE_CHARACTER_CLASS;
    /** Python's {@code \b}: a change between a Python word character and anything else. */
    private static final String BOUNDARY = "(?:(?<=" + PyText.WORD + ")(?!" + PyText.WORD + ")|(?<!" + PyText.WORD
            + ")(?=" + PyText.WORD + "))";

    private KeywordInstructions() {
    }

    /** keywords:existence — every keyword appears (case-insensitive). */
    record Existence(List<String> keywords) implements Instruction {
        @Override
        public String id() {
            return "keywords:existence";
        }

        @Override
        public boolean followed(String response) {
            for (String keyword : keywords) {
                if (!Pattern.compile(Pattern.quote(keyword), FLAGS).matcher(response).find()) {
                    return false;
                }
            }
            return true;
        }
    }

    /** keywords:frequency — a keyword (surrounding whitespace ignored) appears less than / at least N times. */
    record Frequency(String keyword, int frequency, Relation relation) implements Instruction {
        Frequency {
            keyword = PyText.strip(keyword);
        }

        @Override
        public String id() {
            return "keywords:frequency";
        }

        @Override
        public boolean followed(String response) {
            Matcher m = Pattern.compile(Pattern.quote(keyword), FLAGS).matcher(response);
            int count = 0;
            while (m.find()) {
                count++;
            }
            return relation.holds(count, frequency);
        }
    }

    /** keywords:forbidden_words — none of the words appears as a whole word (case-insensitive). */
    record ForbiddenWords(List<String> words) implements Instruction {
        @Override
        public String id() {
            return "keywords:forbidden_words";
        }

        @Override
        public boolean followed(String response) {
            for (String word : words) {
                if (Pattern.compile(BOUNDARY + Pattern.quote(word) + BOUNDARY, FLAGS).matcher(response).find()) {
                    return false;
                }
            }
            return true;
        }
    }

    /** keywords:letter_frequency — a letter occurs less than / at least N times (case-insensitive). */
    record LetterFrequency(String letter, int frequency, Relation relation) implements Instruction {
        LetterFrequency {
            if (letter.codePointCount(0, letter.length()) != 1) {
                throw new IllegalArgumentException("argument 'letter' must be a single letter, was '" + letter + "'");
            }
        }

        @Override
        public String id() {
            return "keywords:letter_frequency";
        }

        @Override
        public boolean followed(String response) {
            int wanted = letter.toLowerCase(Locale.ROOT).codePointAt(0);
            long count = response.toLowerCase(Locale.ROOT).codePoints().filter(c -> c == wanted).count();
            return relation.holds((int) count, frequency);
        }
    }
}
