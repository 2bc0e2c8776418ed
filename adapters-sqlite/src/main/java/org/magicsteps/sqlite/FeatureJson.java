package org.magicsteps.sqlite;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

import org.magicsteps.core.domain.FeatureVisitor;
import org.magicsteps.core.domain.StudentFeatures;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

/**
 * A student's features as a JSON object, in their order: numbers as JSON numbers (read back as
 * {@code Double}, every digit kept), words as JSON strings (read back as {@code String}, so "007"
 * stays a word). JSON rather than a column per feature, because the features a model takes change
 * with the model; and SQLite's JSON functions can still reach into it.
 */
final class FeatureJson {

    private static final JsonFactory JSON = new JsonFactory();

    private FeatureJson() {
    }

    static String write(StudentFeatures features) {
        StringWriter out = new StringWriter(features.values().size() * 24);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            for (Map.Entry<String, Object> feature : features.values().entrySet()) {
                json.writeFieldName(feature.getKey());
                if (feature.getValue() instanceof Double number) {
                    json.writeNumber(number);
                } else {
                    json.writeString((String) feature.getValue());
                }
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing JSON to memory", e);
        }
        return out.toString();
    }

    /**
     * @throws IllegalArgumentException when {@code text} is not a JSON object of numbers and strings
     */
    static StudentFeatures read(String text) {
        Map<String, Object> values = new LinkedHashMap<>();
        FeatureVisitor collect = new FeatureVisitor() {
            @Override
            public void number(String feature, double value) {
                values.put(feature, value);
            }

            @Override
            public void word(String feature, String value) {
                values.put(feature, value);
            }

            @Override
            public void endOfRecord() {
                // The object is complete; read returns it.
            }
        };
        try (JsonParser json = JSON.createParser(text)) {
            parse(json, collect);
        } catch (IOException e) {
            throw new IllegalArgumentException("features are not valid JSON: " + e.getMessage(), e);
        }
        return new StudentFeatures(values);
    }

    /**
     * Gives {@code visitor} every feature of the UTF-8 JSON {@code bytes}, then ends the record: the
     * same reading as {@link #read}, without building the features.
     *
     * @throws IllegalArgumentException when the bytes are not a JSON object of numbers and strings
     */
    static void visit(byte[] bytes, FeatureVisitor visitor) {
        try (JsonParser json = JSON.createParser(bytes)) {
            parse(json, visitor);
        } catch (IOException e) {
            throw new IllegalArgumentException("features are not valid JSON: " + e.getMessage(), e);
        }
        visitor.endOfRecord();
    }

    private static void parse(JsonParser json, FeatureVisitor visitor) throws IOException {
        if (json.nextToken() != JsonToken.START_OBJECT) {
            throw new IllegalArgumentException("features are not a JSON object");
        }
        JsonToken token;
        while ((token = json.nextToken()) == JsonToken.FIELD_NAME) {
            String name = json.currentName();
            JsonToken value = json.nextToken();
            if (value == JsonToken.VALUE_NUMBER_INT || value == JsonToken.VALUE_NUMBER_FLOAT) {
                visitor.number(name, json.getDoubleValue());
            } else if (value == JsonToken.VALUE_STRING) {
                visitor.word(name, json.getText());
            } else {
                throw new IllegalArgumentException("feature " + name + " is " + value + ", not a number or a word");
            }
        }
        if (token != JsonToken.END_OBJECT || json.nextToken() != null) {
            throw new IllegalArgumentException("features are not one JSON object");
        }
    }
}
