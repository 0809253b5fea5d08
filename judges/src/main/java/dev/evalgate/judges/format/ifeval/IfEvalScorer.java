package dev.evalgate.judges.format.ifeval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.evalgate.engine.JudgeModels;
import dev.evalgate.engine.Score;
import dev.evalgate.engine.Scorer;
import dev.evalgate.engine.ScorerParams;
import dev.evalgate.engine.ScorerProvider;
import dev.evalgate.engine.ScoringContext;

/**
 * IFEval (Zhou et al., 2023): checks the verifiable instructions a case declares in {@code expected.instruction_id_list}
 * and {@code expected.kwargs}, in the paper's data format, so an IFEval corpus is scored unchanged.
 *
 * <p>Both modes are always computed and reported in the details; {@code mode} (strict by default) chooses which
 * one makes the score. The score passes when every instruction is followed (prompt-level accuracy, averaged over
 * cases) and its value is the share of instructions followed (instruction-level accuracy per case; the details carry
 * the counts for a micro-average over all instructions).
 */
public final class IfEvalScorer implements Scorer {
    public enum Mode { STRICT, LOOSE }

    private final String name;
    private final Mode mode;

    public IfEvalScorer(String name, Mode mode) {
        this.name = name;
        this.mode = mode;
    }

    /** One instruction's outcome in both modes. */
    public record InstructionResult(String id, boolean strict, boolean loose) {
    }

    /** Checks the instructions against a response in both modes. */
    public static List<InstructionResult> check(List<Instruction> instructions, String response) {
        List<String> variants = LooseResponses.variants(response);
        List<InstructionResult> results = new ArrayList<>(instructions.size());
        for (Instruction instruction : instructions) {
            boolean strict = !PyText.isBlank(response) && instruction.followed(response);
            boolean loose = strict;
            for (int i = 1; i < variants.size() && !loose; i++) {
                String variant = variants.get(i);
                loose = !PyText.isBlank(variant) && instruction.followed(variant);
            }
            results.add(new InstructionResult(instruction.id(), strict, loose));
        }
        return results;
    }

    @Override
    public Score score(ScoringContext context) {
        Map<String, Object> expected = context.evalCase().expected();
        List<Instruction> instructions;
        try {
            instructions = InstructionCatalog.buildAll(expected.get("instruction_id_list"), expected.get("kwargs"));
        } catch (IllegalArgumentException e) {
            return Score.undecided(name, "case '" + context.evalCase().id() + "': field 'expected': " + e.getMessage());
        }
        List<InstructionResult> results = check(instructions, context.output());
        int strict = (int) results.stream().filter(InstructionResult::strict).count();
        int loose = (int) results.stream().filter(InstructionResult::loose).count();
        int total = results.size();

        List<Map<String, Object>> perInstruction = new ArrayList<>();
        List<String> missed = new ArrayList<>();
        for (InstructionResult r : results) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", r.id());
            row.put("strict", r.strict());
            row.put("loose", r.loose());
            perInstruction.add(row);
            if (!(mode == Mode.STRICT ? r.strict() : r.loose())) {
                missed.add(r.id());
            }
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("mode", mode.name().toLowerCase(Locale.ROOT));
        details.put("instructions", perInstruction);
        details.put("instructions_total", total);
        details.put("followed_strict", strict);
        details.put("followed_loose", loose);
        details.put("prompt_level_strict", strict == total);
        details.put("prompt_level_loose", loose == total);
        details.put("instruction_level_strict", (double) strict / total);
        details.put("instruction_level_loose", (double) loose / total);

        int followed = mode == Mode.STRICT ? strict : loose;
        String modeName = mode.name().toLowerCase(Locale.ROOT);
        String explanation = followed + " of " + total + " instructions followed (" + modeName + "; strict "
                + strict + ", loose " + loose + ")" + (missed.isEmpty() ? "" : "; not followed: "
                + String.join(", ", missed));
        return new Score(name, (double) followed / total, followed == total, explanation, details);
    }

    public static final class Provider implements ScorerProvider {
        @Override
        public String type() {
            return "ifeval";
        }

        @Override
        public String description() {
            return "IFEval verifiable instructions from expected.instruction_id_list / kwargs (params: mode"
                    + " strict|loose)";
        }

        @Override
        public Scorer create(ScorerParams params, JudgeModels models) {
            params.allowOnly("mode");
            String mode = params.string("mode", "strict");
            try {
                return new IfEvalScorer(params.spec().name(), Mode.valueOf(mode.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw params.error("mode", "unknown mode '" + mode + "'; use strict or loose");
            }
        }
    }
}
