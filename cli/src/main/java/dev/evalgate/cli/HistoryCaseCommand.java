package dev.evalgate.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import dev.evalgate.history.CaseEntry;
import dev.evalgate.history.HistoryStore;
import dev.evalgate.history.RunEntry;

@Command(name = "case",
        description = {"Shows one case across the recorded runs: its verdict and scores in each, and its output "
                + "wherever the output changed. Says since which run it has been failing."},
        mixinStandardHelpOptions = true,
        footerHeading = "%nExamples:%n",
        footer = {
                "  evalgate history case quickstart/refund-window",
                "  evalgate history case refund-window --suite quickstart --limit 100",
                "  evalgate history case refund-window --output-chars 2000"})
public final class HistoryCaseCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "CASE", description = "The case: CORPUS/ID, or its id alone.")
    String caseKey;

    @Mixin
    HistoryOptions options = new HistoryOptions();

    @Option(names = "--output-chars", paramLabel = "N", description = "Show at most N characters of each changed "
            + "output (default: ${DEFAULT-VALUE}).")
    int outputChars = 400;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (HistoryStore store = options.open()) {
            List<CaseEntry> entries = store.queries().caseHistory(options.filter(), caseKey);
            if (entries.isEmpty()) {
                out.println("case " + TerminalText.safe(caseKey) + " is in none of the matching runs of "
                        + store.location());
                return 0;
            }
            CaseEntry latest = entries.get(entries.size() - 1);
            out.println("case " + TerminalText.safe(latest.caseKey()) + " in " + entries.size() + " runs (oldest first):");
            String previousSha = null;
            for (CaseEntry e : entries) {
                String verdict = e.errored() ? "ERROR" : e.passed() ? "pass" : e.repeats() > 1
                        ? "FAIL " + e.passedRepeats() + "/" + e.repeats() : "FAIL";
                String scores = e.scores().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
                        .map(s -> TerminalText.safe(s.getKey()) + "=" + String.format(Locale.ROOT, "%.3f", s.getValue()))
                        .collect(Collectors.joining(" "));
                boolean changed = !e.outputSha256().equals(previousSha);
                out.printf(Locale.ROOT, "  %-19s  %-34s  %-6s  %s%s%n", HistoryCommand.shortTime(e.run().startedAt()),
                        e.run().runId(), verdict, scores, previousSha != null && changed ? "  output changed" : "");
                if (changed) {
                    String shown = TerminalText.safe(e.output().length() > outputChars
                            ? e.output().substring(0, outputChars) + "..." : e.output());
                    out.println("      output (" + e.outputChars() + " chars): " + shown.replace("\n", "\n      "));
                }
                if (e.error() != null) {
                    out.println("      error: " + TerminalText.safe(e.error()));
                }
                previousSha = e.outputSha256();
            }
            Optional<RunEntry> since = store.queries().failingSince(latest.run().suite(), latest.caseKey());
            out.println(since.map(r -> "failing since run " + r.runId() + " (" + HistoryCommand.shortTime(r.startedAt())
                    + ")").orElse("passing in the latest run"));
        }
        return 0;
    }
}
