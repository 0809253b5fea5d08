package dev.evalgate.judges.format.ifeval;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * IFEval's remaining families, each small: {@code detectable_content}, {@code combination}, {@code startend},
 * {@code change_case}, {@code punctuation} and {@code language}.
 */
final class OtherInstructions {
    /** As Python's re: '.' stops only at a line feed. */
    private static final Pattern PLACEHOLDER = Pattern.compile("\\[.*?\\]", Pattern.UNIX_LINES);

    private OtherInstructions() {
    }

    /** At least N placeholders in square brackets, such as {@code [address]}. */
    record NumberPlaceholders(int count) implements Instruction {
        @Override
        public String id() {
            return "detectable_content:number_placeholders";
        }

        @Override
        public boolean followed(String response) {
            return FormatInstructions.matches(PLACEHOLDER, response) >= count;
        }
    }

    /** A postscript starting with the marker ({@code P.S.}, {@code P.P.S} or another word). */
    record Postscript(String marker) implements Instruction {
        Postscript {
            marker = PyText.strip(marker);
        }

        @Override
        public String id() {
            return "detectable_content:postscript";
        }

        @Override
        public boolean followed(String response) {
            String value = response.toLowerCase(Locale.ROOT);
            String s = PyText.SPACE;
            String regex = switch (marker) {
                case "P.P.S" -> s + "*p\\." + s + "?p\\." + s + "?s.*$";
                case "P.S." -> s + "*p\\." + s + "?s\\..*$";
                default -> s + "*" + Pattern.quote(marker.toLowerCase(Locale.ROOT)) + ".*$";
            };
            return Pattern.compile(regex, Pattern.MULTILINE | Pattern.UNIX_LINES).matcher(value).find();
        }
    }

    /** Two different responses separated by six asterisks. */
    record TwoResponses() implements Instruction {
        @Override
        public String id() {
            return "combination:two_responses";
        }

        @Override
        public boolean followed(String response) {
            String[] parts = response.split(Pattern.quote("******"), -1);
            List<String> valid = new ArrayList<>();
            for (int i = 0; i < parts.length; i++) {
                if (PyText.isBlank(parts[i])) {
                    if (i != 0 && i != parts.length - 1) {
                        return false;
                    }
                } else {
                    valid.add(parts[i]);
                }
            }
            return valid.size() == 2 && !PyText.strip(valid.get(0)).equals(PyText.strip(valid.get(1)));
        }
    }

    /** The response starts by repeating the request word for word (case-insensitive). */
    record RepeatPrompt(String prompt) implements Instruction {
        @Override
        public String id() {
            return "combination:repeat_prompt";
        }

        @Override
        public boolean followed(String response) {
            return PyText.strip(response).toLowerCase(Locale.ROOT)
                    .startsWith(PyText.strip(prompt).toLowerCase(Locale.ROOT));
        }
    }

    /** The response ends with the exact phrase (case-insensitive, surrounding quotes ignored). */
    record EndChecker(String phrase) implements Instruction {
        @Override
        public String id() {
            return "startend:end_checker";
        }

        @Override
        public boolean followed(String response) {
            String value = stripChar(PyText.strip(response), '"').toLowerCase(Locale.ROOT);
            return value.endsWith(PyText.strip(phrase).toLowerCase(Locale.ROOT));
        }
    }

    /** The whole response is wrapped in double quotation marks. */
    record Quotation() implements Instruction {
        @Override
        public String id() {
            return "startend:quotation";
        }

        @Override
        public boolean followed(String response) {
            String value = PyText.strip(response);
            return value.length() > 1 && value.charAt(0) == '"' && value.charAt(value.length() - 1) == '"';
        }
    }

    /** Words in all capitals appear less than / at least N times, over the tokens of NLTK's word_tokenize. */
    record CapitalWordFrequency(int count, Relation relation) implements Instruction {
        @Override
        public String id() {
            return "change_case:capital_word_frequency";
        }

        @Override
        public boolean followed(String response) {
            int capitals = 0;
            for (String token : NltkWords.tokenize(response)) {
                if (CaseCheck.allUpper(token)) {
                    capitals++;
                }
            }
            return relation.holds(capitals, count);
        }
    }

    /** The response is in English and in capital letters only. */
    record EnglishCapital() implements Instruction {
        @Override
        public String id() {
            return "change_case:english_capital";
        }

        @Override
        public boolean followed(String response) {
            return CaseCheck.allUpper(response) && LanguageDetection.detect(response).map("en"::equals)
                    .orElse(true);
        }
    }

    /** The response is in English and in lowercase letters only. */
    record EnglishLowercase() implements Instruction {
        @Override
        public String id() {
            return "change_case:english_lowercase";
        }

        @Override
        public boolean followed(String response) {
            return CaseCheck.allLower(response) && LanguageDetection.detect(response).map("en"::equals)
                    .orElse(true);
        }
    }

    /** No commas at all. */
    record NoComma() implements Instruction {
        @Override
        public String id() {
            return "punctuation:no_comma";
        }

        @Override
        public boolean followed(String response) {
            return response.indexOf(',') < 0;
        }
    }

    /** The whole response is in the given language (ISO 639-1 code); undetectable text counts as followed. */
    record ResponseLanguage(String language) implements Instruction {
        ResponseLanguage {
            language = language.toLowerCase(Locale.ROOT);
        }

        @Override
        public String id() {
            return "language:response_language";
        }

        @Override
        public boolean followed(String response) {
            return LanguageDetection.detect(response).map(language::equals).orElse(true);
        }
    }

    private static String stripChar(String text, char c) {
        int start = 0;
        int end = text.length();
        while (start < end && text.charAt(start) == c) {
            start++;
        }
        while (end > start && text.charAt(end - 1) == c) {
            end--;
        }
        return text.substring(start, end);
    }

    /** Python's str.isupper / str.islower: at least one cased character, and all cased characters in one case. */
    static final class CaseCheck {
        private CaseCheck() {
        }

        static boolean allUpper(String text) {
            boolean cased = false;
            for (int i = 0; i < text.length(); ) {
                int c = text.codePointAt(i);
                if (Character.isLowerCase(c) || Character.isTitleCase(c)) {
                    return false;
                }
                cased |= Character.isUpperCase(c);
                i += Character.charCount(c);
            }
            return cased;
        }

        static boolean allLower(String text) {
            boolean cased = false;
            for (int i = 0; i < text.length(); ) {
                int c = text.codePointAt(i);
                if (Character.isUpperCase(c) || Character.isTitleCase(c)) {
                    return false;
                }
                cased |= Character.isLowerCase(c);
                i += Character.charCount(c);
            }
            return cased;
        }
    }
}
