package dev.evalgate.reports.html;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

import com.fasterxml.jackson.core.JsonGenerator;
import freemarker.core.Environment;
import freemarker.template.TemplateDirectiveBody;
import freemarker.template.TemplateDirectiveModel;
import freemarker.template.TemplateModel;

import dev.evalgate.engine.internal.Json;

/**
 * The content of the page's {@code case-data} block, written by the template's {@code <@caseData/>} straight into
 * the page as Jackson produces it: no string of the whole data is ever built. Small runs get script-safe JSON that
 * any browser reads; from {@link #COMPRESS_FROM_CASES} cases on, the JSON is gzipped and base64-encoded (a tenth of
 * the size, and no markup can occur in base64), and the page unpacks it with the browser's DecompressionStream.
 */
final class CaseDataBlock implements TemplateDirectiveModel {
    /** From this many cases the block is compressed: a 100,000-case page then weighs MBs instead of 100 MB. */
    static final int COMPRESS_FROM_CASES = 2_000;
    static final String PLAIN_TYPE = "application/json";
    static final String COMPRESSED_TYPE = "application/octet-stream";
    static final String COMPRESSED_ENCODING = "gzip+base64";

    private final Map<String, Object> data;
    private final boolean compressed;

    CaseDataBlock(Map<String, Object> data, boolean compressed) {
        this.data = data;
        this.compressed = compressed;
    }

    boolean compressed() {
        return compressed;
    }

    @Override
    @SuppressWarnings("rawtypes")
    public void execute(Environment env, Map params, TemplateModel[] loopVars, TemplateDirectiveBody body)
            throws IOException {
        write(env.getOut());
    }

    void write(Writer page) throws IOException {
        if (!compressed) {
            writeJson(new ScriptSafeWriter(page));
            return;
        }
        OutputStream base64 = Base64.getEncoder().wrap(new AsciiOutput(page));
        GZIPOutputStream gzip = new GZIPOutputStream(base64, 1 << 16) {
            {
                def.setLevel(Deflater.BEST_SPEED);
            }
        };
        // Lone surrogates in model outputs become U+FFFD here, as in every other report file.
        Writer utf8 = new OutputStreamWriter(gzip, StandardCharsets.UTF_8.newEncoder()
                .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE));
        writeJson(utf8);
        utf8.close(); // finishes gzip and base64; AsciiOutput leaves the page open
    }

    private void writeJson(Writer target) throws IOException {
        JsonGenerator generator = Json.MAPPER.getFactory().createGenerator(target)
                .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        Json.MAPPER.writeValue(generator, data);
        generator.flush();
    }

    /** Base64 bytes are ASCII: each is one character of the page. Closing it leaves the page open. */
    private static final class AsciiOutput extends OutputStream {
        private final Writer page;
        private final char[] chars = new char[1 << 14];

        AsciiOutput(Writer page) {
            this.page = page;
        }

        @Override
        public void write(int b) throws IOException {
            page.write(b);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            while (length > 0) {
                int n = Math.min(length, chars.length);
                for (int i = 0; i < n; i++) {
                    chars[i] = (char) bytes[offset + i];
                }
                page.write(chars, 0, n);
                offset += n;
                length -= n;
            }
        }

        @Override
        public void close() throws IOException {
            page.flush();
        }
    }
}
