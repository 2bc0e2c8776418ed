package org.magicsteps.http;

import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Finds a string holding half of a UTF-16 surrogate pair. JSON lets {@code "\ud800"} through as
 * an escape, but it is no character: it cannot be written back as UTF-8 (in an answer, a log
 * record, a 422 that quotes it), so it is refused where the body is read.
 */
final class UnpairedSurrogates {

    private UnpairedSurrogates() {
    }

    /** Where the first such string (or field name) is, as a JSON pointer; empty when there is none. */
    static Optional<String> find(JsonNode node) {
        return find(node, "");
    }

    private static Optional<String> find(JsonNode node, String pointer) {
        if (node.isTextual()) {
            return unpaired(node.textValue()) ? Optional.of(pointer.isEmpty() ? "/" : pointer) : Optional.empty();
        }
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext();) {
                Map.Entry<String, JsonNode> field = fields.next();
                String at = pointer + "/" + (unpaired(field.getKey()) ? "(field name)" : field.getKey());
                if (unpaired(field.getKey())) {
                    return Optional.of(at);
                }
                Optional<String> found = find(field.getValue(), at);
                if (found.isPresent()) {
                    return found;
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                Optional<String> found = find(node.get(i), pointer + "/" + i);
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }

    static boolean unpaired(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return true;
            }
            if (Character.isLowSurrogate(c)) {
                return true;
            }
        }
        return false;
    }
}
