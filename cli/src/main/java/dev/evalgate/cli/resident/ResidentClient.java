package dev.evalgate.cli.resident;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.File;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The {@code evalgate} command line in resident mode ({@code EVALGATE_RESIDENT=1}): sends the command to the
 * resident process of this build, directory and environment, starting one when none runs, relays its output and
 * exits with its exit code. It uses only the JDK and is run from the class directory, so it starts in about a
 * tenth of the time of the full command line.
 *
 * <p>When the command cannot be sent (the directory for the sockets is unusable, the resident process is busy with
 * another command or refuses this one, none could be started), it exits with {@link #NOT_SERVED} before the
 * command has started, and the launcher runs the command in a JVM of its own.
 *
 * <p>Usage: {@code ResidentClient CLASS_PATH [JAVA_OPTION...] -- [EVALGATE_ARGUMENT...]}: the class path and JVM
 * options a resident process runs with, then the command line.
 */
public final class ResidentClient {
    /** Outside evalgate's exit-code table: the command was not run, and the launcher runs it itself. */
    public static final int NOT_SERVED = 90;
    static final String IDLE_VARIABLE = "EVALGATE_RESIDENT_IDLE_SECONDS";
    private static final long DEFAULT_IDLE_SECONDS = 900;
    /** A resident process's start: JVM, class-data archive, then binding its socket. */
    private static final long START_TIMEOUT_SECONDS = 60;
    private static final long MAX_LOG_BYTES = 1 << 20;
    /** How long an interrupted client waits for the resident process's last words (where a run resumes). */
    private static final long INTERRUPT_WAIT_SECONDS = 5;

    private ResidentClient() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        int separator = Arrays.asList(args).indexOf("--");
        if (args.length < 1 || separator < 1) {
            System.err.println("usage: ResidentClient CLASS_PATH [JAVA_OPTION...] -- [EVALGATE_ARGUMENT...]");
            return NOT_SERVED;
        }
        List<String> classPath = List.of(args[0].split(File.pathSeparator));
        List<String> javaOptions = Arrays.asList(args).subList(1, separator);
        List<String> command = Arrays.asList(args).subList(separator + 1, args.length);
        ResidentIdentity identity = ResidentIdentity.current(classPath, javaOptions);
        String key = identity.key();
        ResidentDirectory directory;
        Path socket;
        try {
            directory = ResidentDirectory.open(System.getenv());
            socket = directory.socket(key);
        } catch (IOException | RuntimeException e) {
            return notServed("no resident process: " + e.getMessage());
        }
        Optional<SocketChannel> connection = ResidentProtocol.connect(socket);
        if (connection.isEmpty()) {
            try {
                connection = start(directory, key, socket, args[0], javaOptions);
            } catch (IOException e) {
                return notServed("could not start a resident process: " + e.getMessage());
            }
            if (connection.isEmpty()) {
                return notServed("no resident process could be started (see " + directory.log(key) + ")");
            }
        }
        SocketChannel channel = connection.get();
        try {
            return send(channel, identity, command, directory.log(key));
        } catch (IOException e) {
            // Only the request's own writes throw: the command was not taken.
            return notServed("the resident process did not take the request: " + e.getMessage());
        } finally {
            try {
                channel.close();
            } catch (IOException e) {
                // the answer, if any, is relayed already
            }
        }
    }

    private static int send(SocketChannel channel, ResidentIdentity identity, List<String> command, Path log)
            throws IOException {
        DataOutputStream request = new DataOutputStream(new BufferedOutputStream(ResidentProtocol.output(channel)));
        ResidentProtocol.writeRequestHeader(request, ResidentProtocol.COMMAND);
        identity.write(request);
        ResidentProtocol.writeStrings(request, command);
        ResidentProtocol.writeString(request, stderrLink());
        request.writeBoolean(System.console() != null);
        request.flush();
        DataInputStream answer = new DataInputStream(new BufferedInputStream(ResidentProtocol.input(channel)));
        OutputStream out = new FileOutputStream(FileDescriptor.out);
        OutputStream err = new FileOutputStream(FileDescriptor.err);
        Relay relay = new Relay(request);
        Runtime.getRuntime().addShutdownHook(relay);
        try {
            return relay(answer, out, err, log, relay);
        } finally {
            relay.ended();
        }
    }

    /**
     * Whether the answer is still being relayed. On Ctrl-C the JVM runs the hook below while this client's main
     * thread goes on relaying: the hook tells the resident process, which ends the command as Ctrl-C would have
     * ended it in its own JVM, and waits (a few seconds at most) until its last words have been relayed.
     */
    private static final class Relay extends Thread {
        private final DataOutputStream request;
        private final CountDownLatch done = new CountDownLatch(1);
        private volatile boolean interrupted;

        // A Thread, not a lambda: the client's first lambda would cost more than its whole request.
        Relay(DataOutputStream request) {
            super("evalgate-resident-interrupted");
            this.request = request;
        }

        @Override
        public void run() {
            if (done.getCount() == 0) {
                return;
            }
            interrupted = true;
            try {
                request.writeByte(ResidentProtocol.INTERRUPTED);
                request.flush();
                done.await(INTERRUPT_WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (IOException e) {
                // the resident process is gone already
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        void ended() {
            done.countDown();
        }
    }

    /**
     * Relays the answer until its exit code. Until the resident process says it has taken the command
     * ({@link ResidentProtocol#ACCEPTED}) nothing has run, and any failure leaves the command to the launcher; from
     * then on the command is running there, so a failure is this command's, never a reason to run it twice.
     */
    private static int relay(DataInputStream answer, OutputStream out, OutputStream err, Path log, Relay relay) {
        boolean accepted = false;
        Terminal stdout = new Terminal(out);
        Terminal stderr = new Terminal(err);
        while (true) {
            ResidentProtocol.Frame frame;
            try {
                frame = ResidentProtocol.readFrame(answer);
            } catch (IOException e) {
                if (relay.interrupted) {
                    return 130; // the shell's code for Ctrl-C; the JVM is exiting with its own anyway
                }
                if (!accepted) {
                    return notServed("the resident process hung up before it took the command");
                }
                stdout.flush();
                stderr.flush();
                System.err.println("error: the resident evalgate process ended before the command finished (see "
                        + log + "); rerun it, or without EVALGATE_RESIDENT");
                return 4; // ExitCode.INTERNAL_ERROR, which this JDK-only class cannot load
            }
            switch (frame.type()) {
                case ResidentProtocol.ACCEPTED -> accepted = true;
                case ResidentProtocol.OUT -> stdout.write(frame.payload());
                case ResidentProtocol.ERR -> stderr.write(frame.payload());
                case ResidentProtocol.EXIT -> {
                    stdout.flush();
                    stderr.flush();
                    return frame.exitCode();
                }
                case ResidentProtocol.REFUSED -> {
                    return notServed("the resident process did not take this command: "
                            + new String(frame.payload(), StandardCharsets.UTF_8));
                }
                default -> {
                    // A frame type of a later version: nothing to show.
                }
            }
        }
    }

    /**
     * One of this client's standard streams. Like {@code System.out} in a command's own JVM, a stream that cannot be
     * written any more ({@code evalgate ... | head}) is left alone and the command goes on to its exit code.
     */
    private static final class Terminal {
        private final OutputStream stream;
        private boolean broken;

        Terminal(OutputStream stream) {
            this.stream = stream;
        }

        void write(byte[] bytes) {
            if (!broken) {
                try {
                    stream.write(bytes);
                } catch (IOException e) {
                    broken = true;
                }
            }
        }

        void flush() {
            try {
                stream.flush();
            } catch (IOException e) {
                broken = true;
            }
        }
    }

    /**
     * Starts a resident process in a session of its own ({@code setsid}: a Ctrl-C in this terminal ends this client,
     * which the resident process notices, but does not reach the resident process itself), then waits for its socket.
     */
    private static Optional<SocketChannel> start(ResidentDirectory directory, String key, Path socket,
            String classPath, List<String> javaOptions) throws IOException {
        Path log = directory.log(key);
        if (Files.exists(log) && Files.size(log) > MAX_LOG_BYTES) {
            Files.delete(log);
        }
        List<String> command = new ArrayList<>();
        for (String setsid : List.of("/usr/bin/setsid", "/bin/setsid")) {
            if (Files.isExecutable(Path.of(setsid))) {
                command.add(setsid);
                break;
            }
        }
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(javaOptions);
        // By name: the server class needs the whole jar, which this client does not load.
        command.addAll(List.of("-cp", classPath, "dev.evalgate.cli.resident.ResidentServer",
                Long.toString(idleSeconds())));
        command.addAll(javaOptions);
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectErrorStream(true);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_TIMEOUT_SECONDS);
        Process process = builder.start();
        int starts = 1;
        while (System.nanoTime() < deadline) {
            Optional<SocketChannel> connection = ResidentProtocol.connect(socket);
            if (connection.isPresent()) {
                return connection;
            }
            if (!process.isAlive()) {
                // It left because another resident process held the lock: that one may be binding its socket, or
                // leaving itself (idle); a few more starts cover the second case.
                if (process.exitValue() != 0 || starts >= 5) {
                    return Optional.empty();
                }
                sleep(100);
                Optional<SocketChannel> other = ResidentProtocol.connect(socket);
                if (other.isPresent()) {
                    return other;
                }
                process = builder.start();
                starts++;
            }
            sleep(10);
        }
        return Optional.empty();
    }

    private static long idleSeconds() {
        String text = System.getenv(IDLE_VARIABLE);
        if (text == null || text.isBlank()) {
            return DEFAULT_IDLE_SECONDS;
        }
        try {
            return Math.max(1, Long.parseLong(text.strip()));
        } catch (NumberFormatException e) {
            return DEFAULT_IDLE_SECONDS;
        }
    }

    /**
     * Where this client's standard error leads, from Linux's /proc, or "" where that is not known: the resident
     * process, whose own standard error is its log, decides from it (and the console) as a command's own JVM would.
     */
    private static String stderrLink() {
        try {
            Path fd = Path.of("/proc/self/fd/2");
            return Files.isSymbolicLink(fd) ? Files.readSymbolicLink(fd).toString() : "";
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    private static int notServed(String why) {
        System.err.println("evalgate: " + why + "; running the command in its own JVM");
        return NOT_SERVED;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
