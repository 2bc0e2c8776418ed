package org.magicsteps.redis;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.magicsteps.core.domain.StudentFeatures;

/**
 * The layout of one student's Redis hash. The type travels in the field name, so values stay
 * plain and readable with {@code redis-cli HGETALL}:
 * <ul>
 *   <li>{@code n:<feature>} holds a number as {@link Double#toString(double)}, which names exactly
 *       one double, so it reads back bit for bit (including {@code -0.0});
 *   <li>{@code s:<feature>} holds a word as it is, so {@code "007"} stays a word;
 *   <li>{@code m:<name>} holds facts about the entry itself, such as {@code m:written_at}.
 * </ul>
 * Since every field has one of these prefixes, a feature called {@code m:written_at} is stored
 * as {@code n:m:written_at} or {@code s:m:written_at} and can never collide with the metadata.
 */
final class FeatureHash {

    static final String NUMBER = "n:";
    static final String WORD = "s:";
    static final String META = "m:";
    static final String WRITTEN_AT = META + "written_at";

    private FeatureHash() {
    }

    /** The fields of the hash: {@code m:written_at} first, then the features in their order. */
    static Map<String, String> encode(StudentFeatures features, Instant writtenAt) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put(WRITTEN_AT, writtenAt.toString());
        features.values().forEach((name, value) -> {
            if (value instanceof Double number) {
                fields.put(NUMBER + name, Double.toString(number));
            } else {
                fields.put(WORD + name, (String) value);
            }
        });
        return fields;
    }

    /**
     * The features a hash holds; metadata fields are skipped.
     *
     * @throws IllegalArgumentException naming the field, when a field was not written by
     *     {@link #encode}
     */
    static StudentFeatures decode(Map<String, String> fields) {
        Map<String, Object> values = new LinkedHashMap<>();
        fields.forEach((field, value) -> {
            if (field.startsWith(NUMBER)) {
                values.put(field.substring(NUMBER.length()), parseNumber(field, value));
            } else if (field.startsWith(WORD)) {
                values.put(field.substring(WORD.length()), value);
            } else if (!field.startsWith(META)) {
                throw new IllegalArgumentException("field '" + field + "' has none of the prefixes n:, s:, m:");
            }
        });
        return new StudentFeatures(values);
    }

    private static double parseNumber(String field, String value) {
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("field '" + field + "' holds '" + value + "', which is not a number", e);
        }
    }
}
