package dev.evalgate.cli.resident;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import dev.evalgate.engine.EvaluationException;
import dev.evalgate.engine.ExitCode;

@Command(name = "resident", mixinStandardHelpOptions = true,
        description = {"Shows or stops the resident JVMs that run evalgate's commands when EVALGATE_RESIDENT=1 is set.",
                "A resident process keeps the JVM (and a loaded model) between commands, so a rerun skips their "
                        + "start. It serves only commands from its own build, directory, environment and JVM "
                        + "options, one at a time, and leaves after EVALGATE_RESIDENT_IDLE_SECONDS (default 900) "
                        + "without one. Not used when CI is set."},
        footerHeading = "%nExamples:%n",
        footer = {"  EVALGATE_RESIDENT=1 ./evalgate run examples/quickstart/suite.yaml --model "
                + "../shared/models/stories260K.gguf",
                "  evalgate resident status",
                "  evalgate resident stop"})
public final class ResidentCommand implements Callable<Integer> {
    /** Named as they are typed. */
    enum Action { status, stop }

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "ACTION", defaultValue = "status",
            description = "status (the default): list them; stop: end each one (after its running command).")
    Action action;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Path directory = ResidentDirectory.location(System.getenv());
        List<Path> sockets;
        try (Stream<Path> files = Files.isDirectory(directory) ? Files.list(directory) : Stream.empty()) {
            sockets = files.filter(p -> p.getFileName().toString().endsWith(".sock")).sorted().toList();
        } catch (IOException e) {
            throw new EvaluationException("cannot list " + directory + ": " + e.getMessage(), e);
        }
        int reached = 0;
        for (Path socket : sockets) {
            String key = socket.getFileName().toString().replaceFirst("\\.sock$", "");
            Optional<String> answer = ask(socket, action == Action.stop ? ResidentProtocol.STOP
                    : ResidentProtocol.STATUS);
            if (answer.isPresent()) {
                reached++;
                out.println(key + ": " + answer.get().strip());
            } else {
                out.println(key + ": not running (a socket left by a process that was killed; the next one "
                        + "replaces it)");
            }
        }
        if (reached == 0) {
            out.println("no resident evalgate process is running (" + directory + ")");
        }
        return ExitCode.PASS.code();
    }

    private static Optional<String> ask(Path socket, byte kind) {
        Optional<SocketChannel> connection = ResidentProtocol.connect(socket);
        if (connection.isEmpty()) {
            return Optional.empty();
        }
        try (SocketChannel channel = connection.get()) {
            DataOutputStream request = new DataOutputStream(new BufferedOutputStream(
                    ResidentProtocol.output(channel)));
            ResidentProtocol.writeRequestHeader(request, kind);
            request.flush();
            DataInputStream answer = new DataInputStream(new BufferedInputStream(ResidentProtocol.input(channel)));
            StringBuilder text = new StringBuilder();
            while (true) {
                ResidentProtocol.Frame frame = ResidentProtocol.readFrame(answer);
                if (frame.type() == ResidentProtocol.EXIT) {
                    return Optional.of(text.toString());
                }
                text.append(new String(frame.payload(), StandardCharsets.UTF_8));
                if (frame.type() == ResidentProtocol.REFUSED) {
                    return Optional.of("refused: " + text);
                }
            }
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
