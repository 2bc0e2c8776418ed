package org.magicsteps.http;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.javalin.openapi.OpenApiDescription;
import io.javalin.openapi.OpenApiExample;
import io.javalin.openapi.OpenApiRequired;

/**
 * The JSON bodies of the Open Inference Protocol (the KServe "V2" REST API that KServe, MLServer
 * and Triton share), with the field names that protocol gives them, and of its model repository
 * extension.
 */
final class InferenceProtocolBodies {

    private InferenceProtocolBodies() {
    }

    /** {@code GET /v2}. */
    record ServerMetadata(
            @OpenApiExample("magic-steps") String name,
            @OpenApiExample("1.0.0") String version,
            List<String> extensions) {
    }

    /** {@code GET /v2/health/live}. */
    record ServerLive(@OpenApiExample("true") boolean live) {
    }

    /** {@code GET /v2/health/ready}. */
    record ServerReady(@OpenApiExample("true") boolean ready) {
    }

    /** {@code GET /v2/models/{name}/ready}. */
    record ModelReady(@OpenApiExample("default") String name, @OpenApiExample("true") boolean ready) {
    }

    /**
     * One tensor a model takes or gives. {@code -1} in a shape is a dimension of any size (the
     * number of students).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record MetadataTensor(
            @OpenApiExample("score_inde") String name,
            @OpenApiExample("FP64") String datatype,
            List<Long> shape,
            Map<String, Object> parameters) {
    }

    /** {@code GET /v2/models/{name}}: the model's inputs (one per feature, or its encoded tensor) and outputs. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ModelMetadata(
            @OpenApiExample("default") String name,
            List<String> versions,
            @OpenApiExample("magic-steps") String platform,
            List<MetadataTensor> inputs,
            List<MetadataTensor> outputs,
            Map<String, Object> parameters) {
    }

    /** One input tensor of an inference request. */
    record RequestInput(
            @OpenApiRequired @OpenApiExample("score_inde") String name,
            @OpenApiRequired List<Long> shape,
            @OpenApiRequired @OpenApiExample("FP64") String datatype,
            Map<String, Object> parameters,
            @OpenApiRequired @OpenApiDescription("The tensor's elements, flat or nested as its shape, in row-major order")
            List<Object> data) {
    }

    /** An output the client asks for; none asked means all. */
    record RequestOutput(@OpenApiRequired @OpenApiExample("probability") String name, Map<String, Object> parameters) {
    }

    /** {@code POST /v2/models/{name}/infer}. */
    record InferenceRequest(
            @OpenApiExample("42") String id,
            Map<String, Object> parameters,
            @OpenApiRequired List<RequestInput> inputs,
            List<RequestOutput> outputs) {
    }

    /** One output tensor of an inference response. */
    record ResponseOutput(
            @OpenApiExample("probability") String name,
            List<Long> shape,
            @OpenApiExample("FP64") String datatype,
            List<?> data) {
    }

    /**
     * The answer to an inference request.
     *
     * @param parameters the request's own, and {@code batch_id} (the id its log records share)
     *     and {@code threshold} (the threshold in force)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record InferenceResponse(
            @OpenApiExample("default") String model_name,
            @OpenApiExample("default-40ee31d632db") String model_version,
            @OpenApiExample("42") String id,
            Map<String, Object> parameters,
            List<ResponseOutput> outputs) {
    }

    /** {@code POST /v2/repository/index}: {@code ready} true lists only the models served. */
    record RepositoryIndexRequest(@OpenApiExample("false") Boolean ready) {
    }

    /** One model of the repository index. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record RepositoryIndexEntry(
            @OpenApiExample("early-warning") String name,
            @OpenApiExample("early-warning-8b065a0c4307") String version,
            @OpenApiExample("READY") String state,
            @OpenApiExample("") String reason) {
    }

    /**
     * {@code POST /v2/repository/models/{name}/load}: {@code parameters.bundle} is the bundle
     * directory to load (or a carried model's name); without it the model is loaded again from
     * where it was last loaded.
     */
    record RepositoryLoadRequest(Map<String, Object> parameters) {
    }

    /** What a load or an unload did. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record RepositoryChange(
            @OpenApiExample("early-warning") String name,
            @OpenApiExample("early-warning-8b065a0c4307") String version,
            @OpenApiExample("READY") String state,
            @OpenApiExample("/srv/models/early-warning") String location,
            @OpenApiExample("early-warning-0a1b2c3d4e5f") String replaced_version) {
    }
}
