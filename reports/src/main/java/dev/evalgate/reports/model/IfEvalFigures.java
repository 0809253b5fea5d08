package dev.evalgate.reports.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.evalgate.engine.CaseResult;
import dev.evalgate.engine.Score;
import dev.evalgate.engine.internal.ResultDigest;

/**
 * IFEval's own four accuracies for one {@code ifeval} scorer of a run, computed as the paper's evaluation does: the
 * share of prompts with every instruction followed (prompt level) and the share of all instructions followed
 * (instruction level, pooled over prompts), each in strict and loose mode. A scorer's mean value is a mean of
 * per-prompt shares instead, which weights a prompt with one instruction as much as one with three.
 *
 * <p>Read from the score details the {@code ifeval} scorer writes; every scored attempt counts as one prompt, and
 * errored or undecided attempts are left out (the gate reports those separately).
 *
 * @param prompts      scored attempts
 * @param instructions instructions over those attempts
 */
public record IfEvalFigures(String scorer, int prompts, int instructions, double promptLevelStrict,
                            double instructionLevelStrict, double promptLevelLoose, double instructionLevelLoose) {

    /** The figures of every scorer whose scores carry IFEval's details, in the order the scorers first appear. */
    public static List<IfEvalFigures> of(List<CaseResult> results) {
        if (!ResultDigest.of(results).hasInstructionCounts()) {
            return List.of(); // without reading every result again to find out
        }
        Map<String, int[]> tallies = new LinkedHashMap<>();
        for (CaseResult result : results) {
            for (Score score : result.scores()) {
                Map<String, Object> d = score.details();
                if (score.undecided() || d == null || !(d.get("instructions_total") instanceof Number total)
                        || !(d.get("followed_strict") instanceof Number strict)
                        || !(d.get("followed_loose") instanceof Number loose)
                        || !(d.get("prompt_level_strict") instanceof Boolean promptStrict)
                        || !(d.get("prompt_level_loose") instanceof Boolean promptLoose)) {
                    continue;
                }
                int[] t = tallies.computeIfAbsent(score.name(), k -> new int[6]);
                t[0]++;
                t[1] += total.intValue();
                t[2] += promptStrict ? 1 : 0;
                t[3] += strict.intValue();
                t[4] += promptLoose ? 1 : 0;
                t[5] += loose.intValue();
            }
        }
        List<IfEvalFigures> out = new ArrayList<>();
        tallies.forEach((name, t) -> out.add(new IfEvalFigures(name, t[0], t[1], share(t[2], t[0]), share(t[3], t[1]),
                share(t[4], t[0]), share(t[5], t[1]))));
        return List.copyOf(out);
    }

    private static double share(int part, int whole) {
        return whole == 0 ? 0.0 : (double) part / whole;
    }
}
