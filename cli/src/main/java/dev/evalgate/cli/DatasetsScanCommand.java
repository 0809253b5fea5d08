package dev.evalgate.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import dev.evalgate.datasets.EvalCase;
import dev.evalgate.datasets.InvalidInputException;
import dev.evalgate.datasets.tooling.CorpusLines;
import dev.evalgate.engine.ExitCode;
import dev.evalgate.judges.privacy.Finding;
import dev.evalgate.judges.privacy.PrivacyScanner;

/** {@code evalgate datasets scan}: lists the cases of a corpus that carry personal data or secrets, masked. */
@Command(name = "scan", mixinStandardHelpOptions = true,
        description = {"Lists the cases of each corpus that contain personal data (e-mail, phone, card, IBAN, SSN,"
                + " NINO, IP, postal address) or secrets (gitleaks rules), as file:line, case id, field, type and a"
                + " masked excerpt; never the value.",
                "Exit 1 when something was found, so a CI step can keep personal data out of a repository."},
        footerHeading = "%nExamples:%n",
        footer = {"  evalgate datasets scan examples/quickstart/corpus",
                "  evalgate datasets scan corpora/support --only secrets",
                "", "Exit codes:", "  0  nothing found", "  1  personal data or secrets found",
                "  2  usage or input error (malformed corpus)"})
final class DatasetsScanCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "CORPUS_DIR")
    List<Path> corpora;

    @Option(names = "--only", paramLabel = "KIND", description = "pii or secrets (default: both)")
    String only;

    @Override
    public Integer call() {
        PrivacyScanner scanner = new PrivacyScanner(kinds(only));
        PrintWriter out = spec.commandLine().getOut();
        int total = 0;
        for (Path dir : corpora) {
            CorpusLines corpus = CorpusLines.load(dir);
            Path casesFile = dir.resolve(corpus.corpus().manifest().casesFile());
            List<Integer> fileLines = nonBlankLineNumbers(casesFile);
            Map<String, Integer> byType = new TreeMap<>();
            int cases = 0;
            for (int i = 0; i < corpus.cases().size(); i++) {
                EvalCase evalCase = corpus.cases().get(i);
                List<String> found = new ArrayList<>();
                scan(scanner, "input", evalCase.input(), found, byType);
                scan(scanner, "expected", evalCase.expected(), found, byType);
                scan(scanner, "metadata", evalCase.metadata(), found, byType);
                if (!found.isEmpty()) {
                    cases++;
                    for (String finding : found) {
                        out.printf("%s:%d: case %s: %s%n", casesFile, fileLines.get(i),
                                TerminalText.printable(evalCase.id()), finding);
                    }
                }
            }
            total += cases;
            out.printf("%s: %d of %d cases contain personal data or secrets%s%n", dir, cases, corpus.cases().size(),
                    byType.isEmpty() ? "" : " " + byType);
        }
        return total > 0 ? ExitCode.GATE_FAILED.code() : ExitCode.PASS.code();
    }

    static Set<PrivacyScanner.Kind> kinds(String only) {
        if (only == null) {
            return EnumSet.allOf(PrivacyScanner.Kind.class);
        }
        try {
            return EnumSet.of(PrivacyScanner.Kind.parse(only));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(null, 0, "--only", e.getMessage());
        }
    }

    private static void scan(PrivacyScanner scanner, String field, Object value, List<String> found,
            Map<String, Integer> byType) {
        if (value instanceof String text) {
            for (Finding finding : scanner.find(text)) {
                found.add(field + ": " + finding.category() + " " + finding.kind() + " "
                        + TerminalText.printable(finding.masked()));
                byType.merge(finding.kind(), 1, Integer::sum);
            }
        } else if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> scan(scanner, field + "." + k, v, found, byType));
        } else if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                scan(scanner, field + "[" + i + "]", list.get(i), found, byType);
            }
        }
    }

    /** File line of each non-blank line, in the order {@link CorpusLines} pairs them with cases. */
    private static List<Integer> nonBlankLineNumbers(Path casesFile) {
        try {
            List<String> lines = Files.readAllLines(casesFile, StandardCharsets.UTF_8);
            List<Integer> numbers = new ArrayList<>();
            for (int i = 0; i < lines.size(); i++) {
                if (!lines.get(i).isBlank()) {
                    numbers.add(i + 1);
                }
            }
            return numbers;
        } catch (IOException e) {
            throw new InvalidInputException(casesFile, 0, null, "cannot read: " + e.getMessage(), e);
        }
    }
}
