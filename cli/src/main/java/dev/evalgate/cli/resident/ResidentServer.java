package dev.evalgate.cli.resident;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import dev.evalgate.cli.EvalgateCommand;
import dev.evalgate.engine.ExitCode;
import dev.evalgate.engine.internal.ProgressReporter;

/**
 * A resident evalgate: one JVM that stays up between command lines and runs each one it is sent, so a rerun
 * skips the JVM's start, class loading, compilation and, with the embedded engine, the model's load. It runs one
 * command at a time, exactly as {@code evalgate} would in a new JVM: same build, working directory, environment and
 * JVM options ({@link ResidentIdentity}; anything else is refused and runs in its own JVM), its output relayed to
 * the client frame by frame, its exit code returned.
 *
 * <p>It ends after {@code IDLE_SECONDS} without a command, when its jar is rebuilt, on {@code evalgate resident
 * stop}, and when a client hangs up while its command runs (as a command in its own JVM ends on Ctrl-C: a run
 * stopped that way is resumed with {@code --resume}).
 *
 * <p>Usage: {@code ResidentServer IDLE_SECONDS [JAVA_OPTION...]}, started by {@link ResidentClient} with the JVM
 * options it lists, in the client's working directory and environment.
 */
public final class ResidentServer {
    /** Read by the progress display in place of asking its own standard error, which is this process's log. */
    private static final String STDERR_TERMINAL_PROPERTY = ProgressReporter.RELAYED_STDERR_TERMINAL;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    private final ResidentIdentity identity;
    private final long idleNanos;
    private final Path log;
    private final PrintStream ownOut = System.out;
    private final PrintStream ownErr = System.err;
    private final long started = System.currentTimeMillis();
    private boolean busy;
    private boolean closing;
    private boolean stopRequested;
    private long lastActivity = System.nanoTime();
    private int served;

    private ResidentServer(ResidentIdentity identity, long idleSeconds, Path log) {
        this.identity = identity;
        this.idleNanos = TimeUnit.SECONDS.toNanos(idleSeconds);
        this.log = log;
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: ResidentServer IDLE_SECONDS [JAVA_OPTION...]");
            System.exit(ExitCode.INPUT_ERROR.code());
        }
        long idleSeconds = Long.parseLong(args[0]);
        ResidentIdentity identity = ResidentIdentity.current(
                List.of(System.getProperty("java.class.path").split(File.pathSeparator)),
                Arrays.asList(args).subList(1, args.length));
        ResidentDirectory directory = ResidentDirectory.open(System.getenv());
        String key = identity.key();
        // The lock, held for the process's life, makes one server per identity: two clients that both found no
        // server start two, and the second one leaves.
        FileChannel lockFile = FileChannel.open(directory.lock(key), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        FileLock lock = lockFile.tryLock();
        if (lock == null) {
            System.err.println(now() + " another resident process already serves " + key + "; leaving");
            System.exit(0);
        }
        Path socket = directory.socket(key);
        Files.deleteIfExists(socket); // left by a process that was killed
        ServerSocketChannel listener = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        listener.bind(UnixDomainSocketAddress.of(socket));
        Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-------"));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                Files.deleteIfExists(socket);
            } catch (IOException e) {
                // The next server deletes it.
            }
        }, "evalgate-resident-cleanup"));
        ResidentServer server = new ResidentServer(identity, idleSeconds, directory.log(key));
        System.err.println(now() + " serving " + identity.workingDirectory() + " at " + socket + " (pid "
                + ProcessHandle.current().pid() + ")");
        server.watchIdleness();
        while (true) {
            SocketChannel connection = listener.accept();
            Thread handler = new Thread(() -> server.serve(connection), "evalgate-resident-request");
            handler.start();
        }
    }

    private void serve(SocketChannel connection) {
        try (connection) {
            DataInputStream in = new DataInputStream(new BufferedInputStream(ResidentProtocol.input(connection)));
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(
                    ResidentProtocol.output(connection)));
            if (in.readInt() != ResidentProtocol.MAGIC) {
                return; // not a client of ours
            }
            int version = in.readInt();
            if (version != ResidentProtocol.VERSION) {
                ResidentProtocol.writeRefusal(out, "it is another version of evalgate (protocol "
                        + ResidentProtocol.VERSION + ", the client's " + version + ")");
                return;
            }
            byte kind = in.readByte();
            if (kind == ResidentProtocol.STATUS) {
                byte[] text = (status() + "\n").getBytes(StandardCharsets.UTF_8);
                ResidentProtocol.writeFrame(out, ResidentProtocol.OUT, text, 0, text.length);
                ResidentProtocol.writeExit(out, 0);
            } else if (kind == ResidentProtocol.STOP) {
                boolean now = requestStop();
                byte[] text = (now ? "stopped" : "stops when its command ends").getBytes(StandardCharsets.UTF_8);
                ResidentProtocol.writeFrame(out, ResidentProtocol.OUT, text, 0, text.length);
                ResidentProtocol.writeExit(out, 0);
                if (now) {
                    System.exit(0);
                }
            } else if (kind == ResidentProtocol.COMMAND) {
                command(connection, in, out);
            }
        } catch (IOException | RuntimeException e) {
            ownErr.println(now() + " a request failed: " + e);
        }
    }

    private void command(SocketChannel connection, DataInputStream in, DataOutputStream out) throws IOException {
        ResidentIdentity client = ResidentIdentity.read(in);
        List<String> args = ResidentProtocol.readStrings(in);
        String stderrLink = ResidentProtocol.readString(in);
        boolean console = in.readBoolean();
        boolean stderrTerminal = ProgressReporter.isTerminal(stderrLink.isEmpty() ? null : stderrLink, console);
        ResidentIdentity onDisk = identity.rebuilt();
        Optional<String> mismatch = identity.mismatch(client).or(() -> identity.mismatch(onDisk));
        if (mismatch.isPresent()) {
            ResidentProtocol.writeRefusal(out, mismatch.get());
            if (!onDisk.builds().equals(identity.builds())) {
                requestStop();
            }
            return;
        }
        for (String arg : args) {
            if (arg.equals("--verbose") || arg.startsWith("--verbose=")) {
                // The libraries' log level is read once per JVM, when logging starts: here it has started already.
                ResidentProtocol.writeRefusal(out, "--verbose sets the libraries' log level, which a JVM reads once");
                return;
            }
        }
        Optional<String> refusal = begin();
        if (refusal.isPresent()) {
            ResidentProtocol.writeRefusal(out, refusal.get());
            return;
        }
        boolean fatal = false;
        int code;
        long started = System.nanoTime();
        try {
            ResidentProtocol.writeFrame(out, ResidentProtocol.ACCEPTED, new byte[0], 0, 0);
            CommandOutcome outcome = run(connection, out, args, stderrTerminal);
            code = outcome.code();
            fatal = outcome.fatal();
        } finally {
            end();
        }
        ownErr.println(now() + " command " + (args.isEmpty() ? "(none)" : "'" + args.get(0) + "'") + " exited "
                + code + " in " + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started) + " ms");
        ResidentProtocol.writeExit(out, code);
        if (fatal) {
            // An Error leaves the JVM in no state to serve another command.
            System.exit(ExitCode.INTERNAL_ERROR.code());
        }
        if (stopping()) {
            System.exit(0);
        }
    }

    private record CommandOutcome(int code, boolean fatal) {
    }

    private CommandOutcome run(SocketChannel connection, DataOutputStream out, List<String> args,
            boolean stderrTerminal) {
        Charset charset = Charset.defaultCharset();
        PrintStream commandOut = new PrintStream(new BufferedOutputStream(
                ResidentProtocol.framed(out, ResidentProtocol.OUT), 8192), true, charset);
        PrintStream commandErr = new PrintStream(new BufferedOutputStream(
                ResidentProtocol.framed(out, ResidentProtocol.ERR), 8192), true, charset);
        HangUpWatch hangUp = HangUpWatch.start(connection, ownErr);
        System.setOut(commandOut);
        System.setErr(commandErr);
        System.setProperty(STDERR_TERMINAL_PROPERTY, Boolean.toString(stderrTerminal));
        try {
            return new CommandOutcome(EvalgateCommand.execute(args.toArray(String[]::new), commandOut, commandErr),
                    false);
        } catch (Throwable e) {
            // What Main does for a command in its own JVM.
            commandErr.println("error: evalgate failed unexpectedly: " + e);
            e.printStackTrace(commandErr);
            return new CommandOutcome(ExitCode.INTERNAL_ERROR.code(), e instanceof Error);
        } finally {
            commandOut.flush();
            commandErr.flush();
            hangUp.commandEnded();
            System.setOut(ownOut);
            System.setErr(ownErr);
            System.clearProperty(STDERR_TERMINAL_PROPERTY);
        }
    }

    /**
     * Ends this process when the client is interrupted or hangs up while its command runs: the person pressed Ctrl-C,
     * or the CI step was cancelled. A command in its own JVM would have ended there too, running its shutdown hooks;
     * here they run the same way, and what they print (where a stopped run resumes) still reaches a client that
     * said it was interrupted and waits for it.
     */
    private static final class HangUpWatch {
        private volatile boolean ended;

        static HangUpWatch start(SocketChannel connection, PrintStream log) {
            HangUpWatch watch = new HangUpWatch();
            Thread thread = new Thread(() -> {
                String why = "hung up";
                try {
                    // After its request a client sends one thing only, INTERRUPTED, and otherwise just hangs up.
                    int read = ResidentProtocol.input(connection).read();
                    if (read == ResidentProtocol.INTERRUPTED) {
                        why = "was interrupted";
                    }
                } catch (IOException e) {
                    // closed: the same as a hang-up unless the command has ended
                }
                if (!watch.ended) {
                    log.println(now() + " the client " + why + " during its command; ending, as its own JVM would");
                    System.exit(130);
                }
            }, "evalgate-resident-hangup");
            thread.setDaemon(true);
            thread.start();
            return watch;
        }

        void commandEnded() {
            ended = true;
        }
    }

    private synchronized Optional<String> begin() {
        if (closing || stopRequested) {
            return Optional.of("it is stopping");
        }
        if (busy) {
            return Optional.of("it is running another command");
        }
        busy = true;
        return Optional.empty();
    }

    private synchronized void end() {
        busy = false;
        served++;
        lastActivity = System.nanoTime();
    }

    /** True when the process may stop at once; else it stops when its command ends. */
    private synchronized boolean requestStop() {
        stopRequested = true;
        if (!busy) {
            closing = true;
        }
        return !busy;
    }

    private synchronized boolean stopping() {
        if (stopRequested && !busy) {
            closing = true;
        }
        return closing;
    }

    private synchronized boolean idleTooLong() {
        if (!busy && System.nanoTime() - lastActivity > idleNanos) {
            closing = true;
        }
        return closing;
    }

    private void watchIdleness() {
        Thread watcher = new Thread(() -> {
            while (true) {
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    return;
                }
                if (!identity.rebuilt().builds().equals(identity.builds())) {
                    requestStop();
                }
                if (stopping() || idleTooLong()) {
                    ownErr.println(now() + " leaving: " + (stopRequested ? "stopped" : "idle"));
                    System.exit(0);
                }
            }
        }, "evalgate-resident-idle");
        watcher.setDaemon(true);
        watcher.start();
    }

    private synchronized String status() {
        long idleSeconds = busy ? 0 : TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - lastActivity);
        return "pid " + ProcessHandle.current().pid() + ", working directory " + identity.workingDirectory()
                + ", started " + TIME.format(Instant.ofEpochMilli(started)) + ", " + served + " command"
                + (served == 1 ? "" : "s") + " served, " + (busy ? "running a command" : "idle " + idleSeconds
                + " s (leaves after " + TimeUnit.NANOSECONDS.toSeconds(idleNanos) + " s)") + ", log " + log;
    }

    private static String now() {
        return TIME.format(Instant.now());
    }
}
