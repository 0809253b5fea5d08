package dev.evalgate.reports.model;

import java.util.List;

import dev.evalgate.engine.compare.Comparability;
import dev.evalgate.engine.compare.Comparison;

/**
 * One aspect two compared runs should share (model, tier, repeats, corpus, bundle), as each run had it, so a
 * report states what its comparison compares.
 */
public record ComparedAspect(String aspect, String baseline, String candidate, boolean same) {
    public static List<ComparedAspect> of(Comparison comparison) {
        return java.util.Arrays.stream(Comparability.values()).map(a -> new ComparedAspect(a.key(),
                a.describe(comparison.baseline()), a.describe(comparison.candidate()),
                a.same(comparison.baseline(), comparison.candidate()))).toList();
    }
}
