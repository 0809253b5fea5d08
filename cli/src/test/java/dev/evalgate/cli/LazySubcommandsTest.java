package dev.evalgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** A command line that names its subcommand builds only that one; every other keeps the whole tree. */
class LazySubcommandsTest {

    @Test
    void aNamedSubcommandIsTheOnlyOneBuilt() {
        assertThat(EvalgateCommand.subcommandsFor(new String[] {"run", "suite.yaml"}))
                .containsExactly(RunCommand.class);
        assertThat(EvalgateCommand.subcommandsFor(new String[] {"--verbose", "datasets", "validate", "x"}))
                .containsExactly(DatasetsCommand.class);
        // the value of --plugins is not taken for the subcommand, even when it is spelled like one
        assertThat(EvalgateCommand.subcommandsFor(new String[] {"--plugins", "report", "gate", "RUN"}))
                .containsExactly(GateCommand.class);
    }

    @Test
    void withoutAKnownSubcommandEveryOneIsBuilt() {
        assertThat(EvalgateCommand.subcommandsFor(new String[] {})).isEqualTo(EvalgateCommand.SUBCOMMANDS);
        assertThat(EvalgateCommand.subcommandsFor(new String[] {"--help"})).isEqualTo(EvalgateCommand.SUBCOMMANDS);
        assertThat(EvalgateCommand.subcommandsFor(new String[] {"help", "run"}))
                .isEqualTo(EvalgateCommand.SUBCOMMANDS);
        assertThat(EvalgateCommand.subcommandsFor(new String[] {"rnu"})).isEqualTo(EvalgateCommand.SUBCOMMANDS);
    }

    @Test
    void rootHelpStillListsEverySubcommandAndAMistypedOneIsAUsageError() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int help = EvalgateCommand.execute(new String[] {"--help"}, new PrintStream(out, true), new PrintStream(err));
        assertThat(help).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("run", "compare", "datasets", "scorers", "view");

        int typo = EvalgateCommand.execute(new String[] {"rnu"}, new PrintStream(out), new PrintStream(err, true));
        assertThat(typo).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Unmatched argument", "'rnu'");
    }

    @Test
    void aSubcommandsHelpIsItsOwn() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = EvalgateCommand.execute(new String[] {"run", "--help"}, new PrintStream(out, true),
                new PrintStream(new ByteArrayOutputStream()));
        assertThat(code).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("evalgate run").contains("--no-cache");
    }
}
