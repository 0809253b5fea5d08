package dev.evalgate.judges.privacy;

import java.util.EnumSet;
import java.util.Set;

import dev.evalgate.engine.internal.StoredTextRedactor;

/** The detectors behind a suite's {@code redact: [pii, secrets]}: placeholders as {@code datasets redact} writes them. */
public final class StoredTextRedactorProvider implements StoredTextRedactor.Provider {
    @Override
    public StoredTextRedactor create(Set<String> kinds) {
        Set<PrivacyScanner.Kind> parsed = EnumSet.noneOf(PrivacyScanner.Kind.class);
        kinds.forEach(k -> parsed.add(PrivacyScanner.Kind.parse(k)));
        PrivacyScanner scanner = new PrivacyScanner(parsed);
        return () -> new Redactor(scanner)::redact;
    }
}
