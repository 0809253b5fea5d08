package dev.evalgate.datasets.importers;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.evalgate.datasets.InvalidInputException;

/**
 * Reads source files as published upstream, keeping line numbers so every bad row can be named. Sources are hostile
 * input: files and lines are size-capped and a byte-order mark is tolerated.
 */
final class SourceFiles {
    static final long MAX_FILE_BYTES = 64L << 20;
    static final int MAX_LINE_CHARS = 1 << 20;
    static final ObjectMapper JSON = new ObjectMapper();

    static {
        JSON.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(200).build());
    }

    private SourceFiles() {
    }

    /** One non-blank line of a text file and its 1-based number. */
    record Line(int number, String text) {
    }

    /** A parsed JSON document and the line where each value starts, keyed by JSON pointer ("/payloads/3"). */
    record LocatedJson(JsonNode root, Map<String, Integer> lines) {
        int lineOf(String pointer) {
            return lines.getOrDefault(pointer, 0);
        }
    }

    static void requireFile(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException(file, 0, null, Files.isDirectory(file)
                    ? "expected a file, found a directory" : "source file not found");
        }
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new InvalidInputException(file, 0, null, "larger than " + (MAX_FILE_BYTES >> 20)
                        + " MB; split it or check that this is the right file");
            }
        } catch (IOException e) {
            throw new InvalidInputException(file, 0, null, "cannot read: " + e.getMessage(), e);
        }
    }

    static List<Line> lines(Path file, RowProblems problems) {
        requireFile(file);
        List<Line> out = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String text;
            int number = 0;
            while ((text = reader.readLine()) != null) {
                number++;
                if (number == 1 && text.startsWith("\uFEFF")) {
                    text = text.substring(1);
                }
                if (text.isBlank()) {
                    continue;
                }
                if (text.length() > MAX_LINE_CHARS) {
                    problems.add(file, number, null, "line is longer than " + MAX_LINE_CHARS + " characters");
                    continue;
                }
                out.add(new Line(number, text));
            }
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(file, 0, null, "source file not found");
        } catch (IOException e) {
            throw new InvalidInputException(file, 0, null, "cannot read as UTF-8 text: " + e.getMessage(), e);
        }
        return out;
    }

    /** Parses one JSONL line; a malformed line is reported with its column and yields null. */
    static JsonNode jsonLine(Path file, Line line, RowProblems problems) {
        try {
            return JSON.readTree(line.text());
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " at column " + e.getLocation().getColumnNr();
            problems.add(file, line.number(), null, "malformed JSON" + where + ": " + e.getOriginalMessage());
            return null;
        }
    }

    /** A JSONL line that does not parse, with its column and the parser's words without its internals. */
    static InvalidInputException malformedLine(Path file, int line, JsonProcessingException e) {
        String where = e.getLocation() == null ? "" : " at column " + e.getLocation().getColumnNr();
        String problem = dev.evalgate.datasets.JsonProblems.problem(e).replaceFirst("^malformed JSON: ", "");
        return new InvalidInputException(file, line, null, "malformed JSON" + where + ": " + problem);
    }

    static String text(Path file) {
        requireFile(file);
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (IOException e) {
            throw new InvalidInputException(file, 0, null, "cannot read as UTF-8 text: " + e.getMessage(), e);
        }
    }

    /** Parses a whole JSON file, failing with line and column, and records where each value starts. */
    static LocatedJson locatedJson(Path file) {
        String text = text(file);
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            String column = e.getLocation() == null ? "" : " at column " + e.getLocation().getColumnNr();
            throw new InvalidInputException(file, line, null, "malformed JSON" + column + ": "
                    + e.getOriginalMessage());
        }
        if (root == null || root.isMissingNode()) {
            throw new InvalidInputException(file, 0, null, "the file is empty");
        }
        return new LocatedJson(root, valueLines(text));
    }

    /** One open object or array while walking the tokens: the key or index of the value being read in it. */
    private static final class Frame {
        final boolean array;
        String key = "";
        int index = -1;

        Frame(boolean array) {
            this.array = array;
        }
    }

    static Map<String, Integer> valueLines(String text) {
        Map<String, Integer> lines = new HashMap<>();
        try (JsonParser parser = JSON.getFactory().createParser(text)) {
            List<Frame> stack = new ArrayList<>();
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                if (token == JsonToken.FIELD_NAME) {
                    stack.get(stack.size() - 1).key = escape(parser.currentName());
                    continue;
                }
                if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
                    stack.remove(stack.size() - 1);
                    continue;
                }
                if (!stack.isEmpty() && stack.get(stack.size() - 1).array) {
                    Frame frame = stack.get(stack.size() - 1);
                    frame.index++;
                    frame.key = Integer.toString(frame.index);
                }
                StringBuilder pointer = new StringBuilder();
                for (Frame frame : stack) {
                    pointer.append('/').append(frame.key);
                }
                lines.put(pointer.toString(), parser.currentTokenLocation().getLineNr());
                if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
                    stack.add(new Frame(token == JsonToken.START_ARRAY));
                }
            }
        } catch (IOException e) {
            // the text parsed once already; without locations a problem is reported at line 0
        }
        return lines;
    }

    private static String escape(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }
}
