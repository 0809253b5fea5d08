package dev.evalgate.examples;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectFile;

import java.io.PrintWriter;
import java.nio.file.Path;

import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;

import dev.evalgate.junit.EvalgateEngineConfig;

/**
 * A program that runs a suite through the JUnit Launcher and returns from {@code main}, as a build tool's worker or
 * an IDE does: {@code LauncherMain SUITE MODEL RUNS_DIR}. Its JVM must end by itself.
 */
public final class LauncherMain {
    private LauncherMain() {
    }

    public static void main(String[] args) {
        SummaryGeneratingListener summary = new SummaryGeneratingListener();
        LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request()
                .selectors(selectFile(Path.of(args[0]).toFile()))
                .configurationParameter(EvalgateEngineConfig.MODEL, args[1])
                .configurationParameter(EvalgateEngineConfig.RUNS_DIRECTORY, args[2])
                .configurationParameter(EvalgateEngineConfig.CACHE_MODE, "off")
                .configurationParameter(EvalgateEngineConfig.HISTORY, "off")
                .build(), summary);
        summary.getSummary().printTo(new PrintWriter(System.out, true));
    }
}
