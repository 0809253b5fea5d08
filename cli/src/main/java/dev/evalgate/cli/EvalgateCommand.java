package dev.evalgate.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import picocli.CommandLine.Command;
import picocli.CommandLine;

import dev.evalgate.cli.resident.ResidentCommand;
import dev.evalgate.datasets.InvalidInputException;
import dev.evalgate.engine.Advised;
import dev.evalgate.engine.EvaluationException;
import dev.evalgate.engine.ExitCode;

@Command(name = "evalgate",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {"Evaluates and regression-tests LLM prompt/model bundles against versioned corpora.", ""},
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
    /**
     * The subcommands, in the order help lists them. They are added when the command line is built rather than
     * declared on the annotation: picocli builds the model of every command it is given by reflection, which is
     * a sixth of a cached rerun's work, so a command line that names its subcommand builds only that one.
     */
    static final List<Class<?>> SUBCOMMANDS = List.of(
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
            ResidentCommand.class,
            CommandLine.HelpCommand.class);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    VerboseMixin verbosity;

    @CommandLine.Option(names = "--plugins", paramLabel = "JAR|DIR", scope = CommandLine.ScopeType.INHERIT,
            description = "A jar, or a directory of jars, with scorers, backends or run sinks to use (repeatable;"
                    + " also " + CliPlugins.VARIABLE + ", a path list, and a suite's 'plugins:').")
    List<Path> plugins = new ArrayList<>();

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required");
    }

    /** The whole command tree, every subcommand included (help, documentation, tests). */
    public static CommandLine commandLine() {
        return commandLine(new EvalgateCommand(), SUBCOMMANDS);
    }

    private static CommandLine commandLine(EvalgateCommand root, List<Class<?>> subcommands) {
        CommandLine cli = new CommandLine(root);
        for (Class<?> subcommand : subcommands) {
            cli.addSubcommand(subcommand);
        }
        return cli;
    }

    /**
     * The subcommands a command line needs: only the one it names, or all of them when it names none (root help,
     * the version, a mistyped name, which picocli answers with the list and suggestions).
     */
    static List<Class<?>> subcommandsFor(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--plugins")) {
                i++; // its value
            } else if (arg.startsWith("-")) {
                if (arg.equals("--")) {
                    return SUBCOMMANDS;
                }
            } else {
                for (Class<?> subcommand : SUBCOMMANDS) {
                    Command command = subcommand.getAnnotation(Command.class);
                    if (subcommand != CommandLine.HelpCommand.class && (command.name().equals(arg)
                            || List.of(command.aliases()).contains(arg))) {
                        return List.of(subcommand);
                    }
                }
                return SUBCOMMANDS;
            }
        }
        return SUBCOMMANDS;
    }

    /** Runs the command line and maps every outcome to one code of the exit-code table. */
    public static int execute(String[] args, PrintStream out, PrintStream err) {
        EvalgateCommand root = new EvalgateCommand();
        CommandLine cli = commandLine(root, subcommandsFor(args));
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
            boolean verbose = root.verbosity.verbose();
            ExitCode code = exitCodeOf(e);
            errors.println("error: " + messageOf(e, code));
            if (code == ExitCode.INTERNAL_ERROR || verbose) {
                e.printStackTrace(errors);
            }
            errors.flush();
            return code.code();
        });
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        ClassLoader parent = previous != null ? previous : EvalgateCommand.class.getClassLoader();
        // Plugins are opened once the command line is parsed (the flag may follow the subcommand) and before the
        // command runs; the command's lookups of scorers, backends and sinks find them through the context loader.
        cli.setExecutionStrategy(parseResult -> {
            CliPlugins.Opened plugins;
            try {
                plugins = CliPlugins.open(System.getenv(CliPlugins.VARIABLE), root.plugins, parent);
            } catch (InvalidInputException e) {
                throw new CommandLine.ExecutionException(parseResult.commandSpec().commandLine(), e.getMessage(), e);
            }
            // The jars are released when the command is over: a later command in this JVM may find them rebuilt.
            try (plugins) {
                Thread.currentThread().setContextClassLoader(plugins.loader());
                return new CommandLine.RunLast().execute(parseResult);
            } finally {
                Thread.currentThread().setContextClassLoader(previous);
            }
        });
        try {
            return cli.execute(args);
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }

    /**
     * The exit code of a failure. Environment failures (a full disk, a read-only file system, missing permissions,
     * an I/O error) are evaluation errors, not bugs: CI scripts rely on exit 4 meaning a bug in evalgate.
     */
    static ExitCode exitCodeOf(Throwable e) {
        if (e instanceof InvalidInputException || e instanceof InvalidPathException) {
            return ExitCode.INPUT_ERROR;
        }
        if (e instanceof EvaluationException) {
            return ExitCode.EVALUATION_ERROR;
        }
        IOException io = environmentFailure(e);
        if (io instanceof CharacterCodingException) {
            return ExitCode.INPUT_ERROR;
        }
        return io != null ? ExitCode.EVALUATION_ERROR : ExitCode.INTERNAL_ERROR;
    }

    /** One line for people: what failed, where, and what to do; never a class name unless it is a bug. */
    static String messageOf(Throwable e, ExitCode code) {
        if (e instanceof Advised) {
            return CliWording.WORDING.message(e); // the engine's advice, in flags
        }
        if (e instanceof InvalidInputException || e instanceof EvaluationException) {
            return e.getMessage() == null ? e.toString() : e.getMessage();
        }
        if (e instanceof InvalidPathException path) {
            return "not a valid path: " + path.getReason();
        }
        IOException io = code == ExitCode.EVALUATION_ERROR || code == ExitCode.INPUT_ERROR
                ? environmentFailure(e) : null;
        if (io != null && e instanceof UncheckedIOException unchecked && unchecked.getMessage() != null
                && !unchecked.getMessage().equals(io.toString())) {
            return unchecked.getMessage();
        }
        if (io != null) {
            return describe(io);
        }
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }

    /** The I/O failure behind an exception, if that is what it is; parser errors are not environment failures. */
    static IOException environmentFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof IOException io && !t.getClass().getName().startsWith("com.fasterxml.jackson")) {
                return io;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }

    private static String describe(IOException io) {
        String reason = io instanceof FileSystemException fs && fs.getReason() != null ? fs.getReason()
                : io.getMessage() == null ? io.getClass().getSimpleName() : io.getMessage();
        String where = io instanceof FileSystemException fs && fs.getFile() != null ? fs.getFile() + ": " : "";
        String what = io instanceof AccessDeniedException ? "permission denied; check the permissions of that path"
                : reason;
        String lower = reason.toLowerCase(java.util.Locale.ROOT);
        String advice = lower.contains("no space left") || lower.contains("quota")
                ? "; the disk is full: free some space and retry"
                : lower.contains("read-only") ? "; that place is read-only: choose a writable one" : "";
        return where + what + advice;
    }
}
