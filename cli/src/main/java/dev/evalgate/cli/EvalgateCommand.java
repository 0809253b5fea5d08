package dev.evalgate.cli;

import java.io.PrintStream;
import java.io.PrintWriter;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import dev.evalgate.datasets.InvalidInputException;
import dev.evalgate.engine.EvaluationException;
import dev.evalgate.engine.ExitCode;

@Command(name = "evalgate",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {"Evaluates and regression-tests LLM prompt/model bundles against versioned corpora.", ""},
        subcommands = {
                RunCommand.class,
                CompareCommand.class,
                GateCommand.class,
                ReportCommand.class,
                BaselineCommand.class,
                MergeCommand.class,
                HistoryCommand.class,
                ViewCommand.class,
                DatasetsCommand.class,
                JudgesCommand.class,
                ScorersCommand.class,
                CommandLine.HelpCommand.class
        },
        footerHeading = "%nExit codes:%n",
        footer = {
                "  0  the evaluation ran and the gate passed",
                "  1  the gate failed (a regression or a broken policy rule)",
                "  2  usage or input error (bad flag, malformed corpus, bundle or suite)",
                "  3  evaluation error (model unreachable, every case errored)",
                "  4  internal error (a bug in evalgate; rerun with --verbose and report it)",
                "",
                "Examples:",
                "  evalgate run examples/quickstart/suite.yaml --model ../shared/models/stories260K.gguf",
                "  evalgate run suite.yaml --resume runs/20261125-101500-assistant-1a2b",
                "  evalgate datasets validate examples/quickstart/corpus"})
public final class EvalgateCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required");
    }

    /** Runs the command line and maps every outcome to one code of the exit-code table. */
    public static int execute(String[] args, PrintStream out, PrintStream err) {
        CommandLine cli = new CommandLine(new EvalgateCommand());
        // Wide enough that the examples in the help footers (real paths) stay on one line.
        cli.setUsageHelpWidth(110);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        cli.setExitCodeExceptionMapper(e -> ExitCode.INPUT_ERROR.code());
        cli.setParameterExceptionHandler((e, argv) -> {
            e.getCommandLine().getErr().println("error: " + e.getMessage());
            e.getCommandLine().getErr().println("(see '" + e.getCommandLine().getCommandSpec().qualifiedName()
                    + " --help')");
            return ExitCode.INPUT_ERROR.code();
        });
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            PrintWriter errors = commandLine.getErr();
            boolean verbose = parseResult.hasMatchedOption("--verbose")
                    || parseResult.subcommands().stream().anyMatch(p -> p.hasMatchedOption("--verbose"));
            ExitCode code = exitCodeOf(e);
            errors.println("error: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            if (code == ExitCode.INTERNAL_ERROR || verbose) {
                e.printStackTrace(errors);
            }
            errors.flush();
            return code.code();
        });
        return cli.execute(args);
    }

    static ExitCode exitCodeOf(Throwable e) {
        if (e instanceof InvalidInputException) {
            return ExitCode.INPUT_ERROR;
        }
        if (e instanceof EvaluationException) {
            return ExitCode.EVALUATION_ERROR;
        }
        return ExitCode.INTERNAL_ERROR;
    }
}
