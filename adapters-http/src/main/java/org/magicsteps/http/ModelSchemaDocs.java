package org.magicsteps.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.magicsteps.core.domain.FeatureSchema;
import org.magicsteps.core.domain.FeatureSpec;
import org.magicsteps.core.domain.FeatureType;

/**
 * Completes the generated OpenAPI document with what only the loaded model knows: the features
 * it accepts, with their types, ranges and categories, and request examples that pass them. The
 * annotations can only say "an object"; a retrained model changes this part of the document by
 * itself.
 */
final class ModelSchemaDocs {

    static final String FEATURES_SCHEMA = "StudentFeatures";

    private final ObjectMapper mapper;

    ModelSchemaDocs(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    ObjectNode complete(ObjectNode document, FeatureSchema schema) {
        ObjectNode schemas = document.withObject("/components").withObject("/schemas");
        ObjectNode example = exampleStudent(schema);
        schemas.set(FEATURES_SCHEMA, featuresSchema(schema, example));
        String ref = "#/components/schemas/" + FEATURES_SCHEMA;
        for (String holder : new String[] {"PredictRequest", "ProcessRequest"}) {
            ObjectNode properties = schemas.withObject("/" + holder).withObject("/properties");
            properties.set("features", mapper.createObjectNode().put("$ref", ref));
        }
        ObjectNode predict = mapper.createObjectNode().put("student_id", "RA-1024");
        predict.set("features", example);
        schemas.withObject("/PredictRequest").set("example", predict);
        schemas.withObject("/ProcessRequest").set("example", mapper.createObjectNode().set("features", example));
        ObjectNode second = predict.deepCopy().put("student_id", "RA-2048");
        ArrayNode students = mapper.createArrayNode().add(predict).add(second);
        schemas.withObject("/BatchRequest").set("example", mapper.createObjectNode().set("students", students));
        ArrayNode names = mapper.createArrayNode();
        schema.names().forEach(names::add);
        schemas.withObject("/InfoResponse").withObject("/properties").withObject("/features").set("example", names);
        return document;
    }

    private ObjectNode featuresSchema(FeatureSchema schema, ObjectNode example) {
        ObjectNode node = mapper.createObjectNode().put("type", "object")
                .put("description", "The features of one student, by name, as the loaded model accepts them. "
                        + "Numbers may also be sent as numeric text; words are case-insensitive.");
        ObjectNode properties = node.putObject("properties");
        ArrayNode required = mapper.createArrayNode();
        for (FeatureSpec spec : schema.features()) {
            ObjectNode property = properties.putObject(spec.name());
            property.put("type", switch (spec.type()) {
                case INTEGER -> "integer";
                case FLOAT -> "number";
                case CATEGORICAL -> "string";
            });
            if (!spec.description().isEmpty()) {
                property.put("description", spec.description());
            }
            if (spec.minimum() != null) {
                property.put("minimum", spec.minimum());
            }
            if (spec.maximum() != null) {
                property.put("maximum", spec.maximum());
            }
            if (spec.type() == FeatureType.CATEGORICAL && !spec.acceptsUnknownCategory()) {
                ArrayNode values = property.putArray("enum");
                spec.categories().forEach(values::add);
            }
            if (spec.required()) {
                required.add(spec.name());
            }
        }
        if (!required.isEmpty()) {
            node.set("required", required);
        }
        node.put("additionalProperties", false);
        node.set("example", example);
        return node;
    }

    /** The schema's example student, as a client sends it (whole numbers without a decimal point). */
    private ObjectNode exampleStudent(FeatureSchema schema) {
        return mapper.valueToTree(FeatureValues.asSent(schema.exampleStudent().values()));
    }
}
