package dev.evalgate.reports.html;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import freemarker.core.HTMLOutputFormat;
import freemarker.core.TemplateClassResolver;
import freemarker.template.Configuration;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;

import dev.evalgate.reports.io.TextFiles;
import dev.evalgate.reports.model.ReportModel;

/**
 * {@code report.html}: one self-contained file (inline CSS, script and SVG; nothing fetched) that opens from
 * {@code file://} on a machine without network. The summary, metrics and charts are rendered here with
 * auto-escaping; the case list is rendered by the page's script from an embedded JSON block, one page of rows at
 * a time. The block is streamed into the page ({@link CaseDataBlock}) and compressed for large runs, so a
 * 100,000-case report is written in bounded memory and stays responsive in the browser.
 *
 * <p>Defence in depth against hostile outputs: the template escapes everything it prints, the JSON block cannot
 * close its element ({@link ScriptSafeWriter}), the script writes case data only through {@code textContent}, and a
 * Content-Security-Policy with a per-render nonce refuses any script element the page did not put there itself.
 */
public final class HtmlReport {
    private static final String TEMPLATES = "/dev/evalgate/reports/html";
    private static final Configuration FREEMARKER = configuration();
    private static final String CSS = resource("report.css");
    private static final String SCRIPT = resource("report.js");
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Cases listed in the page itself for readers whose browser cannot run the interactive list. */
    static final int STATIC_CASES = 200;

    private HtmlReport() {
    }

    /**
     * Parses the page's template into Freemarker's cache (and so loads Freemarker), which every page needs and a
     * short run would otherwise wait for; safe alongside {@link #render}, as Freemarker's configuration is.
     */
    public static void prepare() {
        try {
            FREEMARKER.getTemplate("report.ftlh");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void write(ReportModel model, Path file) throws IOException {
        try (Writer out = TextFiles.create(file)) {
            render(model, out);
        }
    }

    public static void render(ReportModel model, Writer out) throws IOException {
        render(model, out, model.cases().size() >= CaseDataBlock.COMPRESS_FROM_CASES);
    }

    /** @param compressCaseData whether the case data is written gzipped (large runs) or as plain JSON */
    static void render(ReportModel model, Writer out, boolean compressCaseData) throws IOException {
        byte[] nonce = new byte[18];
        RANDOM.nextBytes(nonce);
        Map<String, Object> data = new HashMap<>();
        data.put("r", model);
        data.put("attention", model.casesWorthALook(STATIC_CASES));
        data.put("nonce", Base64.getEncoder().encodeToString(nonce));
        data.put("css", CSS);
        data.put("script", SCRIPT);
        // Streamed into the page by the template's <@caseData/>, never held as one string.
        data.put("caseData", new CaseDataBlock(Map.of("cases", model.cases(), "scorers", model.scorers(),
                "tags", model.tags(), "hasBaseline", model.header().hasBaseline()), compressCaseData));
        data.put("caseDataType", compressCaseData ? CaseDataBlock.COMPRESSED_TYPE : CaseDataBlock.PLAIN_TYPE);
        data.put("caseDataEncoding", compressCaseData ? CaseDataBlock.COMPRESSED_ENCODING : "");
        try {
            Template template = FREEMARKER.getTemplate("report.ftlh");
            template.process(data, out);
        } catch (TemplateException e) {
            throw new IllegalStateException("report template failed: " + e.getMessage(), e);
        }
    }

    private static Configuration configuration() {
        Configuration cfg = new Configuration(Configuration.VERSION_2_3_35);
        cfg.setClassForTemplateLoading(HtmlReport.class, TEMPLATES);
        cfg.setDefaultEncoding("UTF-8");
        cfg.setOutputFormat(HTMLOutputFormat.INSTANCE);
        cfg.setAutoEscapingPolicy(Configuration.ENABLE_IF_SUPPORTED_AUTO_ESCAPING_POLICY);
        cfg.setNumberFormat("computer");
        cfg.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
        cfg.setLogTemplateExceptions(false);
        cfg.setWrapUncheckedExceptions(true);
        cfg.setFallbackOnNullLoopVariable(false);
        cfg.setAPIBuiltinEnabled(false);
        cfg.setNewBuiltinClassResolver(TemplateClassResolver.ALLOWS_NOTHING_RESOLVER);
        return cfg;
    }

    private static String resource(String name) {
        try (InputStream in = HtmlReport.class.getResourceAsStream(TEMPLATES + "/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing report resource " + name + "; the reports jar is incomplete");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
