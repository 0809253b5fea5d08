package dev.evalgate.judges.format.ifeval;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The 25 verifiable instructions of IFEval (Zhou et al., 2023), built from an instruction id and its kwargs exactly
 * as the paper's {@code input_data.jsonl} writes them.
 */
public final class InstructionCatalog {
    private record Entry(Set<String> arguments, Function<Kwargs, Instruction> factory) {
    }

    private static final Map<String, Entry> ENTRIES = new LinkedHashMap<>();

    static {
        add("keywords:existence", Set.of("keywords"), k -> new KeywordInstructions.Existence(k.strings("keywords")));
        add("keywords:frequency", Set.of("keyword", "frequency", "relation"),
                k -> new KeywordInstructions.Frequency(k.string("keyword"), k.positive("frequency"),
                        k.relation("relation")));
        add("keywords:forbidden_words", Set.of("forbidden_words"),
                k -> new KeywordInstructions.ForbiddenWords(k.strings("forbidden_words")));
        add("keywords:letter_frequency", Set.of("letter", "let_frequency", "let_relation"),
                k -> new KeywordInstructions.LetterFrequency(k.string("letter"), k.positive("let_frequency"),
                        k.relation("let_relation")));
        add("language:response_language", Set.of("language"),
                k -> new OtherInstructions.ResponseLanguage(k.string("language")));
        add("length_constraints:number_sentences", Set.of("num_sentences", "relation"),
                k -> new LengthInstructions.NumberSentences(k.positive("num_sentences"), k.relation("relation")));
        add("length_constraints:number_paragraphs", Set.of("num_paragraphs"),
                k -> new LengthInstructions.NumberParagraphs(k.positive("num_paragraphs")));
        add("length_constraints:number_words", Set.of("num_words", "relation"),
                k -> new LengthInstructions.NumberWords(k.positive("num_words"), k.relation("relation")));
        add("length_constraints:nth_paragraph_first_word", Set.of("num_paragraphs", "nth_paragraph", "first_word"),
                k -> new LengthInstructions.NthParagraphFirstWord(k.positive("num_paragraphs"),
                        k.positive("nth_paragraph"), k.string("first_word")));
        add("detectable_content:number_placeholders", Set.of("num_placeholders"),
                k -> new OtherInstructions.NumberPlaceholders(k.positive("num_placeholders")));
        add("detectable_content:postscript", Set.of("postscript_marker"),
                k -> new OtherInstructions.Postscript(k.string("postscript_marker")));
        add("detectable_format:number_bullet_lists", Set.of("num_bullets"),
                k -> new FormatInstructions.NumberBulletLists(k.positive("num_bullets")));
        add("detectable_format:constrained_response", Set.of(), k -> new FormatInstructions.ConstrainedResponse());
        add("detectable_format:number_highlighted_sections", Set.of("num_highlights"),
                k -> new FormatInstructions.NumberHighlightedSections(k.positive("num_highlights")));
        add("detectable_format:multiple_sections", Set.of("section_spliter", "num_sections"),
                k -> new FormatInstructions.MultipleSections(k.string("section_spliter"), k.positive("num_sections")));
        add("detectable_format:json_format", Set.of(), k -> new FormatInstructions.JsonFormat());
        add("detectable_format:title", Set.of(), k -> new FormatInstructions.Title());
        add("combination:two_responses", Set.of(), k -> new OtherInstructions.TwoResponses());
        add("combination:repeat_prompt", Set.of("prompt_to_repeat"),
                k -> new OtherInstructions.RepeatPrompt(k.string("prompt_to_repeat")));
        add("startend:end_checker", Set.of("end_phrase"), k -> new OtherInstructions.EndChecker(k.string("end_phrase")));
        add("startend:quotation", Set.of(), k -> new OtherInstructions.Quotation());
        add("change_case:capital_word_frequency", Set.of("capital_frequency", "capital_relation"),
                k -> new OtherInstructions.CapitalWordFrequency(k.positive("capital_frequency"),
                        k.relation("capital_relation")));
        add("change_case:english_capital", Set.of(), k -> new OtherInstructions.EnglishCapital());
        add("change_case:english_lowercase", Set.of(), k -> new OtherInstructions.EnglishLowercase());
        add("punctuation:no_comma", Set.of(), k -> new OtherInstructions.NoComma());
    }

    private InstructionCatalog() {
    }

    private static void add(String id, Set<String> arguments, Function<Kwargs, Instruction> factory) {
        ENTRIES.put(id, new Entry(arguments, factory));
    }

    /** Every supported instruction id, in IFEval's order of families. */
    public static List<String> ids() {
        return Collections.unmodifiableList(new ArrayList<>(ENTRIES.keySet()));
    }

    /**
     * Builds one instruction.
     *
     * @throws IllegalArgumentException naming the unknown id or the faulty argument
     */
    public static Instruction build(String id, Map<String, Object> kwargs) {
        Entry entry = ENTRIES.get(id);
        if (entry == null) {
            throw new IllegalArgumentException("unknown IFEval instruction '" + id + "'; known: "
                    + String.join(", ", ENTRIES.keySet()));
        }
        return entry.factory().apply(new Kwargs(kwargs == null ? Map.of() : kwargs, entry.arguments()));
    }

    /**
     * Builds a case's instructions from IFEval's parallel lists, {@code instruction_id_list} and {@code kwargs}.
     *
     * @throws IllegalArgumentException naming the list position at fault
     */
    @SuppressWarnings("unchecked")
    public static List<Instruction> buildAll(Object idList, Object kwargsList) {
        if (!(idList instanceof List<?> ids) || ids.isEmpty()) {
            throw new IllegalArgumentException("instruction_id_list must be a non-empty list of instruction ids");
        }
        List<?> kwargs = kwargsList == null ? null : kwargsList instanceof List<?> l ? l : null;
        if (kwargsList != null && kwargs == null) {
            throw new IllegalArgumentException("kwargs must be a list of mappings, one per instruction");
        }
        if (kwargs != null && kwargs.size() != ids.size()) {
            throw new IllegalArgumentException("kwargs has " + kwargs.size() + " entries but instruction_id_list has "
                    + ids.size() + "; give one mapping per instruction (use {} when it takes none)");
        }
        List<Instruction> out = new ArrayList<>(ids.size());
        for (int i = 0; i < ids.size(); i++) {
            Object args = kwargs == null ? Map.of() : kwargs.get(i);
            if (args != null && !(args instanceof Map)) {
                throw new IllegalArgumentException("kwargs[" + i + "] must be a mapping");
            }
            try {
                out.add(build(String.valueOf(ids.get(i)), (Map<String, Object>) args));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("instruction " + i + " ('" + ids.get(i) + "'): " + e.getMessage(),
                        e);
            }
        }
        return List.copyOf(out);
    }
}
