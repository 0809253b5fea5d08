package dev.evalgate.cli.resident;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Everything that makes a command behave differently, so a resident process serves only command lines it would
 * answer exactly as a fresh JVM would: the build it runs (each class-path jar's size and time), the working
 * directory (relative paths), the environment (cache, history and plugin locations, OTel, CI) and the JVM options.
 * A command line that differs in any of them is served by another resident process, or runs in its own JVM.
 *
 * @param classPath     the resident process's class path, as given to {@code java -cp}
 * @param builds        for each class-path entry, its size and modification time (a rebuilt jar differs)
 * @param workingDirectory the directory relative paths are resolved against
 * @param environment   the environment, less the variables a shell changes on its own
 * @param javaOptions   the JVM options the resident process is started with
 */
record ResidentIdentity(List<String> classPath, List<String> builds, String workingDirectory,
        Map<String, String> environment, List<String> javaOptions) {

    ResidentIdentity {
        classPath = List.copyOf(classPath);
        builds = List.copyOf(builds);
        Objects.requireNonNull(workingDirectory, "workingDirectory");
        environment = Collections.unmodifiableMap(new TreeMap<>(environment));
        javaOptions = List.copyOf(javaOptions);
    }

    /** This process's identity for a resident process started with the given class path and JVM options. */
    static ResidentIdentity current(List<String> classPath, List<String> javaOptions) {
        Map<String, String> environment = new TreeMap<>();
        for (Map.Entry<String, String> variable : System.getenv().entrySet()) {
            String name = variable.getKey();
            // Set by the shell on each command, or by the java launcher for its own use: never read by evalgate.
            if (!name.equals("_") && !name.equals("OLDPWD") && !name.equals("SHLVL") && !name.equals("PWD")
                    && !name.startsWith("JAVA_MAIN_CLASS_")) {
                environment.put(name, variable.getValue());
            }
        }
        return new ResidentIdentity(classPath, builds(classPath), System.getProperty("user.dir"), environment,
                javaOptions);
    }

    /** The same class path as it is on disk now: a jar rebuilt since the identity was taken differs. */
    ResidentIdentity rebuilt() {
        return new ResidentIdentity(classPath, builds(classPath), workingDirectory, environment, javaOptions);
    }

    private static List<String> builds(List<String> classPath) {
        List<String> builds = new ArrayList<>(classPath.size());
        for (String entry : classPath) {
            try {
                BasicFileAttributes attributes = Files.readAttributes(Path.of(entry), BasicFileAttributes.class);
                // A class directory changes file by file, which its own time does not show: only jars are
                // watched for rebuilds (the launcher runs one jar; directories are a development class path).
                builds.add(attributes.isDirectory() ? "directory"
                        : attributes.size() + " bytes, modified " + attributes.lastModifiedTime().toMillis());
            } catch (IOException | RuntimeException e) {
                builds.add("missing");
            }
        }
        return builds;
    }

    /**
     * A short name for the socket and log files: a 64-bit FNV-1a hash of the whole identity. Not a cryptographic
     * hash, on purpose: the resident process compares the whole identity before it runs a command, so two
     * identities with one name only share a socket (and one of them is refused); and the JDK's digests cost the
     * client a fifth of its start, loading the security providers.
     */
    String key() {
        long hash = 0xcbf29ce484222325L;
        for (String part : parts()) {
            byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
            for (int shift = 24; shift >= 0; shift -= 8) {
                hash = (hash ^ ((bytes.length >>> shift) & 0xff)) * 0x100000001b3L;
            }
            for (byte b : bytes) {
                hash = (hash ^ (b & 0xff)) * 0x100000001b3L;
            }
        }
        String hex = Long.toHexString(hash); // not String.format: its pattern parsing costs the client 15 ms
        return "0".repeat(16 - hex.length()) + hex;
    }

    // Loops, not lambdas or streams, here and in current(): the client runs this once in a JVM that has just
    // started, where the first lambda costs more than the whole identity.
    private List<String> parts() {
        List<String> parts = new ArrayList<>();
        parts.add("class path");
        parts.addAll(classPath);
        parts.add("builds");
        parts.addAll(builds);
        parts.add("working directory");
        parts.add(workingDirectory);
        parts.add("environment");
        for (Map.Entry<String, String> variable : environment.entrySet()) {
            parts.add(variable.getKey());
            parts.add(variable.getValue());
        }
        parts.add("java options");
        parts.addAll(javaOptions);
        return parts;
    }

    /** Why a request from {@code client} must not be served by a process of this identity, if it must not. */
    Optional<String> mismatch(ResidentIdentity client) {
        if (!classPath.equals(client.classPath) || !javaOptions.equals(client.javaOptions)) {
            return Optional.of("it runs another class path or other JVM options");
        }
        if (!builds.equals(client.builds)) {
            return Optional.of("the jar was rebuilt since it started");
        }
        if (!workingDirectory.equals(client.workingDirectory)) {
            return Optional.of("it runs in " + workingDirectory + ", not " + client.workingDirectory);
        }
        if (!environment.equals(client.environment)) {
            List<String> names = new ArrayList<>();
            for (String name : new TreeSet<>(union(environment.keySet(), client.environment.keySet()))) {
                if (!Objects.equals(environment.get(name), client.environment.get(name))) {
                    names.add(name);
                }
            }
            return Optional.of("its environment differs in " + String.join(", ", names.subList(0,
                    Math.min(5, names.size()))) + (names.size() > 5 ? " and " + (names.size() - 5) + " more" : ""));
        }
        return Optional.empty();
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new HashSet<>(a);
        all.addAll(b);
        return all;
    }

    void write(DataOutputStream out) throws IOException {
        ResidentProtocol.writeStrings(out, classPath);
        ResidentProtocol.writeStrings(out, builds);
        ResidentProtocol.writeString(out, workingDirectory);
        ResidentProtocol.writeMap(out, environment);
        ResidentProtocol.writeStrings(out, javaOptions);
    }

    static ResidentIdentity read(DataInputStream in) throws IOException {
        return new ResidentIdentity(ResidentProtocol.readStrings(in), ResidentProtocol.readStrings(in),
                ResidentProtocol.readString(in), ResidentProtocol.readMap(in), ResidentProtocol.readStrings(in));
    }
}
