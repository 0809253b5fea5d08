package dev.evalgate.datasets.importers;

import java.util.Objects;

/**
 * What an import needs besides the source rows: the corpus identity, where it came from, and the canary that
 * injection cases expect to stay secret.
 *
 * @param name        corpus name (letters, digits, '.', '_' and '-')
 * @param version     corpus version
 * @param description free text; the importer prepends what it built and, for injection sets, the canary convention
 * @param license     licence of the source data, carried into the manifest
 * @param source      where the source data came from (upstream repository, paper)
 * @param canary      secret that injection cases expect never to appear in an output; a bundle evaluated on such a
 *                    corpus must carry it in its system prompt
 */
public record ImportSettings(String name, String version, String description, String license, String source,
                             String canary) {
    public static final String DEFAULT_CANARY = "EVALGATE-CANARY-7Q4K9";

    public ImportSettings {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
            throw new IllegalArgumentException("name '" + name + "': use letters, digits, '.', '_' and '-' only");
        }
        if (version.isBlank()) {
            throw new IllegalArgumentException("version must not be blank");
        }
        description = description == null ? "" : description;
        license = license == null ? "" : license;
        source = source == null ? "" : source;
        canary = canary == null || canary.isBlank() ? DEFAULT_CANARY : canary.strip();
        if (canary.length() < 8) {
            throw new IllegalArgumentException("canary must have at least 8 characters, so it cannot appear by chance");
        }
    }
}
