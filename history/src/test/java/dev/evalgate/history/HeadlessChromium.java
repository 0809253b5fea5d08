package dev.evalgate.history;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

/**
 * The system's Chromium, driven from the command line in headless mode, as a real browser for report tests.
 * Absent Chromium fails the test (CI installs it with {@code .ci/install-chromium}) unless
 * {@code -Devalgate.skipBrowser=true} says the developer knowingly runs without one.
 */
public final class HeadlessChromium {
    public static final String SKIP_PROPERTY = "evalgate.skipBrowser";
    public static final String BINARY_PROPERTY = "evalgate.chromium";
    private static final List<String> CANDIDATES = List.of("/usr/bin/chromium", "/usr/bin/chromium-browser",
            "/usr/bin/google-chrome", "/usr/bin/google-chrome-stable");
    private static final long TIMEOUT_SECONDS = 120;

    private final Path binary;
    private final Path profile;

    private HeadlessChromium(Path binary, Path profile) {
        this.binary = binary;
        this.profile = profile;
    }

    /** Finds Chromium, or fails (or skips, when asked to) with what to do about it. */
    public static HeadlessChromium locate(Path scratch) {
        String configured = System.getProperty(BINARY_PROPERTY);
        // A binary named explicitly must be that binary: falling back to another would hide the mistake.
        List<String> candidates = configured != null && !configured.isBlank() ? List.of(configured) : CANDIDATES;
        for (String candidate : candidates) {
            Path path = Path.of(candidate);
            if (Files.isExecutable(path)) {
                return new HeadlessChromium(path, scratch.resolve("chromium-profile"));
            }
        }
        String message = "headless Chromium not found (looked at " + candidates + "). Install it with "
                + "'apt-get install -y chromium' (CI runs .ci/install-chromium), point -D" + BINARY_PROPERTY
                + "=PATH at a Chromium binary, or run with -D" + SKIP_PROPERTY + "=true to skip browser tests";
        if (Boolean.getBoolean(SKIP_PROPERTY)) {
            Assumptions.abort(message);
        }
        return fail(message);
    }

    /** A browser kept open for driving a page over the DevTools protocol; close it when done. */
    public DevToolsSession devTools() throws IOException, InterruptedException {
        return DevToolsSession.start(binary, profile.resolveSibling("chromium-devtools-profile"));
    }

    /** The DOM after the page's load event, serialised: what scripts (ours or injected) made of the page. */
    public String dumpDom(String url) throws IOException, InterruptedException {
        return new String(run(List.of("--dump-dom", url)), StandardCharsets.UTF_8);
    }

    public void screenshot(String url, Path png, int width, int height) throws IOException, InterruptedException {
        Files.createDirectories(png.toAbsolutePath().getParent());
        run(List.of("--window-size=" + width + "," + height, "--screenshot=" + png.toAbsolutePath(), url));
        if (!Files.exists(png)) {
            fail("Chromium exited without writing the screenshot " + png);
        }
    }

    /** Runs Chromium once with the given arguments; returns its standard output. */
    public byte[] run(List<String> arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(binary.toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-extensions", "--hide-scrollbars",
                "--user-data-dir=" + profile.toAbsolutePath()));
        command.addAll(arguments);
        Path stderr = Files.createTempFile("chromium", ".log");
        try {
            Process process = new ProcessBuilder(command).redirectError(stderr.toFile()).start();
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail("Chromium did not finish within " + TIMEOUT_SECONDS + " s: " + command);
            }
            if (process.exitValue() != 0) {
                fail("Chromium exited with " + process.exitValue() + ": " + command + "\n"
                        + Files.readString(stderr, StandardCharsets.UTF_8));
            }
            return out;
        } finally {
            Files.deleteIfExists(stderr);
        }
    }
}
