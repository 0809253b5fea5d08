package dev.evalgate.reports.io;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Opens report files for writing as UTF-8 that replaces what UTF-8 cannot encode. Model outputs may hold lone
 * surrogates (from a JSON {@code \ud800} escape, say); the JDK's default file writers throw on them, which would
 * lose the whole report over one character.
 */
public final class TextFiles {
    private TextFiles() {
    }

    public static Writer create(Path file) throws IOException {
        return new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.UTF_8
                .newEncoder().onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE)), 1 << 16);
    }
}
