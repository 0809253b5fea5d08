package dev.evalgate.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import dev.evalgate.datasets.ContentHash;
import dev.evalgate.datasets.CorpusLoader;
import dev.evalgate.datasets.CorpusManifest;
import dev.evalgate.datasets.InvalidInputException;
import dev.evalgate.engine.ExitCode;

/** {@code evalgate datasets freeze}: pins the sha256 of a corpus's cases, under a new version when they changed. */
@Command(name = "freeze", mixinStandardHelpOptions = true,
        description = {"Writes the sha256 of the cases file into manifest.yaml after checking every line.",
            "Changed cases need a new version, so a baseline of the old version is never compared with them: "
                    + "give --bump or --new-version, or freeze refuses (exit 2)."},
        footerHeading = "%nExamples:%n", footer = {"  evalgate datasets freeze examples/quickstart/corpus",
            "  evalgate datasets freeze corpora/support --bump minor"})
final class DatasetsFreezeCommand implements Callable<Integer> {
    private static final Pattern SHA_LINE = Pattern.compile("(?m)^sha256:.*$");
    private static final Pattern VERSION_LINE = Pattern.compile("(?m)^version:.*$");

    @Option(names = "--bump", paramLabel = "LEVEL", description = "When the cases changed, raise the "
            + "manifest's version: patch, minor or major (semantic versions such as 1.2.3).")
    String bump;

    @Option(names = "--new-version", paramLabel = "V", description = "When the cases changed, set the manifest's "
            + "version to V.")
    String newVersion;

    private static String readText(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InvalidInputException(file, 0, null, "cannot read: " + e.getMessage(), e);
        }
    }

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "CORPUS_DIR")
    List<Path> corpora;

    @Override
    public Integer call() {
        for (Path dir : corpora) {
            Path manifestFile = dir.resolve(CorpusLoader.MANIFEST_FILE);
            if (!Files.isRegularFile(manifestFile)) {
                CorpusLoader.readManifest(manifestFile); // the loader's own "file not found"
            }
            String text = readText(manifestFile);
            // A hand-written manifest of a new corpus has no pin yet: freeze adds the line instead of
            // refusing a manifest without the field it exists to write.
            boolean pinned = SHA_LINE.matcher(text).find();
            String withPin = pinned ? text : text + (text.isEmpty() || text.endsWith("\n") ? "" : "\n")
                    + "sha256: " + "0".repeat(64) + "\n";
            CorpusManifest manifest = CorpusLoader.readManifest(manifestFile, withPin);
            Path casesFile = dir.resolve(manifest.casesFile());
            CorpusLoader.readCases(casesFile);
            String sha = ContentHash.sha256(casesFile);
            // An all-zero pin is the placeholder of a new corpus, not the hash of frozen content.
            boolean changed = pinned && !manifest.casesSha256().equals("0".repeat(64))
                    && !sha.equals(manifest.casesSha256());
            String version = manifest.version();
            if (changed) {
                version = nextVersion(manifestFile, manifest.version(), manifest.casesSha256(), sha);
                withPin = VERSION_LINE.matcher(withPin).replaceFirst(
                        Matcher.quoteReplacement("version: " + version));
            }
            try {
                Files.writeString(manifestFile, SHA_LINE.matcher(withPin).replaceFirst("sha256: " + sha),
                        StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            spec.commandLine().getOut().printf("%s: sha256 %s%s%n", dir, sha, !pinned ? " (pinned)"
                    : !changed ? " (unchanged)" : " (was " + manifest.casesSha256() + "), version "
                    + manifest.version() + " -> " + version);
        }
        return ExitCode.PASS.code();
    }

    /** The version changed cases are frozen under: the one given, or the current one bumped. */
    private String nextVersion(Path manifestFile, String current, String oldSha, String newSha) {
        if (bump == null && newVersion == null) {
            throw new InvalidInputException(manifestFile, 0, "version", "the cases changed (sha256 was "
                    + oldSha + ", now " + newSha + ") but the version stays " + current + ", so a baseline of "
                    + current + " would be compared with other cases. Freeze them under a new version: "
                    + "--bump patch|minor|major, or --new-version V");
        }
        if (newVersion != null) {
            if (newVersion.isBlank() || newVersion.equals(current)) {
                throw new InvalidInputException(null, 0, "--new-version", "give a version other than the current "
                        + current);
            }
            return newVersion;
        }
        Matcher semver = Pattern.compile("(\\d+)\\.(\\d+)\\.(\\d+)").matcher(current);
        if (!semver.matches()) {
            throw new InvalidInputException(manifestFile, 0, "version", "--bump needs a version such as 1.2.3,"
                    + " found '" + current + "'; give the new version with --new-version V");
        }
        int major = Integer.parseInt(semver.group(1));
        int minor = Integer.parseInt(semver.group(2));
        int patch = Integer.parseInt(semver.group(3));
        return switch (bump) {
            case "major" -> (major + 1) + ".0.0";
            case "minor" -> major + "." + (minor + 1) + ".0";
            case "patch" -> major + "." + minor + "." + (patch + 1);
            default -> throw new InvalidInputException(null, 0, "--bump", "patch, minor or major; found '"
                    + bump + "'");
        };
    }
}
