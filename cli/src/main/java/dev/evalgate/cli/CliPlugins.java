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

    /**
     * The plugins a command runs with: {@code parent} extended by the variable's jars, then by the flag's. Close it
     * when the command is over, so the jars are released.
     */
    static Opened open(String variable, List<Path> flags, ClassLoader parent) {
        Plugins fromVariable = Plugins.open(entries(variable), parent, VARIABLE);
        ClassLoader loader = fromVariable.classLoader(parent);
        try {
            Plugins fromFlags = Plugins.open(flags, loader, "--plugins");
            return new Opened(fromFlags.classLoader(loader), List.of(fromFlags, fromVariable));
        } catch (RuntimeException e) {
            fromVariable.close();
            throw e;
        }
    }

    /** The class loader a command looks services up with, and the plugin leases behind it, innermost first. */
    record Opened(ClassLoader loader, List<Plugins> leases) implements AutoCloseable {
        @Override
        public void close() {
            leases.forEach(Plugins::close);
        }
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
