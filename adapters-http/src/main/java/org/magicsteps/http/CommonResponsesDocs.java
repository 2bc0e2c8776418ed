package org.magicsteps.http;

import java.util.Iterator;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Adds to every operation of the OpenAPI document the answer any route may give: 500 with a
 * correlation id. Written once here rather than on each annotation.
 */
final class CommonResponsesDocs {

    private CommonResponsesDocs() {
    }

    static ObjectNode addInternalError(ObjectNode document) {
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
