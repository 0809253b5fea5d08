package dev.evalgate.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import dev.evalgate.engine.ExitCode;
import dev.evalgate.engine.ScorerProvider;
import dev.evalgate.engine.ScorerRegistry;

@Command(name = "scorers", mixinStandardHelpOptions = true,
        description = "Lists the scorer types a suite can use, with what each checks.",
        footerHeading = "%nExample:%n", footer = "  evalgate scorers")
public final class ScorersCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        for (ScorerProvider provider : ScorerRegistry.load().providers().values()) {
            spec.commandLine().getOut().printf("  %-22s %s%n", provider.type(), provider.description());
        }
        return ExitCode.PASS.code();
    }
}
