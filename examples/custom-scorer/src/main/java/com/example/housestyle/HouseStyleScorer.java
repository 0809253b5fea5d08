package com.example.housestyle;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import dev.evalgate.engine.CaseDataException;
import dev.evalgate.engine.CaseFields;
import dev.evalgate.engine.Score;
import dev.evalgate.engine.Scorer;
import dev.evalgate.engine.ScoringContext;

/**
 * Passes when the output uses none of the style guide's banned terms (at most {@code max_banned}) and, when the
 * case names one in {@code expected.product_name}, spells the product name exactly. The value is the share of
 * checks met; the explanation suggests the preferred term for each banned one found.
 */
final class HouseStyleScorer implements Scorer {
    private final String name;
    private final StyleGuide guide;
    private final boolean ignoreCase;
    private final int maxBanned;

    HouseStyleScorer(String name, StyleGuide guide, boolean ignoreCase, int maxBanned) {
        this.name = name;
        this.guide = guide;
        this.ignoreCase = ignoreCase;
        this.maxBanned = maxBanned;
    }

    @Override
    public Score score(ScoringContext context) {
        Optional<String> productName;
        try {
            productName = CaseFields.text(context.evalCase(), "product_name");
        } catch (CaseDataException e) {
            // Bad case data is the corpus's fault, not the model's: an undecided score names the case and field.
            return Score.undecided(name, e.getMessage());
        }
        String output = context.output();
        String haystack = ignoreCase ? output.toLowerCase(Locale.ROOT) : output;
        List<String> found = new ArrayList<>();
        for (StyleGuide.Rule rule : guide.rules()) {
            String banned = ignoreCase ? rule.banned().toLowerCase(Locale.ROOT) : rule.banned();
            if (haystack.contains(banned)) {
                found.add("'" + rule.banned() + "' (use '" + rule.preferred() + "')");
            }
        }
        boolean bannedOk = found.size() <= maxBanned;
        boolean productOk = productName.map(output::contains).orElse(true);
        int checks = productName.isPresent() ? 2 : 1;
        int met = (bannedOk ? 1 : 0) + (productName.isPresent() && productOk ? 1 : 0);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("banned_found", found);
        productName.ifPresent(p -> details.put("product_name_present", productOk));
        List<String> problems = new ArrayList<>();
        if (!found.isEmpty()) {
            problems.add("banned terms " + String.join(", ", found));
        }
        if (!productOk) {
            problems.add("the product name '" + productName.get() + "' is not spelled exactly");
        }
        boolean passed = bannedOk && productOk;
        String explanation = problems.isEmpty() ? "follows the house style (" + guide.rules().size() + " rules)"
                : String.join("; ", problems) + (passed ? " (tolerated: at most " + maxBanned + ")" : "");
        return new Score(name, (double) met / checks, passed, explanation, details);
    }
}
