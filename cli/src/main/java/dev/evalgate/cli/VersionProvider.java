package dev.evalgate.cli;

import java.util.ArrayList;
import java.util.List;

import picocli.CommandLine;

import dev.evalgate.engine.ModelClientProvider;
import dev.evalgate.engine.ModelClients;
import dev.evalgate.engine.internal.EngineVersion;

/** {@code --version}: engine, Java and backend versions, what a bug report needs. */
public final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        List<String> lines = new ArrayList<>();
        lines.add("evalgate " + EngineVersion.current());
        lines.add("Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + "), "
                + System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        for (ModelClientProvider provider : ModelClients.load().providers().values()) {
            lines.add("backend " + provider.description());
        }
        return lines.toArray(String[]::new);
    }
}
