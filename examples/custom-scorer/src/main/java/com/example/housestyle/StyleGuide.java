package com.example.housestyle;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.evalgate.engine.ScorerParams;

/**
 * The house style guide: one {@code banned => preferred} rule a line, {@code #} starts a comment. A malformed
 * line is reported with the guide's file and line, through the scorer's parameter so the suite line is named too.
 */
record StyleGuide(List<Rule> rules) {
    static final int MAX_BYTES = 1 << 20;

    record Rule(String banned, String preferred) {
    }

    static StyleGuide read(ScorerParams params, String key) {
        Path file = params.requiredPath(key);
        List<String> lines;
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw params.error(key, file + " is larger than 1 MiB; a style guide is a short list of terms");
            }
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw params.error(key, "cannot read the style guide " + file + ": " + e.getMessage());
        }
        List<Rule> rules = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int comment = line.indexOf('#');
            String text = (comment >= 0 ? line.substring(0, comment) : line).strip();
            if (text.isEmpty()) {
                continue;
            }
            int arrow = text.indexOf("=>");
            if (arrow <= 0 || text.substring(0, arrow).isBlank()) {
                throw params.error(key, file + " line " + (i + 1) + ": expected 'banned => preferred', found '"
                        + text + "'");
            }
            rules.add(new Rule(text.substring(0, arrow).strip(), text.substring(arrow + 2).strip()));
        }
        if (rules.isEmpty()) {
            throw params.error(key, file + " has no rules; write one 'banned => preferred' a line");
        }
        return new StyleGuide(List.copyOf(rules));
    }
}
