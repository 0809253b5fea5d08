package dev.evalgate.judges.privacy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Personal data and secrets together, for scanning corpora and redacting what evalgate stores. Where a secret and a
 * PII finding overlap (a token that happens to contain a phone-shaped run of digits) the secret wins: it is the
 * wider, more dangerous finding.
 */
public final class PrivacyScanner {
    /** What to look for: {@code pii}, {@code secrets} or both. */
    public enum Kind {
        PII, SECRETS;

        public static Kind parse(String text) {
            return switch (text.trim().toLowerCase(Locale.ROOT)) {
                case "pii" -> PII;
                case "secrets", "secret" -> SECRETS;
                default -> throw new IllegalArgumentException("unknown kind '" + text + "'; expected pii or secrets");
            };
        }
    }

    private final PiiDetector pii;
    private final SecretDetector secrets;

    public PrivacyScanner(Set<Kind> kinds) {
        this(kinds.contains(Kind.PII) ? PiiDetector.defaults() : null,
                kinds.contains(Kind.SECRETS) ? SecretDetector.shipped() : null);
    }

    public PrivacyScanner(PiiDetector pii, SecretDetector secrets) {
        if (pii == null && secrets == null) {
            throw new IllegalArgumentException("nothing to scan for: choose pii, secrets or both");
        }
        this.pii = pii;
        this.secrets = secrets;
    }

    public List<Finding> find(String text) {
        List<Finding> all = new ArrayList<>();
        if (secrets != null) {
            all.addAll(secrets.find(text));
        }
        if (pii != null) {
            for (Finding finding : pii.find(text)) {
                if (all.stream().noneMatch(finding::overlaps)) {
                    all.add(finding);
                }
            }
        }
        all.sort(Comparator.comparingInt(Finding::start));
        return List.copyOf(all);
    }
}
