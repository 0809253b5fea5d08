package dev.evalgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.LoggerFactory;

import picocli.CommandLine;

/**
 * The help tells users to rerun with {@code --verbose}: every command accepts it, and it changes what is printed
 * (the stack trace of an error, the libraries' debug logs).
 */
class VerboseOptionTest {
    @TempDir
    Path tmp;

    /** Every command and subcommand, as the words that name it on the command line. */
    static Stream<List<String>> commands() {
        List<List<String>> all = new ArrayList<>();
        collect(EvalgateCommand.commandLine(), new ArrayList<>(), all);
        return all.stream();
    }

    private static void collect(CommandLine command, List<String> path, List<List<String>> all) {
        for (var sub : command.getSubcommands().entrySet()) {
            if (!sub.getKey().equals(sub.getValue().getCommandName())) {
                continue; // an alias
            }
            List<String> words = new ArrayList<>(path);
            words.add(sub.getKey());
            all.add(words);
            collect(sub.getValue(), words, all);
        }
    }

    @Test
    void theCommandTreeIsWalked() {
        assertThat(commands().map(words -> String.join(" ", words)))
                .contains("run", "datasets validate", "datasets import", "baseline promote", "judges calibrate")
                .hasSizeGreaterThan(20);
    }

    @ParameterizedTest(name = "evalgate {0} --verbose")
    @MethodSource("commands")
    void everyCommandAcceptsVerboseAndListsIt(List<String> words) {
        List<String> args = new ArrayList<>(words);
        args.add("--verbose");
        args.add("--help");
        CliFixture.Outcome help = CliFixture.runCli(args.toArray(String[]::new));

        assertThat(help.err()).doesNotContain("Unknown option");
        assertThat(help.code()).as(help.err()).isZero();
        assertThat(help.out()).contains("--verbose");
    }

    static Stream<Arguments> failingCommands() {
        return Stream.of(
                Arguments.of(List.of("datasets", "validate", "CORPUS")),
                Arguments.of(List.of("datasets", "stats", "CORPUS")),
                Arguments.of(List.of("run", "SUITE")),
                Arguments.of(List.of("gate", "MISSING")),
                Arguments.of(List.of("report", "MISSING")),
                Arguments.of(List.of("baseline", "promote", "MISSING", "--name", "main")));
    }

    @ParameterizedTest(name = "evalgate {0}")
    @MethodSource("failingCommands")
    void verboseAddsTheStackTraceOfAnError(List<String> template) {
        CliFixture project = new CliFixture(tmp.resolve("project"));
        project.replaceInCases(2, "{\"id\": \"b\", \"input\": \"not an object\"}");
        List<String> args = template.stream().map(word -> switch (word) {
            case "CORPUS" -> project.corpus.toString();
            case "SUITE" -> project.suite.toString();
            case "MISSING" -> tmp.resolve("no-such-run").toString();
            default -> word;
        }).toList();

        CliFixture.Outcome plain = CliFixture.runCli(args.toArray(String[]::new));
        List<String> verboseArgs = new ArrayList<>(args);
        verboseArgs.add("--verbose");
        CliFixture.Outcome verbose = CliFixture.runCli(verboseArgs.toArray(String[]::new));

        assertThat(plain.code()).as(plain.err()).isEqualTo(2);
        assertThat(verbose.code()).as(verbose.err()).isEqualTo(2);
        assertThat(plain.err()).startsWith("error: ").doesNotContain("\tat ");
        String firstLine = plain.err().lines().findFirst().orElseThrow();
        assertThat(verbose.err()).startsWith(firstLine).contains("\tat dev.evalgate.");
    }

    @Test
    void verboseTurnsOnTheLibrariesDebugLogs() throws Exception {
        assertThat(childJvm("datasets", "--help").err())
                .doesNotContain(VerboseLogProbe.MESSAGE);
        assertThat(childJvm("datasets", "--verbose", "--help").err())
                .contains("DEBUG", VerboseLogProbe.MESSAGE);
    }

    /** The logging level is fixed once per process, so each case gets a process of its own, as the CLI does. */
    private CliFixture.Outcome childJvm(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java" + (File.separatorChar == '\\' ? ".exe" : ""))
                        .toString(), "-cp", System.getProperty("java.class.path"), VerboseLogProbe.class.getName()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(tmp, "out", ".txt");
        Path err = Files.createTempFile(tmp, "err", ".txt");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).as("the child JVM finished").isTrue();
        return new CliFixture.Outcome(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    /** Runs the CLI, then logs at debug level through SLF4J as a library (the Ollama client) would. */
    static final class VerboseLogProbe {
        static final String MESSAGE = "a library's debug line";

        public static void main(String[] args) {
            int code = EvalgateCommand.execute(args, System.out, System.err);
            LoggerFactory.getLogger("org.example.library").debug(MESSAGE);
            System.exit(code);
        }
    }
}
