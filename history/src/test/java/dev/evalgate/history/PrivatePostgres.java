package dev.evalgate.history;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL cluster for tests: {@code initdb} into a temporary directory and {@code pg_ctl} on a free
 * loopback port, from the binaries of Debian's {@code postgresql} package. PostgreSQL refuses to run as root, so
 * under root the cluster belongs to {@code nobody}. When it cannot start, {@link #start()} says why, for the test to
 * skip with that reason.
 */
final class PrivatePostgres implements AutoCloseable {
    private static final String OWNER_WHEN_ROOT = "nobody";

    private final Path bin;
    private final Path dir;
    private final int port;
    private final boolean asRoot;

    private PrivatePostgres(Path bin, Path dir, int port, boolean asRoot) {
        this.bin = bin;
        this.dir = dir;
        this.port = port;
        this.asRoot = asRoot;
    }

    /** Why a cluster could not start. */
    static final class Unavailable extends Exception {
        private static final long serialVersionUID = 1L;

        Unavailable(String message) {
            super(message);
        }
    }

    static PrivatePostgres start() throws Unavailable {
        Path bin = findBin();
        boolean root = "root".equals(System.getProperty("user.name"));
        Path dir;
        try {
            dir = Files.createTempDirectory("evalgate-pg-");
            if (root) {
                UserPrincipal owner = dir.getFileSystem().getUserPrincipalLookupService()
                        .lookupPrincipalByName(OWNER_WHEN_ROOT);
                Files.setOwner(dir, owner);
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
            }
        } catch (IOException e) {
            throw new Unavailable("cannot prepare a directory for PostgreSQL: " + e.getMessage());
        }
        int port = freePort();
        PrivatePostgres pg = new PrivatePostgres(bin, dir, port, root);
        try {
            pg.run(List.of(bin.resolve("initdb").toString(), "-D", dir.resolve("data").toString(), "-A", "trust",
                    "-U", "evalgate", "-E", "UTF8", "--no-sync", "--no-instructions"), 120);
            pg.run(List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-l",
                    dir.resolve("server.log").toString(), "-w", "-t", "60", "-o", "-p " + port + " -k " + dir
                            + " -c listen_addresses=127.0.0.1 -c fsync=off", "start"), 90);
            return pg;
        } catch (Unavailable e) {
            pg.close();
            throw e;
        }
    }

    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=evalgate";
    }

    private static Path findBin() throws Unavailable {
        Path root = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(root)) {
            try (Stream<Path> versions = Files.list(root)) {
                Path newest = versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("initdb")))
                        .max(Comparator.comparing(p -> p.getParent().getFileName().toString())).orElse(null);
                if (newest != null) {
                    return newest;
                }
            } catch (IOException e) {
                // fall through to the message below
            }
        }
        throw new Unavailable("PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb); install Debian's "
                + "'postgresql' package (.ci/install-postgresql does) to run these tests");
    }

    private static int freePort() throws Unavailable {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new Unavailable("no free loopback port: " + e.getMessage());
        }
    }

    private void run(List<String> command, int timeoutSeconds) throws Unavailable {
        List<String> full = new ArrayList<>();
        if (asRoot) {
            full.addAll(List.of("runuser", "-u", OWNER_WHEN_ROOT, "--"));
        }
        full.addAll(command);
        try {
            Process p = new ProcessBuilder(full).redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new Unavailable(command.get(0) + " did not finish in " + timeoutSeconds + " s");
            }
            if (p.exitValue() != 0) {
                throw new Unavailable(Path.of(command.get(0)).getFileName() + " failed (exit " + p.exitValue()
                        + "): " + new String(out, StandardCharsets.UTF_8).trim() + serverLog());
            }
        } catch (IOException e) {
            throw new Unavailable("cannot run " + full.get(0) + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable("interrupted while starting PostgreSQL");
        }
    }

    private String serverLog() {
        try {
            Path log = dir.resolve("server.log");
            return Files.exists(log) ? "\n" + Files.readString(log) : "";
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public void close() {
        if (Files.isDirectory(dir.resolve("data").resolve("global"))) {
            try {
                run(List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-m",
                        "immediate", "-w", "stop"), 60);
            } catch (Unavailable e) {
                // Not running; the directory goes anyway.
            }
        }
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A temporary directory left behind is harmless.
        }
    }
}
