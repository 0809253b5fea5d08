package dev.evalgate.judges.privacy;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The kinds of personal data {@link PiiDetector} finds; {@link #id()} is the name used in suites and reports. */
public enum PiiEntity {
    EMAIL("email"),
    PHONE("phone"),
    CREDIT_CARD("credit_card"),
    IBAN("iban"),
    US_SSN("us_ssn"),
    UK_NINO("uk_nino"),
    IP_ADDRESS("ip_address"),
    POSTAL_ADDRESS("postal_address");

    private final String id;

    PiiEntity(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static PiiEntity byId(String id) {
        String wanted = id.trim().toLowerCase(Locale.ROOT);
        for (PiiEntity entity : values()) {
            if (entity.id.equals(wanted)) {
                return entity;
            }
        }
        throw new IllegalArgumentException("unknown PII entity type '" + id + "'; known: " + ids());
    }

    public static String ids() {
        return Arrays.stream(values()).map(PiiEntity::id).collect(Collectors.joining(", "));
    }
}
