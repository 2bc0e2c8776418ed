package org.magicsteps.http;

import java.util.Iterator;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What every route shares in the OpenAPI document, written once here rather than on each
 * annotation: the 500 answer with a correlation id, and the shape of a validation error's
 * location (strings and indexes, which the annotations cannot express).
 */
final class CommonResponsesDocs {

    private CommonResponsesDocs() {
    }

    static ObjectNode complete(ObjectNode document) {
        addInternalError(document);
        describeLocation(document);
        return document;
    }

    private static void describeLocation(ObjectNode document) {
        JsonNode loc = document.path("components").path("schemas").path("ValidationErrorItem").path("properties")
                .path("loc");
        if (loc instanceof ObjectNode location) {
            ObjectNode items = location.putObject("items");
            items.putArray("anyOf").addObject().put("type", "string");
            ((com.fasterxml.jackson.databind.node.ArrayNode) items.get("anyOf")).addObject().put("type", "integer");
            location.putArray("example").add("body").add("features").add("score_inde");
            location.put("description", "Where: `body` or `query`, then the path inside it");
        }
    }

    private static ObjectNode addInternalError(ObjectNode document) {
        Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields();
        while (paths.hasNext()) {
            Iterator<Map.Entry<String, JsonNode>> operations = paths.next().getValue().fields();
            while (operations.hasNext()) {
                JsonNode operation = operations.next().getValue();
                if (operation instanceof ObjectNode op && !op.path("responses").has("500")) {
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
