package dev.evalgate.datasets;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import org.apiguardian.api.API;

import dev.evalgate.datasets.lineage.Lineage;
import dev.evalgate.datasets.lineage.LineageYaml;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

/**
 * Loads a corpus directory ({@code manifest.yaml} + {@code cases.jsonl}), checks the pinned hash and every line,
 * and fails on the first mistake with its file, line and field.
 */
@API(status = EXPERIMENTAL, since = "0.1.0")
public final class CorpusLoader {
    public static final String MANIFEST_FILE = "manifest.yaml";
    /** Corpora are hostile input: a single case line larger than this is refused rather than held in memory. */
    public static final int MAX_LINE_CHARS = 1 << 20;

    private static final Set<String> CASE_FIELDS = Set.of("id", "input", "expected", "tags", "metadata");
    private static final ObjectMapper JSON = new ObjectMapper();

    static {
        JSON.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(200).build());
    }

    private final boolean verifyHash;

    private CorpusLoader(boolean verifyHash) {
        this.verifyHash = verifyHash;
    }

    /** A loader that refuses a cases file whose sha256 differs from the manifest's. */
    public static CorpusLoader verifying() {
        return new CorpusLoader(true);
    }

    /** A loader for tooling that rewrites the pin (freeze): it still checks every line. */
    public static CorpusLoader ignoringHash() {
        return new CorpusLoader(false);
    }

    /** Loads a corpus with its cases in memory, for tooling that works on all of them at once. */
    public Corpus load(Path directory) {
        List<EvalCase> cases = new ArrayList<>();
        CorpusManifest manifest = stream(directory, (line, text, evalCase) -> cases.add(evalCase));
        return new Corpus(manifest, directory, cases);
    }

    /**
     * Loads a corpus whose cases stay in its cases file: checked like {@link #load}, in one pass, but its
     * {@link Corpus#cases()} keeps only where each case's line lies (20 bytes a case) and reads and parses a case
     * again when it is asked for, so a run's heap does not grow with its corpus. A case line changed after this
     * returns is refused, at its file and line, when it is read.
     */
    public Corpus open(Path directory) {
        return open(directory, manifest -> (line, text, evalCase) -> { });
    }

    /**
     * {@link #open(Path)}, with each case shown as it is read and checked to the visitor {@code visitorFor} makes
     * once the corpus's manifest is read (so that it knows the corpus's name).
     */
    public Corpus open(Path directory, Function<CorpusManifest, CaseVisitor> visitorFor) {
        return open(directory, visitorFor, StoredCases.defaultBudget());
    }

    /** @param keepBudget how many bytes the cases kept parsed may take (0: every case is read again when asked) */
    Corpus open(Path directory, Function<CorpusManifest, CaseVisitor> visitorFor, long keepBudget) {
        StoredCases.Builder[] cases = {null};
        CaseVisitor[] visitor = {null};
        CorpusManifest manifest = read(directory, (read, casesFile) -> {
            cases[0] = new StoredCases.Builder(casesFile, keepBudget);
            visitor[0] = visitorFor.apply(read);
        }, (line, text, offset, length, evalCase) -> {
            cases[0].add(line, text, offset, length, evalCase);
            visitor[0].visit(line, text, evalCase);
        });
        return new Corpus(manifest, directory, cases[0].build());
    }

    /** Receives each case of a corpus as it is read, with its line number and its line exactly as written. */
    @FunctionalInterface
    public interface CaseVisitor {
        void visit(int line, String text, EvalCase evalCase);
    }

    /**
     * Reads and checks a corpus like {@link #load} without holding its cases: each case goes to the visitor as it
     * is read (a million-case corpus costs the memory of its ids' hashes). The visitor has seen every case before the
     * pinned hash is compared, so a caller that writes must not commit until this returns.
     */
    public CorpusManifest stream(Path directory, CaseVisitor visitor) {
        return read(directory, (manifest, casesFile) -> { },
                (line, text, offset, length, evalCase) -> visitor.visit(line, text, evalCase));
    }

    /** A case with where its line lies in the cases file. */
    @FunctionalInterface
    private interface LocatedCaseVisitor {
        void visit(int line, String text, long offset, int length, EvalCase evalCase);
    }

    private CorpusManifest read(Path directory, BiConsumer<CorpusManifest, Path> casesFileFound,
                                LocatedCaseVisitor visitor) {
        Path manifestFile = directory.resolve(MANIFEST_FILE);
        if (!Files.isDirectory(directory)) {
            throw new InvalidInputException(directory, 0, null,
                    "corpus directory not found (a corpus is a directory with manifest.yaml and cases.jsonl)");
        }
        CorpusManifest manifest = readManifest(manifestFile);
        Path casesFile = directory.resolve(manifest.casesFile());
        if (verifyHash && !Files.exists(casesFile)) {
            throw new InvalidInputException(casesFile, 0, null, "cases file named by " + manifestFile
                    + " not found");
        }
        casesFileFound.accept(manifest, casesFile);
        // Lines first: a malformed line is reported as itself, not as a hash mismatch that sends the author to
        // 'freeze', which would then only report the same line.
        String actual = readCases(casesFile, visitor);
        if (verifyHash) {
            if (!actual.equals(manifest.casesSha256())) {
                throw new InvalidInputException(manifestFile, 0, "sha256",
                        "hash mismatch: " + casesFile.getFileName() + " has sha256 " + actual
                                + " but the manifest pins " + manifest.casesSha256()
                                + "; a changed corpus needs a new version: edit the cases on purpose, then run"
                                + " 'evalgate datasets freeze " + directory + "'");
            }
        }
        return manifest;
    }

    public static CorpusManifest readManifest(Path manifestFile) {
        return manifest(ConfigNode.parseYaml(manifestFile));
    }

    /** Reads a manifest from text that is about to be written to {@code manifestFile} (freeze pins a new one). */
    public static CorpusManifest readManifest(Path manifestFile, String text) {
        return manifest(ConfigNode.parseYamlText(manifestFile, text));
    }

    private static CorpusManifest manifest(ConfigNode root) {
        root.allowOnly("name", "version", "description", "license", "source", "cases", "sha256", "tags", "lineage");
        String sha = root.requiredString("sha256").trim().toLowerCase(java.util.Locale.ROOT);
        if (!sha.matches("[0-9a-f]{64}")) {
            throw root.required("sha256").error("expected 64 hexadecimal digits (the sha256 of the cases file)");
        }
        String name = root.requiredString("name");
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
            throw root.required("name").error("use letters, digits, '.', '_' and '-' only");
        }
        String cases = root.string("cases", CorpusManifest.DEFAULT_CASES_FILE);
        // Checked here, where the line and field are known, rather than when the directory resolves it.
        root.optional("cases").ifPresent(node -> node.asPathIn(Path.of("")));
        return new CorpusManifest(name, root.requiredString("version"),
                root.string("description", ""), root.string("license", ""), root.string("source", ""),
                cases, sha, root.strings("tags"),
                root.optional("lineage").map(LineageYaml::parse).orElse(Lineage.NONE));
    }

    public static List<EvalCase> readCases(Path casesFile) {
        List<EvalCase> cases = new ArrayList<>();
        readCases(casesFile, (line, text, offset, length, evalCase) -> cases.add(evalCase));
        return cases;
    }

    /** Reads every case into the visitor and returns the sha256 of the file, hashed as it was read. */
    private static String readCases(Path casesFile, LocatedCaseVisitor visitor) {
        int[] count = {0};
        SeenIds seen = new SeenIds();
        String sha256 = InputFiles.readLines(casesFile, InputKind.CASES, (lineNo, line, offset, length) -> {
            if (line.isBlank()) {
                return;
            }
            if (line.length() > MAX_LINE_CHARS) {
                throw new InvalidInputException(casesFile, lineNo, null,
                        "line is longer than " + MAX_LINE_CHARS + " characters; a case this large is"
                                + " more likely a mistake (a file pasted whole) than a prompt: shorten it or split"
                                + " it into several cases");
            }
            EvalCase evalCase = parseCase(casesFile, lineNo, line);
            int earlier = seen.firstLineOf(evalCase.id(), lineNo, before -> SeenIds.idOnLine(casesFile, before));
            if (earlier != 0) {
                throw new InvalidInputException(casesFile, lineNo, "id",
                        "duplicate id '" + evalCase.id() + "' (first used on line " + earlier + ")");
            }
            count[0]++;
            visitor.visit(lineNo, line, offset, length, evalCase);
        });
        if (count[0] == 0) {
            throw new InvalidInputException(casesFile, 0, null, "the corpus has no cases");
        }
        return sha256;
    }

    /** A line of a text file with its 1-based number. */
    public record TextLine(int number, String text) {
    }

    /**
     * The lines of a JSONL file, read through {@link InputFiles} (regular file, size limit) and decoded as strict
     * UTF-8 line by line, so a bad byte is reported at its line; a leading byte-order mark is dropped.
     */
    public static List<TextLine> lines(Path file, InputKind kind) {
        List<TextLine> lines = new ArrayList<>();
        InputFiles.readLines(file, kind, (number, text) -> lines.add(new TextLine(number, text)));
        return lines;
    }

    /** Index of the first control character or bidirectional formatting character, or -1. */
    public static int firstUnprintable(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c) || (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069')
                    || c == '\u200E' || c == '\u200F' || c == '\u061C') {
                return i;
            }
        }
        return -1;
    }

    /**
     * Jackson appends "(start marker at [Source: REDACTED ...; line: 1, column: N])" to some messages; the user
     * needs the column of the unclosed bracket, not the parser's internals.
     */
    private static String withoutParserSource(String message) {
        return PARSER_START_MARKER.matcher(message).replaceAll(" (opened at column $1)");
    }

    private static final Pattern PARSER_START_MARKER = Pattern.compile(
            "\\s*\\(start marker at \\[Source: .*?; line: \\d+, column: (\\d+)\\]\\)");

    static EvalCase parseCase(Path file, int lineNo, String line) {
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " at column " + e.getLocation().getColumnNr();
            throw new InvalidInputException(file, lineNo, null,
                    "malformed JSON" + where + ": " + withoutParserSource(e.getOriginalMessage()));
        }
        if (!(node instanceof ObjectNode object)) {
            throw new InvalidInputException(file, lineNo, null, "expected a JSON object on each line");
        }
        for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!CASE_FIELDS.contains(field)) {
                throw new InvalidInputException(file, lineNo, field,
                        "unknown field; allowed: id, input, expected, tags, metadata");
            }
        }
        JsonNode id = object.get("id");
        if (id == null || id.isNull()) {
            throw new InvalidInputException(file, lineNo, "id", "missing id (every case needs a stable id)");
        }
        if (!id.isTextual() && !id.isIntegralNumber() || id.asText().isBlank()) {
            throw new InvalidInputException(file, lineNo, "id", "id must be a non-empty string");
        }
        int unprintable = firstUnprintable(id.asText());
        if (unprintable >= 0) {
            // ids are printed in gate lines, comparisons and reports: an escape sequence would drive the terminal
            // and a direction override would make one id read as another
            throw new InvalidInputException(file, lineNo, "id", String.format(
                    "id contains the control or text-direction character U+%04X at position %d; use printable"
                            + " characters only", id.asText().codePointAt(unprintable), unprintable + 1));
        }
        JsonNode input = object.get("input");
        if (input == null || input.isNull()) {
            throw new InvalidInputException(file, lineNo, "input", "missing input");
        }
        if (input instanceof TextNode text) {
            ObjectNode wrapped = JSON.createObjectNode();
            wrapped.set("input", text);
            input = wrapped;
        }
        if (!input.isObject()) {
            throw new InvalidInputException(file, lineNo, "input",
                    "expected a string or an object of template variables");
        }
        Map<String, Object> expected = objectField(file, lineNo, object, "expected");
        Map<String, Object> metadata = objectField(file, lineNo, object, "metadata");
        List<String> tags = new ArrayList<>();
        JsonNode tagsNode = object.get("tags");
        if (tagsNode != null && !tagsNode.isNull()) {
            if (!tagsNode.isArray()) {
                throw new InvalidInputException(file, lineNo, "tags", "expected a list of strings");
            }
            for (JsonNode tag : tagsNode) {
                if (!tag.isTextual()) {
                    throw new InvalidInputException(file, lineNo, "tags", "expected a list of strings");
                }
                tags.add(tag.asText());
            }
        }
        return new EvalCase(id.asText(), toMap(input), expected, tags, metadata);
    }

    private static Map<String, Object> objectField(Path file, int lineNo, ObjectNode object, String field) {
        JsonNode value = object.get(field);
        if (value == null || value.isNull()) {
            return Map.of();
        }
        if (!value.isObject()) {
            throw new InvalidInputException(file, lineNo, field, "expected a JSON object");
        }
        return toMap(value);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> toMap(JsonNode node) {
        return (Map<String, Object>) plain(node);
    }

    /**
     * A JSON tree as the plain values Jackson's untyped binding makes of it (linked maps, array lists, strings, the
     * node's own number type, booleans, nulls), walked directly: converting through Jackson's serialiser took a
     * third of a large corpus's load.
     */
    static Object plain(JsonNode node) {
        return switch (node.getNodeType()) {
            case OBJECT -> {
                Map<String, Object> map = new LinkedHashMap<>();
                node.fields().forEachRemaining(e -> map.put(e.getKey(), plain(e.getValue())));
                yield map;
            }
            case ARRAY -> {
                List<Object> list = new ArrayList<>(node.size());
                node.forEach(element -> list.add(plain(element)));
                yield list;
            }
            case STRING -> node.textValue();
            case NUMBER -> node.numberValue();
            case BOOLEAN -> node.booleanValue();
            case NULL, MISSING -> null;
            // Not made by parsing text; kept as Jackson would convert them.
            case BINARY, POJO -> JSON.convertValue(node, Object.class);
        };
    }
}
