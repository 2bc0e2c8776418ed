package org.magicsteps.sqlite;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.magicsteps.core.domain.FeatureVisitor;
import org.magicsteps.core.domain.StudentFeatures;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonStringEncoder;

/**
 * A student's features as two JSON arrays: the names, in their order (the record's layout, stored
 * once in {@code feature_layouts} and shared by every record with the same names), and the values
 * in the same order (stored in each record). Numbers are JSON numbers, whole ones without a
 * fraction ({@code 3}, not {@code 3.0}), and read back as {@code Double} with every digit kept;
 * words are JSON strings and read back as {@code String}, so "007" stays a word.
 *
 * <p>Why: the 18 names took 180 of the 330 bytes a record's features took as one JSON object, and
 * they are the same in every record a model makes. JSON rather than a binary form, because SQLite's
 * JSON functions still reach every value ({@code json_each}, and the {@code prediction_records} view
 * that puts names and values back together).
 */
final class FeatureJson {

    private static final JsonFactory JSON = new JsonFactory();
    private static final JsonStringEncoder QUOTE = JsonStringEncoder.getInstance();
    /** Whole numbers up to 2^53 are exact as a {@code long}; larger ones keep the double's own text. */
    private static final double EXACT_WHOLE = 0x1p53;

    private FeatureJson() {
    }

    /** The feature names of {@code features}, in their order: what the layout table keys on. */
    static List<String> names(StudentFeatures features) {
        return List.copyOf(features.values().keySet());
    }

    /** {@code names} as a JSON array of strings. */
    static String layout(List<String> names) {
        StringBuilder out = new StringBuilder(names.size() * 14).append('[');
        for (String name : names) {
            if (out.length() > 1) {
                out.append(',');
            }
            appendString(out, name);
        }
        return out.append(']').toString();
    }

    /** The values of {@code features}, in their order, as a JSON array. */
    static String values(StudentFeatures features) {
        StringBuilder out = new StringBuilder(features.values().size() * 5).append('[');
        for (Object value : features.values().values()) {
            if (out.length() > 1) {
                out.append(',');
            }
            if (value instanceof Double number) {
                appendNumber(out, number);
            } else {
                appendString(out, (String) value);
            }
        }
        return out.append(']').toString();
    }

    private static void appendNumber(StringBuilder out, double number) {
        boolean negativeZero = number == 0 && Double.doubleToRawLongBits(number) != 0;
        if (number == Math.rint(number) && Math.abs(number) < EXACT_WHOLE && !negativeZero) {
            out.append((long) number);
        } else {
            out.append(number);
        }
    }

    private static void appendString(StringBuilder out, String text) {
        out.append('"').append(QUOTE.quoteAsString(text)).append('"');
    }

    /**
     * @throws IllegalArgumentException when {@code layout} is not a JSON array of strings
     */
    static List<String> readLayout(String layout) {
        List<String> names = new ArrayList<>();
        try (JsonParser json = JSON.createParser(layout)) {
            if (json.nextToken() != JsonToken.START_ARRAY) {
                throw new IllegalArgumentException("a feature layout is not a JSON array");
            }
            JsonToken token;
            while ((token = json.nextToken()) == JsonToken.VALUE_STRING) {
                names.add(json.getText());
            }
            if (token != JsonToken.END_ARRAY || json.nextToken() != null) {
                throw new IllegalArgumentException("a feature layout is not one JSON array of names");
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("a feature layout is not valid JSON: " + e.getMessage(), e);
        }
        return List.copyOf(names);
    }

    /**
     * The features whose names are {@code names} and whose values {@code values} holds.
     *
     * @throws IllegalArgumentException when {@code values} is not a JSON array of as many numbers and
     *     strings as there are names
     */
    static StudentFeatures read(List<String> names, String values) {
        Map<String, Object> features = new LinkedHashMap<>(names.size() * 2);
        try (JsonParser json = JSON.createParser(values)) {
            eachValue(names, json, new FeatureVisitor() {
                @Override
                public void number(String feature, double value) {
                    features.put(feature, value);
                }

                @Override
                public void word(String feature, String value) {
                    features.put(feature, value);
                }

                @Override
                public void endOfRecord() {
                }
            });
        } catch (IOException e) {
            throw new IllegalArgumentException("features are not valid JSON: " + e.getMessage(), e);
        }
        return new StudentFeatures(features);
    }

    /**
     * Gives {@code visitor} every value of the UTF-8 JSON array {@code values} under its name in
     * {@code names}, then ends the record: the same reading as {@link #read}, without building the
     * features.
     *
     * @throws IllegalArgumentException when {@code values} is not a JSON array of as many numbers and
     *     strings as there are names
     */
    static void visit(List<String> names, byte[] values, FeatureVisitor visitor) {
        try (JsonParser json = JSON.createParser(values)) {
            eachValue(names, json, visitor);
        } catch (IOException e) {
            throw new IllegalArgumentException("features are not valid JSON: " + e.getMessage(), e);
        }
        visitor.endOfRecord();
    }

    /** The one reading of a record's JSON array of values, each given to {@code visitor} under its name. */
    private static void eachValue(List<String> names, JsonParser json, FeatureVisitor visitor) throws IOException {
        if (json.nextToken() != JsonToken.START_ARRAY) {
            throw new IllegalArgumentException("features are not a JSON array");
        }
        JsonToken token;
        int i = 0;
        while ((token = json.nextToken()) != JsonToken.END_ARRAY && token != null) {
            if (i >= names.size()) {
                throw new IllegalArgumentException("features hold more values than their layout has names ("
                        + names.size() + ")");
            }
            String name = names.get(i);
            if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
                visitor.number(name, json.getDoubleValue());
            } else if (token == JsonToken.VALUE_STRING) {
                visitor.word(name, json.getText());
            } else {
                throw new IllegalArgumentException("feature " + name + " is " + token + ", not a number or a word");
            }
            i++;
        }
        if (token != JsonToken.END_ARRAY || json.nextToken() != null) {
            throw new IllegalArgumentException("features are not one JSON array");
        }
        if (i != names.size()) {
            throw new IllegalArgumentException("features hold " + i + " values for " + names.size() + " names");
        }
    }

    /**
     * Features as schema 1 stored them, one JSON object of names and values; read when a file of
     * schema 1 is migrated.
     *
     * @throws IllegalArgumentException when {@code text} is not a JSON object of numbers and strings
     */
    static StudentFeatures readObject(String text) {
        Map<String, Object> values = new LinkedHashMap<>();
        try (JsonParser json = JSON.createParser(text)) {
            if (json.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("features are not a JSON object");
            }
            JsonToken token;
            while ((token = json.nextToken()) == JsonToken.FIELD_NAME) {
                String name = json.currentName();
                values.put(name, value(json, json.nextToken(), name));
            }
            if (token != JsonToken.END_OBJECT || json.nextToken() != null) {
                throw new IllegalArgumentException("features are not one JSON object");
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("features are not valid JSON: " + e.getMessage(), e);
        }
        return new StudentFeatures(values);
    }

    private static Object value(JsonParser json, JsonToken token, String name) throws IOException {
        if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
            return json.getDoubleValue();
        }
        if (token == JsonToken.VALUE_STRING) {
            return json.getText();
        }
        throw new IllegalArgumentException("feature " + name + " is " + token + ", not a number or a word");
    }
}
