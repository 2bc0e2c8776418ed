package org.magicsteps.model.bundle;

import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DatabindException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;

/**
 * Reads JSON documents into records with jackson-databind, strictly, and turns every refusal into
 * a sentence that starts with the JSON path of the offending value ({@code features[3].transform.min:
 * is missing}), so that whoever edits a bundle by hand finds the spot. The documents' own checks,
 * made once the records are read, use {@link #at} for the same form.
 */
final class JsonDocuments {

    private JsonDocuments() {
    }

    /**
     * A mapper for snake_case documents that refuses what a lenient one would guess at: unknown
     * keys (optionally), repeated keys, text where a number belongs and numbers where text or a
     * truth value belongs, fractions for whole numbers, trailing content.
     */
    static ObjectMapper strictMapper(boolean failOnUnknownKeys) {
        JsonMapper mapper = JsonMapper.builder()
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, failOnUnknownKeys)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .build();
        for (LogicalType type : List.of(LogicalType.Textual, LogicalType.Boolean)) {
            for (CoercionInputShape shape : List.of(CoercionInputShape.Integer, CoercionInputShape.Float,
                    CoercionInputShape.Boolean)) {
                mapper.coercionConfigFor(type).setCoercion(shape, CoercionAction.Fail);
            }
        }
        mapper.coercionConfigFor(LogicalType.Textual).setAcceptBlankAsEmpty(false);
        return mapper;
    }

    /**
     * @param kinds for each polymorphic type in the document (its {@code kind} key names the
     *     subtype), what an unknown kind is not, such as {@code a transform; expected identity or minmax}
     * @return {@code json} read as a {@code type}
     * @throws IllegalArgumentException naming the JSON path and the problem
     */
    static <T> T read(ObjectMapper mapper, byte[] json, Class<T> type, Map<Class<?>, String> kinds) {
        String text = new String(json, java.nio.charset.StandardCharsets.UTF_8).strip();
        if (text.isEmpty()) {
            throw new IllegalArgumentException("is empty; expected a JSON object");
        }
        if (!text.startsWith("{")) {
            throw new IllegalArgumentException("not a JSON object");
        }
        try {
            return mapper.readValue(json, type);
        } catch (StreamReadException e) {
            JsonLocation at = e.getLocation();
            throw new IllegalArgumentException("not valid JSON" + (at == null ? "" : " at line " + at.getLineNr()
                    + ", column " + at.getColumnNr()) + ": " + e.getOriginalMessage(), e);
        } catch (DatabindException e) {
            throw new IllegalArgumentException(problem(e, kinds), e);
        } catch (IOException e) {
            throw new IllegalArgumentException("not valid JSON: " + e.getMessage(), e);
        }
    }

    /** The sentence for a refusal by databind, located at the path it happened. */
    private static String problem(DatabindException e, Map<Class<?>, String> kinds) {
        String path = e instanceof JsonMappingException m ? path(m.getPath()) : "";
        if (e instanceof UnrecognizedPropertyException unknown) {
            return path + ": is not a known key here; expected one of " + names(unknown.getKnownPropertyIds());
        }
        if (e instanceof InvalidTypeIdException typeId) {
            String expected = typeId.getBaseType() == null ? null : kinds.get(typeId.getBaseType().getRawClass());
            return at(path, "kind") + ": " + (typeId.getTypeId() == null ? "is missing"
                    : "'" + typeId.getTypeId() + "' is not " + (expected == null ? "known here" : expected));
        }
        if (e instanceof MismatchedInputException mismatch) {
            // At the root the value is an object (checked first), so what is wrong is what follows it.
            return path.isEmpty() ? "not valid JSON: " + mismatch.getOriginalMessage()
                    : path + ": " + expectation(mismatch.getTargetType());
        }
        return (path.isEmpty() ? "" : path + ": ") + e.getOriginalMessage();
    }

    private static String expectation(Class<?> target) {
        if (target == null) {
            return "has the wrong type";
        }
        if (target == Integer.class || target == int.class || target == Long.class || target == long.class) {
            return "must be a whole number";
        }
        if (Number.class.isAssignableFrom(target) || target == double.class) {
            return "must be a number";
        }
        if (target == String.class) {
            return "must be a string";
        }
        if (target == Boolean.class || target == boolean.class) {
            return "must be true or false";
        }
        if (Collection.class.isAssignableFrom(target)) {
            return "must be an array";
        }
        return "must be an object";
    }

    private static String path(List<JsonMappingException.Reference> references) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : references) {
            if (reference.getFieldName() != null) {
                path.append(path.length() == 0 ? "" : ".").append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String names(Collection<Object> known) {
        return known == null ? "" : known.stream().map(String::valueOf).collect(Collectors.joining(", "));
    }

    /** {@code path.key}, or {@code key} at the root. */
    static String at(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /** {@code path[index]}. */
    static String at(String path, int index) {
        return path + "[" + index + "]";
    }

    /** A refusal located at {@code path}. */
    static IllegalArgumentException problem(String path, String problem) {
        return new IllegalArgumentException((path.isEmpty() ? "" : path + ": ") + problem);
    }

    /** {@code value}, or a refusal saying that {@code path} is missing. */
    static <T> T require(T value, String path) {
        if (value == null) {
            throw problem(path, "is missing");
        }
        return value;
    }

    /** {@code values} with no missing element, or a refusal naming the first missing one. */
    static <T> List<T> requireAll(List<T> values, String path) {
        require(values, path);
        for (int i = 0; i < values.size(); i++) {
            require(values.get(i), at(path, i));
        }
        return values;
    }

    /** {@code values} with no missing value, or a refusal naming the first key without one. */
    static <V> Map<String, V> requireAll(Map<String, V> values, String path) {
        if (values != null) {
            values.forEach((key, value) -> require(value, at(path, key)));
        }
        return values;
    }

    /**
     * Builds a domain value from what was read at {@code path}: a refusal by its constructor is
     * located at {@code path} (unless it already names a path inside it).
     */
    static <T> T at(String path, Supplier<T> build) {
        try {
            return build.get();
        } catch (IllegalArgumentException e) {
            String message = String.valueOf(e.getMessage());
            if (path.isEmpty() || message.startsWith(path + ".") || message.startsWith(path + ":")
                    || message.startsWith(path + "[")) {
                throw e;
            }
            throw new IllegalArgumentException(path + ": " + message, e);
        }
    }
}
