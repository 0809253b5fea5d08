package dev.evalgate.datasets.tooling;

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

    /** Writes the cases and a manifest for them; {@code manifest.casesSha256()} is replaced by the real hash. */
    public static CorpusManifest write(Path directory, CorpusManifest manifest, List<EvalCase> cases,
                                       boolean overwrite) {
        return writeLines(directory, manifest, cases.stream().map(CorpusWriter::caseLine).toList(), overwrite);
    }

    /** Writes case lines as given (already valid JSON, for tools that keep a case byte for byte). */
    public static CorpusManifest writeLines(Path directory, CorpusManifest manifest, List<String> lines,
                                            boolean overwrite) {
        Path manifestFile = directory.resolve(CorpusLoader.MANIFEST_FILE);
        if (!overwrite && Files.exists(manifestFile)) {
            throw new InvalidInputException(manifestFile, 0, null, "a corpus already exists here; choose another"
                    + " --out directory or pass --force to replace it");
        }
        Path casesFile = directory.resolve(manifest.casesFile());
        StringBuilder text = new StringBuilder();
        for (String line : lines) {
            text.append(line).append('\n');
        }
        try {
            Files.createDirectories(directory);
            Files.writeString(casesFile, text, StandardCharsets.UTF_8);
            CorpusManifest pinned = new CorpusManifest(manifest.name(), manifest.version(), manifest.description(),
                    manifest.license(), manifest.source(), manifest.casesFile(), ContentHash.sha256(casesFile),
                    manifest.tags());
            Files.writeString(manifestFile, manifestYaml(pinned), StandardCharsets.UTF_8);
            return pinned;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the corpus into " + directory, e);
        }
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
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setWidth(110);
        options.setSplitLines(true);
        options.setIndent(2);
        options.setIndicatorIndent(0);
        return new Yaml(options).dump(yaml) + "sha256: " + manifest.casesSha256() + "\n";
    }
}
