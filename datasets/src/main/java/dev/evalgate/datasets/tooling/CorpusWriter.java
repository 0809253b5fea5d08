package dev.evalgate.datasets.tooling;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.evalgate.datasets.ContentHash;
import dev.evalgate.datasets.CorpusLoader;
import dev.evalgate.datasets.CorpusManifest;
import dev.evalgate.datasets.EvalCase;
import dev.evalgate.datasets.InvalidInputException;
import dev.evalgate.datasets.lineage.LineageYaml;

/**
 * Writes a corpus directory: {@code cases.jsonl} (one case a line, fields in the order id, input, expected, tags,
 * metadata) and a {@code manifest.yaml} that pins its sha256. The cases file is written first, so a manifest never
 * vouches for a file that is not there.
 */
public final class CorpusWriter {
    private static final ObjectMapper JSON = new ObjectMapper();

    private CorpusWriter() {
    }

    /** One case as a JSON line, without the line break. */
    public static String caseLine(EvalCase evalCase) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", evalCase.id());
        row.put("input", evalCase.input());
        if (!evalCase.expected().isEmpty()) {
            row.put("expected", evalCase.expected());
        }
        if (!evalCase.tags().isEmpty()) {
            row.put("tags", evalCase.tags());
        }
        if (!evalCase.metadata().isEmpty()) {
            row.put("metadata", evalCase.metadata());
        }
        try {
            return JSON.writeValueAsString(row);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a case holds only JSON values", e);
        }
    }

    /**
     * Writes the cases and a manifest for them; {@code manifest.casesSha256()} is replaced by the real hash and an
     * open last lineage step is pinned to the written version.
     */
    public static CorpusManifest write(Path directory, CorpusManifest manifest, List<EvalCase> cases,
                                       boolean overwrite) {
        return writeLines(directory, manifest, cases.stream().map(CorpusWriter::caseLine).toList(), cases,
                overwrite);
    }

    /**
     * Writes case lines as given (already valid JSON, for tools that keep a case byte for byte); the lines are read
     * back once to index their cases.
     */
    public static CorpusManifest writeLines(Path directory, CorpusManifest manifest, List<String> lines,
                                            boolean overwrite) {
        return writeLines(directory, manifest, lines, null, overwrite);
    }

    /**
     * Writes case lines as given together with the cases they hold ({@code cases.get(i)} is {@code lines.get(i)}
     * parsed), so nothing is parsed twice.
     */
    public static CorpusManifest writeLines(Path directory, CorpusManifest manifest, List<String> lines,
                                            List<EvalCase> cases, boolean overwrite) {
        Path manifestFile = directory.resolve(CorpusLoader.MANIFEST_FILE);
        if (!overwrite && Files.exists(manifestFile)) {
            throw new InvalidInputException(manifestFile, 0, null, "a corpus already exists here; choose another"
                    + " --out directory or pass --force to replace it");
        }
        if (cases != null && cases.size() != lines.size()) {
            throw new IllegalArgumentException("cases: " + cases.size() + " cases for " + lines.size() + " lines");
        }
        Path casesFile = directory.resolve(manifest.casesFile());
        try {
            Files.createDirectories(directory);
            try (BufferedWriter out = Files.newBufferedWriter(casesFile, StandardCharsets.UTF_8)) {
                for (String line : lines) {
                    out.write(line);
                    out.write('\n');
                }
            }
            String sha = ContentHash.sha256(casesFile);
            CorpusManifest pinned = manifest.withSha256(sha);
            pinned = pinned.withLineage(manifest.lineage().pinned(pinned.ref()));
            CaseIndex.write(directory, cases != null ? cases : CorpusLoader.readCases(casesFile));
            Files.writeString(manifestFile, manifestYaml(pinned), StandardCharsets.UTF_8);
            return pinned;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the corpus into " + directory, e);
        }
    }

    /** The {@code lineage:} field as a top-level YAML block, ending with a line break. */
    public static String lineageYaml(dev.evalgate.datasets.lineage.Lineage lineage) {
        Map<String, Object> yaml = new LinkedHashMap<>();
        yaml.put("lineage", LineageYaml.toPlain(lineage));
        return new Yaml(dumperOptions()).dump(yaml);
    }

    private static DumperOptions dumperOptions() {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setWidth(110);
        options.setSplitLines(true);
        options.setIndent(2);
        options.setIndicatorIndent(0);
        return options;
    }

    /** The manifest as YAML, with {@code sha256} on a top-level line of its own so {@code freeze} can update it. */
    public static String manifestYaml(CorpusManifest manifest) {
        Map<String, Object> yaml = new LinkedHashMap<>();
        yaml.put("name", manifest.name());
        yaml.put("version", manifest.version());
        yaml.put("description", manifest.description());
        yaml.put("license", manifest.license());
        yaml.put("source", manifest.source());
        yaml.put("cases", manifest.casesFile());
        yaml.put("tags", manifest.tags());
        if (!manifest.lineage().isEmpty()) {
            yaml.put("lineage", LineageYaml.toPlain(manifest.lineage()));
        }
        return new Yaml(dumperOptions()).dump(yaml) + "sha256: " + manifest.casesSha256() + "\n";
    }
}
