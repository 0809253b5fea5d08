package dev.evalgate.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.core.JsonProcessingException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import dev.evalgate.datasets.InvalidInputException;
import dev.evalgate.engine.BackendOptions;
import dev.evalgate.engine.ExitCode;
import dev.evalgate.engine.JudgeModels;
import dev.evalgate.engine.JudgeSpec;
import dev.evalgate.engine.ModelClient;
import dev.evalgate.engine.ModelClients;
import dev.evalgate.engine.ModelRef;
import dev.evalgate.engine.Scorer;
import dev.evalgate.engine.ScorerRegistry;
import dev.evalgate.engine.ScorerSpec;
import dev.evalgate.engine.SourceLocation;
import dev.evalgate.engine.SuiteLoader;
import dev.evalgate.engine.internal.Json;
import dev.evalgate.judges.calibration.Agreement;
import dev.evalgate.judges.calibration.Calibration;
import dev.evalgate.judges.calibration.HumanLabel;
import dev.evalgate.judges.calibration.HumanLabels;

@Command(name = "judges",
        description = "Checks judges against people before a gate relies on them.",
        mixinStandardHelpOptions = true,
        subcommands = {JudgesCommand.Calibrate.class},
        footerHeading = "%nExample:%n",
        footer = "  evalgate judges calibrate --labels labels.jsonl --scorer keywords -p required=Paris")
public final class JudgesCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "calibrate", mixinStandardHelpOptions = true,
            description = {"Runs a scorer over human-labelled items and reports how well it agrees with the people:"
                    + " accuracy, Cohen's kappa and the confusion matrix.",
                    "The labels file is JSON Lines, one item a line: {\"input\": ..., \"output\": ...,"
                            + " \"reference\": ... (optional), \"baseline\": ... (optional, pairwise),"
                            + " \"label\": \"pass\" | \"fail\" | 1..5}."},
            footerHeading = "%nExamples:%n",
            footer = {"  evalgate judges calibrate --labels labels.jsonl --scorer llm-rubric "
                    + "--judge-model ollama:qwen2.5:0.5b -p rubric='Answers the question politely' --min-kappa 0.6",
                    "  evalgate judges calibrate --labels labels.jsonl --scorer keywords -p required=Paris",
                    "",
                    "Exit code 1 when --min-kappa is given and agreement is below it."})
    static final class Calibrate implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--labels", required = true, paramLabel = "FILE", description = "Human labels (JSONL).")
        Path labels;

        @Option(names = "--scorer", required = true, paramLabel = "TYPE",
                description = "Scorer type to calibrate, such as llm-rubric or llm-closed-qa (see 'evalgate scorers').")
        String scorer;

        @Option(names = "--judge-model", paramLabel = "REF",
                description = "Model for the judge role, such as ollama:qwen2.5:0.5b or llamacpp:model.gguf"
                        + " (default: the --suite's judge model).")
        String judgeModel;

        @Option(names = "--suite", paramLabel = "SUITE",
                description = "Calibrate under the judge settings of this suite (its 'judge:' model, temperature,"
                        + " seed and max_tokens), as the run that gates samples; without it, a suite's defaults.")
        Path suiteFile;

        @Option(names = {"-p", "--param"}, paramLabel = "KEY=VALUE",
                description = "A scorer parameter, as in the suite's params (repeatable). true/false are booleans;"
                        + " a JSON list or mapping is passed as one (-p 'required=[\"a\",\"b\"]').")
        Map<String, String> params = new LinkedHashMap<>();

        @Option(names = "--min-kappa", paramLabel = "KAPPA",
                description = "Fail (exit 1) when Cohen's kappa is below this bar.")
        Double minKappa;

        @Option(names = "--json", description = "Print the agreement as JSON instead of a table.")
        boolean json;

        @Override
        public Integer call() throws JsonProcessingException {
            List<HumanLabel> items = HumanLabels.read(labels);
            Map<String, Object> scorerParams = new LinkedHashMap<>();
            params.forEach((key, value) -> scorerParams.put(key, paramValue(key, value)));
            ScorerSpec scorerSpec = new ScorerSpec(scorer, scorer, scorerParams, new SourceLocation(null, 0, "--param"));
            JudgeSpec judgeSpec = judgeSpec();
            List<ModelClient> opened = new java.util.ArrayList<>();
            try {
                JudgeModels models = judgeModels(judgeSpec, judge -> {
                    ModelClient client = open(judge);
                    opened.add(client);
                    return client;
                });
                if (!ScorerRegistry.load().knows(scorer)) {
                    throw new InvalidInputException(null, 0, "--scorer", "unknown scorer '" + scorer + "'; see"
                            + " 'evalgate scorers'");
                }
                Scorer created = ScorerRegistry.load().create(scorerSpec, models);
                Agreement agreement = Calibration.run(created, items);
                print(agreement);
                if (minKappa != null && agreement.kappa() < minKappa) {
                    spec.commandLine().getErr().printf("kappa %.3f is below --min-kappa %.3f: do not gate on this"
                            + " judge as it is%n", agreement.kappa(), minKappa);
                    return ExitCode.GATE_FAILED.code();
                }
                return ExitCode.PASS.code();
            } finally {
                opened.forEach(ModelClient::close);
            }
        }

        /** The judge as the gating run would have it: the suite's, with --judge-model naming another model. */
        private JudgeSpec judgeSpec() {
            Optional<JudgeSpec> suiteJudge = suiteFile == null ? Optional.empty()
                    : new SuiteLoader(ScorerRegistry.load()).load(suiteFile).judge();
            if (judgeModel == null) {
                return suiteJudge.orElse(null);
            }
            return new JudgeSpec(judgeModel, suiteJudge.map(JudgeSpec::params).orElse(null));
        }

        /**
         * The judge role for calibration, through the same {@link JudgeModels#of} a run uses, so the judge samples
         * with the same settings in both; {@code null} judge: a scorer that needs one is refused with advice.
         */
        static JudgeModels judgeModels(JudgeSpec judge, java.util.function.Function<JudgeSpec, ModelClient> open) {
            if (judge == null) {
                return role -> {
                    throw new InvalidInputException(null, 0, "--judge-model", "this scorer needs a model for the '"
                            + role + "' role; give --judge-model such as ollama:qwen2.5:0.5b, or --suite with a"
                            + " 'judge:' section");
                };
            }
            return JudgeModels.of(judge, role -> open.apply(judge));
        }

        private ModelClient open(JudgeSpec judge) {
            ModelRef ref;
            try {
                ref = ModelRef.parse(judge.model());
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException(null, 0, "--judge-model", e.getMessage());
            }
            Path base = suiteFile == null ? Path.of(".") : suiteFile.toAbsolutePath().getParent();
            return ModelClients.load().open(ref, new BackendOptions(Optional.empty(), base, null, Map.of()),
                    new SourceLocation(suiteFile, 0, judgeModel != null ? "--judge-model" : "judge.model"));
        }

        /** true/false are booleans and a JSON list or mapping is structured (-p 'required=["a","b"]'); else text. */
        private static Object paramValue(String key, String value) {
            if (value.equals("true") || value.equals("false")) {
                return Boolean.valueOf(value);
            }
            String trimmed = value.strip();
            if (trimmed.startsWith("[") || trimmed.startsWith("{")) {
                try {
                    return Json.MAPPER.readValue(trimmed, Object.class);
                } catch (JsonProcessingException e) {
                    throw new InvalidInputException(null, 0, "--param " + key, "looks like a JSON list or mapping but"
                            + " is not valid JSON: " + e.getOriginalMessage());
                }
            }
            return value;
        }

        private void print(Agreement agreement) throws JsonProcessingException {
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                out.println(Json.MAPPER.writeValueAsString(agreement));
                return;
            }
            out.printf("scorer %s on %d labelled item(s) from %s%n", scorer, agreement.items(), labels);
            out.printf("accuracy     %.3f%n", agreement.accuracy());
            out.printf("Cohen's kappa %.3f%n", agreement.kappa());
            if (agreement.undecided() > 0) {
                out.printf("undecided    %d (the judge gave no usable verdict; counted as disagreement)%n",
                        agreement.undecided());
            }
            out.println();
            out.print(agreement.table());
            out.flush();
        }
    }
}
