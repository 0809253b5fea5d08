package dev.evalgate.judges.format.ifeval;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;

import dev.evalgate.engine.internal.Json;

/** IFEval's {@code detectable_format:*} instructions. */
final class FormatInstructions {
    /** Python's {@code re}: only {@code \n} ends a line, {@code \d} is any decimal digit. */
    private static final int PY = Pattern.UNIX_LINES | Pattern.UNICODE_CHARACTER_CLASS;
    private static final Pattern STAR_BULLET = Pattern.compile("^" + PyText.SPACE + "*\\*[^*].*$",
            Pattern.MULTILINE | PY);
    private static final Pattern DASH_BULLET = Pattern.compile("^" + PyText.SPACE + "*-.*$", Pattern.MULTILINE | PY);
    private static final Pattern HIGHLIGHT = Pattern.compile("\\*[^\\n*]*\\*");
    private static final Pattern DOUBLE_HIGHLIGHT = Pattern.compile("\\*\\*[^\\n*]*\\*\\*");
    private static final Pattern TITLE = Pattern.compile("<<[^\\n]+>>");
    private static final List<String> CONSTRAINED = List.of("My answer is yes.", "My answer is no.",
            "My answer is maybe.");
    /** Python's json.loads: one value and nothing after it; NaN and Infinity are accepted. */
    private static final ObjectReader STRICT_JSON = Json.MAPPER.reader()
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .with(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS);

    private FormatInstructions() {
    }

    static int matches(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        int count = 0;
        while (m.find()) {
            count++;
        }
        return count;
    }

    /** Exactly N markdown bullets ({@code * item} or {@code - item}). */
    record NumberBulletLists(int count) implements Instruction {
        @Override
        public String id() {
            return "detectable_format:number_bullet_lists";
        }

        @Override
        public boolean followed(String response) {
            return matches(STAR_BULLET, response) + matches(DASH_BULLET, response) == count;
        }
    }

    /** Contains one of "My answer is yes.", "My answer is no.", "My answer is maybe.". */
    record ConstrainedResponse() implements Instruction {
        @Override
        public String id() {
            return "detectable_format:constrained_response";
        }

        @Override
        public boolean followed(String response) {
            String value = response.strip();
            return CONSTRAINED.stream().anyMatch(value::contains);
        }
    }

    /** At least N non-empty highlighted sections ({@code *text*} or {@code **text**}). */
    record NumberHighlightedSections(int count) implements Instruction {
        @Override
        public String id() {
            return "detectable_format:number_highlighted_sections";
        }

        @Override
        public boolean followed(String response) {
            int found = 0;
            Matcher single = HIGHLIGHT.matcher(response);
            while (single.find()) {
                if (!PyText.isBlank(stripStars(single.group()))) {
                    found++;
                }
            }
            Matcher twice = DOUBLE_HIGHLIGHT.matcher(response);
            while (twice.find()) {
                String h = twice.group();
                if (!PyText.isBlank(h.substring(2, h.length() - 2))) {
                    found++;
                }
            }
            return found >= count;
        }

        private static String stripStars(String text) {
            int start = 0;
            int end = text.length();
            while (start < end && text.charAt(start) == '*') {
                start++;
            }
            while (end > start && text.charAt(end - 1) == '*') {
                end--;
            }
            return text.substring(start, end);
        }
    }

    /** At least N sections, each introduced by the splitter word and a number ({@code SECTION 1}). */
    record MultipleSections(String splitter, int count) implements Instruction {
        MultipleSections {
            splitter = PyText.strip(splitter);
        }

        @Override
        public String id() {
            return "detectable_format:multiple_sections";
        }

        @Override
        public boolean followed(String response) {
            String space = PyText.SPACE + "?";
            Pattern pattern = Pattern.compile(space + Pattern.quote(splitter) + space + "\\d+" + space, PY);
            return pattern.split(response, -1).length - 1 >= count;
        }
    }

    /** The whole response is JSON, optionally wrapped in a markdown code fence. */
    record JsonFormat() implements Instruction {
        @Override
        public String id() {
            return "detectable_format:json_format";
        }

        @Override
        public boolean followed(String response) {
            String value = PyText.strip(response);
            // The reference removes each prefix in turn (str.removeprefix), not just the first that matches.
            for (String prefix : List.of("```json", "```Json", "```JSON", "```")) {
                if (value.startsWith(prefix)) {
                    value = value.substring(prefix.length());
                }
            }
            if (value.endsWith("```")) {
                value = value.substring(0, value.length() - 3);
            }
            value = PyText.strip(value);
            if (value.isEmpty()) {
                return false;
            }
            try {
                STRICT_JSON.readTree(value);
                return true;
            } catch (JsonProcessingException e) {
                return false;
            }
        }
    }

    /** A title in double angular brackets, {@code <<title>>}. */
    record Title() implements Instruction {
        @Override
        public String id() {
            return "detectable_format:title";
        }

        @Override
        public boolean followed(String response) {
            Matcher m = TITLE.matcher(response);
            while (m.find()) {
                String inner = m.group().replaceAll("^<+", "").replaceAll(">+$", "");
                if (!PyText.isBlank(inner)) {
                    return true;
                }
            }
            return false;
        }
    }
}
