package org.magicsteps.model.bundle;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/** A JSON object with its path, whose accessors refuse wrong or missing values by path. */
record JsonObject(JsonNode json, String path) {

    interface Builder<T> {
        T build();
    }

    /** Runs a record constructor, locating its refusal at this node. */
    <T> T build(Builder<T> builder) {
        try {
            return builder.build();
        } catch (IllegalArgumentException e) {
            String message = String.valueOf(e.getMessage());
            if (path.isEmpty() || message.startsWith(path + ".") || message.startsWith(path + ":")) {
                throw e;
            }
            throw new IllegalArgumentException(path + ": " + message, e);
        }
    }

    IllegalArgumentException problem(String key, String problem) {
        return new IllegalArgumentException(at(key) + ": " + problem);
    }

    String at(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    boolean has(String key) {
        return json.has(key) && !json.get(key).isNull();
    }

    void only(String... keys) {
        Set<String> allowed = Set.of(keys);
        for (Iterator<String> it = json.fieldNames(); it.hasNext();) {
            String key = it.next();
            if (!allowed.contains(key)) {
                throw problem(key, "is not a known key here; expected one of " + String.join(", ", keys));
            }
        }
    }

    List<String> fieldNames() {
        List<String> names = new ArrayList<>();
        json.fieldNames().forEachRemaining(names::add);
        return names;
    }

    JsonNode required(String key) {
        if (!has(key)) {
            throw problem(key, "is missing");
        }
        return json.get(key);
    }

    JsonObject object(String key) {
        JsonNode value = required(key);
        if (!value.isObject()) {
            throw problem(key, "must be an object");
        }
        return new JsonObject(value, at(key));
    }

    List<JsonObject> array(String key) {
        JsonNode value = required(key);
        if (!value.isArray()) {
            throw problem(key, "must be an array");
        }
        List<JsonObject> items = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            if (!value.get(i).isObject()) {
                throw problem(key + "[" + i + "]", "must be an object");
            }
            items.add(new JsonObject(value.get(i), at(key) + "[" + i + "]"));
        }
        return items;
    }

    String text(String key) {
        JsonNode value = required(key);
        if (!value.isTextual()) {
            throw problem(key, "must be a string");
        }
        return value.asText();
    }

    String optionalText(String key) {
        return has(key) ? text(key) : null;
    }

    boolean bool(String key) {
        JsonNode value = required(key);
        if (!value.isBoolean()) {
            throw problem(key, "must be true or false");
        }
        return value.asBoolean();
    }

    double number(String key) {
        JsonNode value = required(key);
        if (!value.isNumber()) {
            throw problem(key, "must be a number");
        }
        return value.asDouble();
    }

    Double optionalNumber(String key) {
        return has(key) ? number(key) : null;
    }

    long longInteger(String key) {
        JsonNode value = required(key);
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw problem(key, "must be a whole number");
        }
        return value.asLong();
    }

    int integer(String key) {
        long value = longInteger(key);
        if (value != (int) value) {
            throw problem(key, value + " is too large");
        }
        return (int) value;
    }

    Instant instant(String key) {
        String value = text(key);
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw problem(key, "'" + value + "' is not an ISO-8601 instant such as 2024-05-01T12:00:00Z");
        }
    }

    List<String> texts(String key) {
        JsonNode value = required(key);
        if (!value.isArray()) {
            throw problem(key, "must be an array of strings");
        }
        List<String> items = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            if (!value.get(i).isTextual()) {
                throw problem(key + "[" + i + "]", "must be a string");
            }
            items.add(value.get(i).asText());
        }
        return items;
    }

    List<Double> numbers(String key) {
        JsonNode value = required(key);
        if (!value.isArray()) {
            throw problem(key, "must be an array of numbers");
        }
        List<Double> items = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            if (!value.get(i).isNumber()) {
                throw problem(key + "[" + i + "]", "must be a number");
            }
            items.add(value.get(i).asDouble());
        }
        return items;
    }

    List<Long> longs(String key) {
        JsonNode value = required(key);
        if (!value.isArray()) {
            throw problem(key, "must be an array of whole numbers");
        }
        List<Long> items = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            if (!value.get(i).isIntegralNumber()) {
                throw problem(key + "[" + i + "]", "must be a whole number");
            }
            items.add(value.get(i).asLong());
        }
        return items;
    }

    List<Long> shape(String key) {
        JsonNode value = required(key);
        if (!value.isArray() || value.isEmpty()) {
            throw problem(key, "must be an array such as [\"batch\", 18]");
        }
        List<Long> dims = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            JsonNode d = value.get(i);
            if (d.isTextual() || d.isIntegralNumber() && d.asLong() == OnnxSpec.DYNAMIC) {
                dims.add(OnnxSpec.DYNAMIC);
            } else if (d.isIntegralNumber() && d.asLong() > 0) {
                dims.add(d.asLong());
            } else {
                throw problem(key + "[" + i + "]", "must be a positive size or a dimension name such as \"batch\"");
            }
        }
        return dims;
    }

    Map<String, Double> numberMap() {
        Map<String, Double> values = new LinkedHashMap<>();
        fieldNames().forEach(key -> values.put(key, number(key)));
        return values;
    }
}
