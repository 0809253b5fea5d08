package dev.evalgate.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import dev.evalgate.datasets.CorpusManifest;
import dev.evalgate.datasets.EvalCase;
import dev.evalgate.datasets.InvalidInputException;
import dev.evalgate.datasets.lineage.Lineage;
import dev.evalgate.datasets.lineage.Operations;
import dev.evalgate.datasets.tooling.CorpusLines;
import dev.evalgate.datasets.tooling.CorpusWriter;
import dev.evalgate.engine.ExitCode;
import dev.evalgate.judges.privacy.PrivacyScanner;
import dev.evalgate.judges.privacy.Redactor;
import dev.evalgate.judges.privacy.SecretDetector;

/**
 * {@code evalgate datasets redact}: a new version of a corpus with personal data and secrets replaced by
 * placeholders, consistent within a case, and the redaction recorded in the manifest's description.
 */
@Command(name = "redact",
        description = {"Writes a redacted copy of a corpus: every detected e-mail, phone number, card, IBAN, SSN,"
                + " NINO, IP, postal address and secret in input, expected and metadata becomes a placeholder such as"
                + " [EMAIL_1] or [SECRET_1]; the same value gets the same placeholder within a case.",
                "Cases without findings are copied byte for byte. The manifest gets version VERSION-redacted (or"
                        + " --version) and a description naming the source corpus, its sha256 and the detectors."},
        footerHeading = "%nExample:%n",
        footer = {"  evalgate datasets redact corpora/support --out corpora/support-redacted",
                "", "Exit codes:", "  0  redacted corpus written",
                "  2  usage or input error (malformed corpus, --out holds a corpus)"})
final class DatasetsRedactCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    // No mixinStandardHelpOptions: its --version would take the name of the corpus version option.
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    @Parameters(index = "0", paramLabel = "CORPUS_DIR")
    Path dir;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "corpus directory to write")
    Path out;

    @Option(names = "--only", paramLabel = "KIND", description = "pii or secrets (default: both)")
    String only;

    @Option(names = "--version", paramLabel = "V", description = "version of the copy (default: VERSION-redacted)")
    String version;

    @Option(names = "--force", description = "replace a corpus already in --out")
    boolean force;

    @Override
    public Integer call() {
        if (out.toAbsolutePath().normalize().equals(dir.toAbsolutePath().normalize())) {
            throw new InvalidInputException(out, 0, "--out", "is the corpus being redacted; write the copy to another"
                    + " directory, so the original stays until the copy has been checked");
        }
        Set<PrivacyScanner.Kind> kinds = DatasetsScanCommand.kinds(only);
        PrivacyScanner scanner = new PrivacyScanner(kinds);
        CorpusLines corpus = CorpusLines.load(dir);
        List<String> lines = new ArrayList<>();
        int cases = 0;
        int values = 0;
        for (int i = 0; i < corpus.cases().size(); i++) {
            EvalCase c = corpus.cases().get(i);
            Redactor redactor = new Redactor(scanner);
            EvalCase redacted = new EvalCase(c.id(), redactedMap(redactor, c.input()),
                    redactedMap(redactor, c.expected()), c.tags(), redactedMap(redactor, c.metadata()));
            if (redactor.replaced() == 0) {
                lines.add(corpus.lines().get(i));
            } else {
                cases++;
                values += redactor.replaced();
                lines.add(CorpusWriter.caseLine(redacted));
            }
        }
        CorpusManifest m = corpus.corpus().manifest();
        SecretDetector secrets = SecretDetector.shipped();
        String note = "Redacted copy of " + m.name() + " " + m.version() + " (cases sha256 " + m.casesSha256() + "): "
                + values + " values in " + cases + " of " + corpus.cases().size() + " cases replaced by placeholders"
                + " (detected: " + String.join(" and ", kinds.stream().map(k -> k.name().toLowerCase(java.util.Locale.ROOT)).toList())
                + (kinds.contains(PrivacyScanner.Kind.SECRETS) ? "; secret rules " + secrets.source() : "")
                + "). Detectors miss what they cannot see (names, free-form addresses): review before publishing.";
        CorpusManifest written = CorpusWriter.writeLines(out, new CorpusManifest(m.name(),
                version != null ? version : m.version() + "-redacted",
                note + (m.description().isBlank() ? "" : "\n\n" + m.description()), m.license(), m.source(),
                CorpusManifest.DEFAULT_CASES_FILE, m.casesSha256(), m.tags(), Lineage.derive(Operations.REDACT,
                Map.of("only", kinds.stream().map(k -> k.name().toLowerCase(java.util.Locale.ROOT)).sorted()
                        .toList(), "cases_redacted", cases, "values_redacted", values), List.of(m))), lines, force);
        spec.commandLine().getOut().printf("%s: %s %s, %d values redacted in %d of %d cases, sha256 %s%n", out,
                TerminalText.printable(written.name()), TerminalText.printable(written.version()), values, cases,
                corpus.cases().size(), written.casesSha256());
        return ExitCode.PASS.code();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> redactedMap(Redactor redactor, Map<String, Object> value) {
        return (Map<String, Object>) redactor.redactValue(value);
    }
}
