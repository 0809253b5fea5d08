package dev.evalgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;

/** Every command's --help ends with at least one example a user can copy. */
class HelpExamplesTest {
    @Test
    void everyCommandAndSubcommandShowsAnExample() {
        List<List<String>> paths = new ArrayList<>();
        collect(EvalgateCommand.commandLine(), new ArrayList<>(), paths);
        assertThat(paths).hasSizeGreaterThan(15);

        for (List<String> path : paths) {
            List<String> args = new ArrayList<>(path);
            args.add("--help");
            CliFixture.Outcome help = CliFixture.runCli(args.toArray(String[]::new));
            assertThat(help.code()).as(String.join(" ", args)).isZero();
            assertThat(help.out()).as("evalgate %s --help", String.join(" ", path))
                    .containsPattern("(?m)^Examples?:$").contains("  evalgate ");
        }
    }

    @Test
    void wrappedHelpDoesNotSplitAPath() {
        assertThat(CliFixture.runCli("compare", "--help").out()).doesNotContain(". /runs");
    }

    private static void collect(CommandLine command, List<String> path, List<List<String>> into) {
        into.add(List.copyOf(path));
        command.getSubcommands().forEach((name, sub) -> {
            if (!name.equals("help")) {
                List<String> deeper = new ArrayList<>(path);
                deeper.add(name);
                collect(sub, deeper, into);
            }
        });
    }
}
