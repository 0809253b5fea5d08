package dev.evalgate.cli;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.evalgate.engine.Plugins;

/**
 * The plugin jars a command line names: {@code EVALGATE_PLUGINS} (a path list, for a CI job or a shell profile)
 * and {@code --plugins} (repeatable). Their class loader becomes the thread's context class loader for the
 * command, so every lookup of scorers, backends and run sinks finds them.
 */
final class CliPlugins {
    static final String VARIABLE = "EVALGATE_PLUGINS";

    private CliPlugins() {
    }

    /** The loader a command runs with: {@code parent} extended by the variable's jars, then by the flag's. */
    static ClassLoader loader(String variable, List<Path> flags, ClassLoader parent) {
        ClassLoader loader = Plugins.open(entries(variable), parent, VARIABLE).classLoader(parent);
        return Plugins.open(flags, loader, "--plugins").classLoader(loader);
    }

    static List<Path> entries(String variable) {
        List<Path> entries = new ArrayList<>();
        if (variable == null) {
            return entries;
        }
        for (String entry : variable.split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                entries.add(Path.of(entry.strip()));
            }
        }
        return entries;
    }
}
