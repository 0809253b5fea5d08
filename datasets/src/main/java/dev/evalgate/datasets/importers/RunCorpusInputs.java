package dev.evalgate.datasets.importers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import dev.evalgate.datasets.ConfigNode;
import dev.evalgate.datasets.CorpusLoader;
import dev.evalgate.datasets.CorpusManifest;
import dev.evalgate.datasets.InvalidInputException;

/**
 * The input variables of the cases of a stored run, found through its {@code run.json}: the suite file the run was
 * started from names the corpus directories, and a corpus counts only if its name, version and pinned sha256 are
 * the ones the run recorded (the cases the run evaluated, not a later edit). A result line does not hold its case's
 * variables, only the prompt rendered from them; with the variables an imported case renders again under another
 * template. When nothing can be found (no {@code run.json}, the suite file moved, the corpus changed since) the
 * reasons are kept for the import's notes and the rendered prompt serves as the input.
 */
final class RunCorpusInputs {
    private final Map<String, Map<String, Map<String, Object>>> inputsByCorpus = new HashMap<>();
    private final Map<String, String> describedCorpora = new HashMap<>();
    private final List<String> misses = new ArrayList<>();

    private RunCorpusInputs() {
    }

    /** Reads the corpora of the run whose {@code results.jsonl} is given (its {@code run.json} sits beside it). */
    static RunCorpusInputs of(Path resultsFile) {
        RunCorpusInputs out = new RunCorpusInputs();
        Path dir = resultsFile.toAbsolutePath().normalize().getParent();
        Path runFile = dir == null ? null : dir.resolve("run.json");
        if (runFile == null || !Files.isRegularFile(runFile)) {
            out.misses.add("no run.json beside " + resultsFile);
            return out;
        }
        JsonNode spec;
        try {
            spec = SourceFiles.JSON.readTree(runFile.toFile()).path("spec");
        } catch (IOException e) {
            out.misses.add(runFile + " cannot be read (" + e.getMessage() + ")");
            return out;
        }
        String suiteText = spec.path("suiteFile").asText("");
        Path suiteFile = suiteText.isEmpty() ? null : Path.of(suiteText);
        if (suiteFile == null || !Files.isRegularFile(suiteFile)) {
            out.misses.add("the run's suite file " + (suiteText.isEmpty() ? "(none recorded)" : suiteText)
                    + " is not here");
            return out;
        }
        List<Path> directories = new ArrayList<>();
        try {
            ConfigNode root = ConfigNode.parseYaml(suiteFile);
            Path suiteDir = suiteFile.toAbsolutePath().normalize().getParent();
            Optional<ConfigNode> corpora = root.optional("corpora");
            corpora.ifPresent(node -> (node.isList() ? node.asList() : List.of(node))
                    .forEach(item -> directories.add(item.asPathIn(suiteDir))));
        } catch (InvalidInputException e) {
            out.misses.add("the run's suite file cannot be read: " + e.getMessage());
            return out;
        }
        for (JsonNode recorded : spec.path("corpora")) {
            String name = recorded.path("name").asText("");
            String version = recorded.path("version").asText("");
            String sha = recorded.path("sha256").asText("");
            out.find(directories, name, version, sha);
        }
        return out;
    }

    private void find(List<Path> directories, String name, String version, String sha) {
        for (Path directory : directories) {
            CorpusManifest manifest;
            try {
                manifest = CorpusLoader.readManifest(directory.resolve(CorpusLoader.MANIFEST_FILE));
            } catch (RuntimeException e) {
                continue;
            }
            if (!manifest.name().equals(name)) {
                continue;
            }
            if (!manifest.version().equals(version) || !manifest.casesSha256().equals(sha)) {
                misses.add("corpus " + name + " at " + directory + " is now " + manifest.version() + " (sha256 "
                        + manifest.casesSha256() + "), not the " + version + " (sha256 " + sha + ") the run"
                        + " evaluated");
                return;
            }
            Map<String, Map<String, Object>> inputs = new HashMap<>();
            try {
                CorpusLoader.verifying().stream(directory, (line, text, evalCase) ->
                        inputs.put(evalCase.id(), evalCase.input()));
            } catch (RuntimeException e) {
                misses.add("corpus " + name + " at " + directory + " cannot be read: " + e.getMessage());
                return;
            }
            inputsByCorpus.put(name, inputs);
            describedCorpora.put(name, name + " " + version);
            return;
        }
        misses.add("corpus " + name + " " + version + " is not among the suite's corpora " + directories);
    }

    /** The case's input variables as the run's corpus holds them, if that corpus was found. */
    Optional<Map<String, Object>> input(String corpus, String caseId) {
        Map<String, Map<String, Object>> inputs = inputsByCorpus.get(corpus);
        return inputs == null ? Optional.empty() : Optional.ofNullable(inputs.get(caseId));
    }

    /** "NAME VERSION" of a corpus whose inputs were found. */
    String describe(String corpus) {
        return describedCorpora.get(corpus);
    }

    /** Why some or all inputs could not be found. */
    List<String> misses() {
        return List.copyOf(misses);
    }
}
