package org.magicsteps.http;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What every route shares in the OpenAPI document, written once here rather than on each
 * annotation: the 500 answer with a correlation id, the 415 of every route that reads a JSON
 * body, and the shape of a validation error's location (strings and indexes, which the
 * annotations cannot express).
 */
final class CommonResponsesDocs {

    private CommonResponsesDocs() {
    }

    static ObjectNode complete(ObjectNode document) {
        addInternalError(document);
        addUnsupportedMediaType(document);
        describeLocation(document);
        return document;
    }

    private static void describeLocation(ObjectNode document) {
        JsonNode loc = document.path("components").path("schemas").path("ValidationErrorItem").path("properties")
                .path("loc");
        if (loc instanceof ObjectNode location) {
            ArrayNode anyOf = location.putObject("items").putArray("anyOf");
            anyOf.addObject().put("type", "string");
            anyOf.addObject().put("type", "integer");
            location.putArray("example").add("body").add("features").add("score_inde");
            location.put("description", "Where: `body` or `query`, then the path inside it");
        }
    }

    private static void addUnsupportedMediaType(ObjectNode document) {
        for (Map.Entry<String, JsonNode> path : document.path("paths").properties()) {
            for (Map.Entry<String, JsonNode> method : path.getValue().properties()) {
                if (method.getValue() instanceof ObjectNode op && op.path("requestBody").path("content")
                        .has("application/json") && !op.path("responses").has("415")) {
                    ObjectNode response = op.withObject("/responses").putObject("415");
                    response.put("description", "The body is sent as another media type than application/json");
                    response.putObject("content").putObject("application/json").putObject("schema")
                            .put("$ref", "#/components/schemas/ErrorBody");
                }
            }
        }
    }

    private static ObjectNode addInternalError(ObjectNode document) {
        for (Map.Entry<String, JsonNode> path : document.path("paths").properties()) {
            for (Map.Entry<String, JsonNode> method : path.getValue().properties()) {
                if (method.getValue() instanceof ObjectNode op && !op.path("responses").has("500")) {
                    ObjectNode response = op.withObject("/responses").putObject("500");
                    response.put("description", "Unexpected failure; quote the correlation id when reporting it");
                    response.putObject("content").putObject("application/json").putObject("schema")
                            .put("$ref", "#/components/schemas/InternalErrorBody");
                }
            }
        }
        return document;
    }
}
