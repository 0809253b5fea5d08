package dev.evalgate.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import dev.evalgate.datasets.InvalidInputException;
import dev.evalgate.engine.RunResult;
import dev.evalgate.engine.internal.RunStore;
import dev.evalgate.engine.compare.CaseOutcome;
import dev.evalgate.engine.compare.CaseOutcomes;

/**
 * The cases of recent runs that deserve a person's look: those that failed in the latest run that has them, those
 * whose verdict flipped (between runs, or between the repeats of one run), and those that passed in a baseline run
 * and fail in the latest. Runs are ordered by when they started, whatever order they were given in.
 */
final class FlaggedCases {
    enum Reason {
        FAILED, FLIPPED, REGRESSED;

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Set<Reason> parse(List<String> names) {
            Set<Reason> out = EnumSet.noneOf(Reason.class);
            for (String name : names) {
                try {
                    out.add(valueOf(name.strip().toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    throw new InvalidInputException(null, 0, "--pick", "'" + name + "': use failed, flipped or"
                            + " regressed");
                }
            }
            return out;
        }
    }

    /** A case picked from the runs, with why, in the order of the latest run that has it. */
    record Flagged(String corpus, String caseId, Set<Reason> reasons) {
        Flagged {
            reasons = Set.copyOf(reasons);
        }
    }

    private FlaggedCases() {
    }

    static List<RunResult> read(List<Path> runDirectories) {
        List<RunResult> runs = new ArrayList<>();
        for (Path dir : runDirectories) {
            runs.add(RunStore.read(dir));
        }
        runs.sort(Comparator.comparing(r -> r.spec().startedAt()));
        return runs;
    }

    /**
     * @param runs     oldest first
     * @param baseline the run regressions are measured against, or null
     */
    static List<Flagged> pick(List<RunResult> runs, RunResult baseline, Set<Reason> wanted) {
        Map<String, List<CaseOutcomes.Entry>> history = new LinkedHashMap<>();
        for (int i = runs.size() - 1; i >= 0; i--) {
            CaseOutcomes.of(runs.get(i)).entries().values().forEach(entry ->
                    history.computeIfAbsent(entry.key(), k -> new ArrayList<>()).add(0, entry));
        }
        CaseOutcomes base = baseline == null ? null : CaseOutcomes.of(baseline);
        List<Flagged> out = new ArrayList<>();
        history.forEach((key, entries) -> {
            CaseOutcomes.Entry latest = entries.get(entries.size() - 1);
            Set<Reason> reasons = EnumSet.noneOf(Reason.class);
            if (!latest.outcome().passAllK()) {
                reasons.add(Reason.FAILED);
            }
            boolean flipped = entries.stream().anyMatch(e -> e.outcome().flaky())
                    || entries.stream().map(e -> e.outcome().passAllK()).distinct().count() > 1;
            if (flipped) {
                reasons.add(Reason.FLIPPED);
            }
            if (base != null) {
                CaseOutcomes.Entry before = base.get(key);
                if (before != null && before.outcome().passAllK() && !latest.outcome().passAllK()) {
                    reasons.add(Reason.REGRESSED);
                }
            }
            reasons.retainAll(wanted);
            if (!reasons.isEmpty()) {
                out.add(new Flagged(latest.corpus(), latest.caseId(), reasons));
            }
        });
        return out;
    }

    /** passed, failed, flaky or errored, as a reviewer reads it. */
    static String verdict(CaseOutcome outcome) {
        if (outcome.errored() == outcome.repeats()) {
            return "errored";
        }
        return outcome.passAllK() ? "passed" : outcome.flaky() ? "flaky" : "failed";
    }
}
