package dev.evalgate.judges.privacy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;

/**
 * Finds API keys, tokens and private keys with the gitleaks default rule set (MIT), shipped unmodified as
 * {@code gitleaks.toml} next to this class together with its licence and {@code gitleaks-source.properties}
 * (source commit and version). Its Go patterns are translated by {@link GoRegex}. Rules restricted to file paths
 * are skipped: evalgate scans texts, not repositories.
 *
 * <p>Thread-safe; the shipped rule set is compiled once per JVM ({@link #shipped()}).
 */
public final class SecretDetector {
    private static final String RULES = "gitleaks.toml";

    private final List<SecretRule> rules;
    private final List<SecretRule.Allow> global;
    private final String source;
    private final String version;

    private SecretDetector(List<SecretRule> rules, List<SecretRule.Allow> global, String source, String version) {
        this.rules = List.copyOf(rules);
        this.global = List.copyOf(global);
        this.source = source;
        this.version = version;
    }

    private static final class Shipped {
        static final SecretDetector INSTANCE = load();
    }

    public static SecretDetector shipped() {
        return Shipped.INSTANCE;
    }

    /** This detector without the named rules; an unknown id is an error, so a typo does not silently do nothing. */
    public SecretDetector without(Set<String> ruleIds) {
        for (String id : ruleIds) {
            if (rules.stream().noneMatch(r -> r.id().equals(id))) {
                throw new IllegalArgumentException("unknown secret rule '" + id + "' (the rule ids are those of "
                        + source + ")");
            }
        }
        return new SecretDetector(rules.stream().filter(r -> !ruleIds.contains(r.id())).toList(), global, source,
                version);
    }

    public List<Finding> find(CharSequence text) {
        String s = text.toString();
        String lower = s.toLowerCase(Locale.ROOT);
        List<Finding> all = new ArrayList<>();
        for (SecretRule rule : rules) {
            if (rule.mayMatch(lower)) {
                rule.find(s, global, all);
            }
        }
        // Several rules may match one secret (a specific one and generic-api-key): keep the first, most specific.
        all.sort(Comparator.comparingInt(Finding::start).thenComparing(f -> f.kind().startsWith("generic")));
        List<Finding> out = new ArrayList<>();
        for (Finding finding : all) {
            if (out.isEmpty() || !out.get(out.size() - 1).overlaps(finding)) {
                out.add(finding);
            }
        }
        return List.copyOf(out);
    }

    public List<String> ruleIds() {
        return rules.stream().map(SecretRule::id).toList();
    }

    /** Where the rules come from, e.g. a URL pinned to a commit. */
    public String source() {
        return source;
    }

    public String version() {
        return version;
    }

    private static SecretDetector load() {
        Properties provenance = new Properties();
        try (InputStream props = resource("gitleaks-source.properties"); InputStream toml = resource(RULES)) {
            provenance.load(props);
            JsonNode root = new TomlMapper().readTree(toml);
            List<SecretRule> rules = new ArrayList<>();
            for (JsonNode rule : root.path("rules")) {
                // A rule with a path applies only to files of that name (*.tf, .npmrc): not to model outputs.
                if (rule.hasNonNull("regex") && !rule.has("path")) {
                    rules.add(rule(rule));
                }
            }
            List<SecretRule.Allow> global = List.of(allow(root.path("allowlist"), "global allowlist"));
            return new SecretDetector(rules, global, provenance.getProperty("source"),
                    provenance.getProperty("version"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the shipped secret rules " + RULES, e);
        }
    }

    private static SecretRule rule(JsonNode rule) {
        String id = rule.path("id").asText();
        List<SecretRule.Allow> allows = new ArrayList<>();
        for (JsonNode allow : rule.path("allowlists")) {
            // An allow-list that needs a matching path as well ("AND") can never apply to a text without a path.
            boolean needsPath = allow.has("paths") && "AND".equalsIgnoreCase(allow.path("condition").asText());
            if (!needsPath) {
                allows.add(allow(allow, id));
            }
        }
        List<String> keywords = new ArrayList<>();
        rule.path("keywords").forEach(k -> keywords.add(k.asText().toLowerCase(Locale.ROOT)));
        return new SecretRule(id, rule.path("description").asText(), compile(rule.path("regex").asText(), id),
                rule.path("secretGroup").asInt(0), rule.path("entropy").asDouble(0), List.copyOf(keywords),
                List.copyOf(allows));
    }

    private static SecretRule.Allow allow(JsonNode allow, String where) {
        List<Pattern> regexes = new ArrayList<>();
        allow.path("regexes").forEach(r -> regexes.add(compile(r.asText(), where)));
        List<String> stopwords = new ArrayList<>();
        allow.path("stopwords").forEach(w -> stopwords.add(w.asText().toLowerCase(Locale.ROOT)));
        return new SecretRule.Allow(allow.path("regexTarget").asText("secret"), List.copyOf(regexes),
                List.copyOf(stopwords));
    }

    private static Pattern compile(String goPattern, String where) {
        try {
            return GoRegex.compile(goPattern);
        } catch (PatternSyntaxException e) {
            throw new IllegalStateException("secret rule " + where + " in " + RULES + " does not compile in Java: "
                    + e.getDescription(), e);
        }
    }

    private static InputStream resource(String name) throws IOException {
        InputStream in = SecretDetector.class.getResourceAsStream(name);
        if (in == null) {
            throw new IOException("missing resource " + name);
        }
        return in;
    }
}
