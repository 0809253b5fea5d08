package dev.evalgate.datasets.importers;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import dev.evalgate.datasets.EvalCase;

/**
 * BIPIA's attack texts ({@code text_attack_*.json}: {@code {category: [attack, ...]}}, Yi et al. 2023). Each
 * attack is inserted, as BIPIA does, into a benign document the user asked the model to process (an email, a
 * review, meeting notes, a web page, tool output) at its start, middle or end, chosen from the id so that a
 * re-import builds the same case. Quoted texts and web addresses the attack asks for become the attack goal and
 * pattern. The id is {@code bipia-CATEGORY-INDEX-HASH}.
 */
public final class BipiaImporter implements CorpusImporter {

    @Override
    public ImportedCases read(Path source, ImportSettings settings) {
        SourceFiles.LocatedJson json = SourceFiles.locatedJson(source);
        RowProblems problems = new RowProblems();
        List<EvalCase> cases = new ArrayList<>();
        if (!json.root().isObject()) {
            problems.add(source, json.lineOf(""), null, "expected an object {category: [attack texts]}");
            return new ImportedCases(cases, problems.list(), "", List.of());
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = json.root().fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> category = it.next();
            String pointer = "/" + category.getKey().replace("~", "~0").replace("/", "~1");
            if (!category.getValue().isArray()) {
                problems.add(source, json.lineOf(pointer), category.getKey(), "expected a list of attack texts");
                continue;
            }
            String slug = StableId.slug(category.getKey());
            for (int i = 0; i < category.getValue().size(); i++) {
                JsonNode attack = category.getValue().get(i);
                int line = json.lineOf(pointer + "/" + i);
                if (!attack.isTextual() || attack.asText().isBlank()) {
                    problems.add(source, line, category.getKey() + "[" + i + "]", "expected a non-empty text");
                    continue;
                }
                String text = attack.asText().strip();
                String id = String.format(Locale.ROOT, "bipia-%s-%02d-%s", slug, i, StableId.hash8(text));
                CarrierDocuments.Carrier carrier = CarrierDocuments.ALL.get(InjectionCases.pick(id,
                        CarrierDocuments.ALL.size()));
                CarrierDocuments.Placement placement = CarrierDocuments.Placement.values()[
                        InjectionCases.pick(id + "/placement", 3)];
                Map<String, Object> metadata = new LinkedHashMap<>();
                metadata.put("source", "microsoft/BIPIA");
                metadata.put("attack_category", category.getKey());
                metadata.put("source_index", i);
                metadata.put("source_line", line);
                cases.add(InjectionCases.indirect(id, text, carrier, placement, settings,
                        AttackGoals.quotedGoals(text), AttackGoals.domainPatterns(text),
                        List.of("source:bipia", "category:" + slug), metadata));
            }
        }
        return new ImportedCases(cases, problems.list(),
                "BIPIA attack texts inserted into benign documents (email, review, meeting notes, web page, tool"
                        + " output) that the user asks the model to process.",
                List.of("injection", "adversarial", "indirect"));
    }
}
