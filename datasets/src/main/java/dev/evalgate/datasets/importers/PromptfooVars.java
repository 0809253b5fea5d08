package dev.evalgate.datasets.importers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.JsonProcessingException;

import dev.evalgate.datasets.ConfigNode;
import dev.evalgate.datasets.InputFiles;
import dev.evalgate.datasets.InputKind;
import dev.evalgate.datasets.InvalidInputException;

/**
 * A promptfoo test's {@code vars} expanded as promptfoo expands them: a variable whose value is a list of strings
 * takes each value in turn, a {@code file://} value (a path or a glob, relative to the configuration file) takes
 * each file it names, and the test becomes one combination per choice, the first variable varying slowest. A list
 * whose first item is not a string is one value. A file's text is the value; a {@code .json} or {@code .yaml} file
 * is parsed (an object stays an object); scripts ({@code .js}, {@code .py}, ...) are not run. Only files under the
 * configuration file's directory are read.
 */
final class PromptfooVars {
    /** Combinations of one test beyond this are refused: an import is not the place for a combinatorial blow-up. */
    static final int MAX_COMBINATIONS = 10_000;
    private static final List<String> SCRIPTS = List.of(".js", ".cjs", ".mjs", ".ts", ".py", ".sh", ".rb");

    /** One combination: the variables' values and, for those read from a file, the file (relative). */
    record Combination(Map<String, Object> vars, Map<String, String> files) {
    }

    /** Where a variable was written, for errors: its file (the configuration or a test file), line and field. */
    record Origin(Path file, int line, String field) {
    }

    private final Path directory;

    PromptfooVars(Path config) {
        Path parent = config.toAbsolutePath().normalize().getParent();
        this.directory = parent == null ? Path.of("").toAbsolutePath() : parent;
    }

    List<Combination> expand(Map<String, Object> vars, Map<String, Origin> origins) {
        List<Combination> combinations = new ArrayList<>();
        combinations.add(new Combination(new LinkedHashMap<>(), new LinkedHashMap<>()));
        for (Map.Entry<String, Object> var : vars.entrySet()) {
            Origin origin = origins.get(var.getKey());
            List<Object> values = new ArrayList<>();
            List<String> files = new ArrayList<>();
            Object value = var.getValue();
            if (value instanceof String text && text.startsWith("file://")) {
                for (Path file : files(text.substring("file://".length()), origin)) {
                    values.add(read(file, origin));
                    files.add(relative(file));
                }
            } else if (value instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof String) {
                values.addAll(list);
            } else if (value instanceof List<?> list && list.isEmpty()) {
                throw new InvalidInputException(origin.file(), origin.line(), origin.field(), "an empty list of values:"
                        + " promptfoo would run no test for it");
            } else {
                values.add(value);
            }
            if ((long) combinations.size() * values.size() > MAX_COMBINATIONS) {
                throw new InvalidInputException(origin.file(), origin.line(), origin.field(), "the test's variables"
                        + " combine into more than " + MAX_COMBINATIONS + " tests; split the test");
            }
            List<Combination> next = new ArrayList<>();
            for (Combination combination : combinations) {
                for (int i = 0; i < values.size(); i++) {
                    Map<String, Object> nextVars = new LinkedHashMap<>(combination.vars());
                    nextVars.put(var.getKey(), values.get(i));
                    Map<String, String> nextFiles = new LinkedHashMap<>(combination.files());
                    if (!files.isEmpty()) {
                        nextFiles.put(var.getKey(), files.get(i));
                    }
                    next.add(new Combination(nextVars, nextFiles));
                }
            }
            combinations = next;
        }
        return combinations;
    }

    /** A file promptfoo would run to make a value or tests ({@code .js}, {@code .py}, ...); evalgate runs none. */
    static boolean isScript(String lowerCaseFileName) {
        return SCRIPTS.stream().anyMatch(lowerCaseFileName::endsWith);
    }

    /** A file under the configuration's directory as the configuration would name it. */
    String relative(Path file) {
        return directory.relativize(file).toString().replace('\\', '/');
    }

    /** The files a {@code file://} value names: one path, or every file a glob matches, in name order. */
    List<Path> files(String written, Origin origin) {
        Path resolved = InputFiles.resolve(directory, written, origin.file(), origin.line(), origin.field());
        requireInside(resolved, written, origin);
        boolean glob = written.chars().anyMatch(c -> "*?[{".indexOf(c) >= 0);
        if (!glob) {
            if (!Files.isRegularFile(resolved)) {
                throw new InvalidInputException(origin.file(), origin.line(), origin.field(), "file://" + written
                        + ": no such file (" + resolved + ")");
            }
            return List.of(real(resolved, written, origin));
        }
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + resolved.toString()
                .replace("\\", "\\\\"));
        List<Path> matches;
        try (Stream<Path> walk = Files.walk(directory, 16)) {
            matches = walk.filter(Files::isRegularFile).filter(p -> matcher.matches(p.normalize()))
                    .map(Path::normalize).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + directory, e);
        }
        if (matches.isEmpty()) {
            throw new InvalidInputException(origin.file(), origin.line(), origin.field(), "file://" + written
                    + ": no file matches under " + directory);
        }
        return matches.stream().map(p -> real(p, written, origin)).toList();
    }

    private void requireInside(Path resolved, String written, Origin origin) {
        if (!resolved.startsWith(directory)) {
            throw new InvalidInputException(origin.file(), origin.line(), origin.field(), "file://" + written
                    + " lies outside " + directory + ", the configuration's directory; only files under it are"
                    + " read");
        }
    }

    /** The file itself, refused when a link leads out of the configuration's directory. */
    private Path real(Path file, String written, Origin origin) {
        try {
            Path real = file.toRealPath();
            if (!real.startsWith(directory.toRealPath())) {
                throw new InvalidInputException(origin.file(), origin.line(), origin.field(), "file://" + written
                        + " is a link to " + real + ", outside the configuration's directory; only files under it"
                        + " are read");
            }
            return file;
        } catch (IOException e) {
            throw new InvalidInputException(origin.file(), origin.line(), origin.field(), "file://" + written
                    + ": cannot read " + file + " (" + e.getMessage() + ")");
        }
    }

    private Object read(Path file, Origin origin) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (isScript(name)) {
            throw new InvalidInputException(origin.file(), origin.line(), origin.field(), "file://"
                    + directory.relativize(file) + " is a script, which promptfoo runs to make the value;"
                    + " evalgate runs no script: write its output to a file and name that");
        }
        String text;
        try {
            text = InputFiles.readText(file, InputKind.IMPORT_SOURCE);
        } catch (InvalidInputException e) {
            throw new InvalidInputException(origin.file(), origin.line(), origin.field(), "file://"
                    + directory.relativize(file) + ": " + e.getMessage());
        }
        if (name.endsWith(".json")) {
            try {
                return SourceFiles.JSON.readValue(text, Object.class);
            } catch (JsonProcessingException e) {
                throw new InvalidInputException(file, e.getLocation() == null ? 0 : e.getLocation().getLineNr(),
                        null, "malformed JSON (named by " + origin.file() + ":" + origin.line() + "): "
                        + e.getOriginalMessage());
            }
        }
        if (name.endsWith(".yaml") || name.endsWith(".yml")) {
            return ConfigNode.parseYamlText(file, text).toPlain();
        }
        return text;
    }
}
