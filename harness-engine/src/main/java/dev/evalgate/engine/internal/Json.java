package dev.evalgate.engine.internal;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** The two JSON mappers evalgate uses: one for files it writes and reads back, one canonical for hashing. */
public final class Json {
    /**
     * Reads tolerate fields they do not know, so a newer evalgate's runs stay readable by an older one. Written
     * as bytes, a character outside the BMP is its four UTF-8 bytes (as a {@code Writer} gives it) rather than two
     * escapes; a lone surrogate, which models do emit, is written as its JSON escape and reads back as it was.
     */
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
            .build();

    /** Sorted keys, no whitespace: equal values give equal bytes, so their hashes can identify them. */
    public static final ObjectMapper CANONICAL = JsonMapper.builder()
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    private Json() {
    }
}
