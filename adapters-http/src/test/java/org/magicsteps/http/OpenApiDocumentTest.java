package org.magicsteps.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.SwaggerParseResult;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The OpenAPI document at /openapi.json is valid, documents every route, and Swagger UI is at /docs. */
class OpenApiDocumentTest {

    private static TestServer server;
    private static OpenAPI document;

    @BeforeAll
    static void start() {
        server = new TestServer();
        TestServer.Response r = server.get("/openapi.json", null);
        assertEquals(200, r.status());
        SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(r.body());
        assertTrue(parsed.getMessages() == null || parsed.getMessages().isEmpty(),
                "the document validates: " + parsed.getMessages());
        document = parsed.getOpenAPI();
        assertNotNull(document);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void everyRouteIsDocumentedWithItsMethodAndResponses() {
        List<Route> routes = server.server.routes();
        assertEquals(31, routes.size());
        for (Route route : routes) {
            PathItem item = document.getPaths().get(route.path());
            assertNotNull(item, "documented: " + route.path());
            Operation operation = item.readOperationsMap().get(
                    PathItem.HttpMethod.valueOf(route.method().name().toUpperCase(Locale.ROOT)));
            assertNotNull(operation, "documented: " + route.method() + " " + route.path());
            assertTrue(operation.getResponses().containsKey("200") || operation.getResponses().containsKey("201"),
                    route.path());
            assertEquals("#/components/schemas/InternalErrorBody", operation.getResponses().get("500").getContent()
                    .get("application/json").getSchema().get$ref(), route.path());
            if (route.access() == Access.USER || route.access() == Access.ADMIN) {
                assertTrue(operation.getResponses().containsKey("401"), "401 documented for " + route.path());
                assertEquals(MagicStepsServer.SECURITY_SCHEME,
                        operation.getSecurity().get(0).keySet().iterator().next(), route.path());
            }
        }
        assertEquals(routes.stream().map(Route::path).distinct().count(), document.getPaths().size(),
                "no documented path without a route");
    }

    @Test
    void theLoginFlowAndTheModelsFeaturesAreDescribed() {
        assertEquals("/token", document.getComponents().getSecuritySchemes().get(MagicStepsServer.SECURITY_SCHEME)
                .getFlows().getPassword().getTokenUrl());
        Schema<?> features = document.getComponents().getSchemas().get(ModelSchemaDocs.FEATURES_SCHEMA);
        assertEquals(TestModel.SCHEMA.names(), List.copyOf(features.getProperties().keySet()));
        Schema<?> inde = features.getProperties().get("score_inde");
        assertEquals("number", inde.getType());
        assertEquals(10, inde.getMaximum().intValue());
        assertEquals(List.of("menina", "menino"), features.getProperties().get("genero").getEnum());
        assertNotNull(features.getExample());
        Schema<?> predict = document.getComponents().getSchemas().get("PredictRequest");
        assertEquals("#/components/schemas/StudentFeatures", predict.getProperties().get("features").get$ref());
        assertNotNull(predict.getExample());
        Schema<?> loc = (Schema<?>) document.getComponents().getSchemas().get("ValidationErrorItem").getProperties()
                .get("loc");
        assertEquals("[\"body\",\"features\",\"score_inde\"]", TestServer.JSON.valueToTree(loc.getExample()).toString());
        Schema<?> names = (Schema<?>) document.getComponents().getSchemas().get("InfoResponse").getProperties()
                .get("features");
        assertEquals(TestServer.JSON.valueToTree(TestModel.SCHEMA.names()), TestServer.JSON.valueToTree(names.getExample()));
        assertEquals("application/x-www-form-urlencoded", document.getPaths().get("/token").getPost().getRequestBody()
                .getContent().keySet().iterator().next());
    }

    @Test
    void theDocumentsExampleStudentIsAccepted() throws Exception {
        String example = TestServer.JSON.writeValueAsString(document.getComponents().getSchemas()
                .get("PredictRequest").getExample());
        TestServer.Response r = server.postJson("/predict", example, server.userToken("docs"));
        assertEquals(200, r.status(), r.body());
    }

    @Test
    void swaggerUiIsServedAtDocs() {
        TestServer.Response r = server.get("/docs", null);
        assertEquals(200, r.status());
        assertTrue(r.body().contains("swagger-ui"), r.body());
        assertTrue(r.body().contains("/openapi.json"), r.body());
    }
}
