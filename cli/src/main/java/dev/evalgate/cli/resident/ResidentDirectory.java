package dev.evalgate.cli.resident;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Set;

/**
 * Where resident processes keep their sockets, locks and logs: {@code $EVALGATE_RESIDENT_DIR}, else
 * {@code $XDG_RUNTIME_DIR/evalgate}, else {@code ~/.cache/evalgate/resident}. Only its owner may use it: a socket
 * there runs any command line, as the user who started the resident process, so a directory that others can write
 * to or list is refused, never repaired.
 */
final class ResidentDirectory {
    static final String VARIABLE = "EVALGATE_RESIDENT_DIR";
    /** A Unix socket's path is at most 107 bytes on Linux (108 with the terminating zero). */
    private static final int MAX_SOCKET_PATH_BYTES = 107;

    private final Path path;

    private ResidentDirectory(Path path) {
        this.path = path;
    }

    static Path location(Map<String, String> environment) {
        String explicit = environment.get(VARIABLE);
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit).toAbsolutePath();
        }
        String runtime = environment.get("XDG_RUNTIME_DIR");
        if (runtime != null && !runtime.isBlank()) {
            return Path.of(runtime, "evalgate").toAbsolutePath();
        }
        return Path.of(System.getProperty("user.home"), ".cache", "evalgate", "resident");
    }

    /** The directory, created for its owner alone when missing; refused when others may use it. */
    static ResidentDirectory open(Map<String, String> environment) throws IOException {
        Path path = location(environment);
        if (!Files.isDirectory(path)) {
            Files.createDirectories(path.getParent());
            try {
                Files.createDirectory(path, PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rwx------")));
            } catch (java.nio.file.FileAlreadyExistsException e) {
                // Another client created it first; it is checked below like any existing directory.
            }
        }
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(path);
        for (PosixFilePermission permission : permissions) {
            if (permission.name().startsWith("GROUP_") || permission.name().startsWith("OTHERS_")) {
                throw new IOException(path + " is open to other users (" + PosixFilePermissions.toString(permissions)
                        + "); resident processes need a directory only its owner can use (chmod 700)");
            }
        }
        String owner = Files.getOwner(path).getName();
        if (!owner.equals(System.getProperty("user.name"))) {
            throw new IOException(path + " belongs to " + owner + ", not to " + System.getProperty("user.name"));
        }
        return new ResidentDirectory(path);
    }

    Path path() {
        return path;
    }

    Path socket(String key) throws IOException {
        Path socket = path.resolve(key + ".sock");
        if (socket.toString().getBytes(StandardCharsets.UTF_8).length > MAX_SOCKET_PATH_BYTES) {
            throw new IOException("the socket path " + socket + " is longer than a Unix socket allows; set "
                    + VARIABLE + " to a shorter directory");
        }
        return socket;
    }

    Path lock(String key) {
        return path.resolve(key + ".lock");
    }

    Path log(String key) {
        return path.resolve(key + ".log");
    }
}
