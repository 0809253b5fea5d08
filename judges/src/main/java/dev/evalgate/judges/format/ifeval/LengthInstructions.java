package dev.evalgate.judges.format.ifeval;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;


/** IFEval's {@code length_constraints:*} instructions. */
final class LengthInstructions {
    /** Paragraphs of number_paragraphs are separated by a markdown divider: {@code ***}. */
    private static final Pattern DIVIDER = Pattern.compile(PyText.SPACE + "?\\*\\*\\*" + PyText.SPACE + "?");
    /** Words as the reference counts them: runs of Python word characters (combining marks split a word). */
    private static final Pattern WORD = Pattern.compile(PyText.WORD + "+");
    private static final Pattern BLANK_LINE = Pattern.compile("\n\n");
    private static final Set<Integer> FIRST_WORD_STOPS = Set.of((int) '.', (int) ',', (int) '?', (int) '!',
            (int) '\'', (int) '"');

    private LengthInstructions() {
    }

    /** Sentences as NLTK's Punkt tokenizer with its English parameters counts them, as the reference does. */
    record NumberSentences(int count, Relation relation) implements Instruction {
        @Override
        public String id() {
            return "length_constraints:number_sentences";
        }

        @Override
        public boolean followed(String response) {
            return relation.holds(PunktSentences.count(response), count);
        }
    }

    record NumberWords(int count, Relation relation) implements Instruction {
        @Override
        public String id() {
            return "length_constraints:number_words";
        }

        @Override
        public boolean followed(String response) {
            return relation.holds(FormatInstructions.matches(WORD, response), count);
        }
    }

    /** Exactly N paragraphs separated by {@code ***}; an empty paragraph is allowed only first or last. */
    record NumberParagraphs(int count) implements Instruction {
        @Override
        public String id() {
            return "length_constraints:number_paragraphs";
        }

        @Override
        public boolean followed(String response) {
            String[] paragraphs = DIVIDER.split(response, -1);
            int found = paragraphs.length;
            for (int i = 0; i < paragraphs.length; i++) {
                if (PyText.isBlank(paragraphs[i])) {
                    if (i == 0 || i == paragraphs.length - 1) {
                        found--;
                    } else {
                        return false;
                    }
                }
            }
            return found == count;
        }
    }

    /** Exactly N paragraphs separated by blank lines, and paragraph {@code nth} starts with a given word. */
    record NthParagraphFirstWord(int paragraphs, int nth, String firstWord) implements Instruction {
        NthParagraphFirstWord {
            firstWord = firstWord.toLowerCase(Locale.ROOT);
        }

        @Override
        public String id() {
            return "length_constraints:nth_paragraph_first_word";
        }

        @Override
        public boolean followed(String response) {
            String[] parts = BLANK_LINE.split(response, -1);
            int found = parts.length;
            for (String part : parts) {
                if (PyText.isBlank(part)) {
                    found--;
                }
            }
            if (nth < 1 || nth > found) {
                return false;
            }
            String paragraph = PyText.strip(parts[nth - 1]);
            if (paragraph.isEmpty()) {
                return false;
            }
            String word = PyText.split(paragraph).get(0);
            word = stripLeading(stripLeading(word, '\''), '"');
            StringBuilder first = new StringBuilder();
            for (int i = 0; i < word.length(); ) {
                int c = word.codePointAt(i);
                if (FIRST_WORD_STOPS.contains(c)) {
                    break;
                }
                first.append(new String(Character.toChars(c)).toLowerCase(Locale.ROOT));
                i += Character.charCount(c);
            }
            return found == paragraphs && first.toString().equals(firstWord);
        }

        private static String stripLeading(String text, char c) {
            int i = 0;
            while (i < text.length() && text.charAt(i) == c) {
                i++;
            }
            return text.substring(i);
        }
    }
}
