package org.magicsteps.http;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.params.provider.MethodSource;

import org.magicsteps.core.domain.LogPage;
import org.magicsteps.core.domain.LogQuery;
import org.magicsteps.core.domain.Prediction;
import org.magicsteps.core.domain.PredictionRecord;
import org.magicsteps.core.domain.Threshold;
import org.magicsteps.core.domain.ValidationException;
import org.magicsteps.core.memory.InMemorySettingsStore;
import org.magicsteps.core.port.PredictionLog;
import org.magicsteps.core.usecase.PredictBatch;
import org.magicsteps.core.usecase.PredictStudent;
import org.magicsteps.core.usecase.ReadThreshold;

/**
 * Fuzzes how the HTTP layer reads a request body, from the first byte to the answer: the body is
 * read into a route's request record ({@link JsonBodies}), given to the use case, and the answer
 * written as JSON. The only refusals allowed are the documented ones: an {@link HttpProblem}
 * (415, 400, 422) from reading, a {@link ValidationException} (422) from the use case. Anything
 * else, thrown or failing to be written, would be a 500. The first byte of an input picks the
 * route and the Content-Type; the rest is the body.
 */
class RequestBodyFuzzTest {

    private static final ObjectMapper MAPPER = JsonBodies.newMapper();
    private static final JsonBodies BODIES = new JsonBodies(MAPPER);
    private static final List<Class<?>> BODY_TYPES = List.of(PredictionRoutes.PredictRequest.class,
            PredictionRoutes.BatchRequest.class, PredictionRoutes.ProcessRequest.class, AuthRoutes.RegisterRequest.class,
            ModelRoutes.ThresholdUpdate.class);
    private static final List<String> CONTENT_TYPES = Arrays.asList(null, "application/json",
            "application/json; charset=utf-8", "application/problem+json", "text/plain", "application/x-www-form-urlencoded");
    private static final PredictionLog NO_LOG = new PredictionLog() {
        @Override
        public void append(List<PredictionRecord> records) {
            // the fuzzer makes millions of predictions; keeping them would only fill the heap
        }

        @Override
        public LogPage query(LogQuery query) {
            return LogPage.of(List.of(), query.limit());
        }

        @Override
        public int deleteBefore(java.time.Instant cutoff, int limit) {
            return 0;
        }
    };
    private static final TestModel MODEL = new TestModel();
    private static final ReadThreshold THRESHOLD = new ReadThreshold(new InMemorySettingsStore(), MODEL.predictor,
            Clock.systemUTC(), Duration.ZERO);
    private static final PredictStudent PREDICT = new PredictStudent(MODEL.predictor, NO_LOG, THRESHOLD,
            Clock.systemUTC());
    private static final PredictBatch PREDICT_BATCH = new PredictBatch(MODEL.predictor, NO_LOG, THRESHOLD,
            Clock.systemUTC(), 50);

    static Stream<byte[]> requests() {
        String student = TestModel.studentJson(7.1);
        return Stream.of(
                input(0, 1, "{\"student_id\":\"RA-1\",\"features\":" + student + "}"),
                input(1, 1, "{\"students\":[{\"student_id\":\"RA-1\",\"features\":" + student + "},{\"features\":"
                        + student + "}]}"),
                input(2, 0, "{\"features\":" + student + "}"),
                input(3, 1, "{\"username\":\"ana.souza\",\"password\":\"senha-forte\",\"full_name\":\"Ana Souza\"}"),
                input(4, 3, "{\"threshold\":0.42}"));
    }

    private static byte[] input(int route, int contentType, String body) {
        byte[] text = body.getBytes(StandardCharsets.UTF_8);
        byte[] input = new byte[text.length + 1];
        input[0] = (byte) (route * CONTENT_TYPES.size() + contentType);
        System.arraycopy(text, 0, input, 1, text.length);
        return input;
    }

    @MethodSource("requests")
    @FuzzTest
    void aBodyIsAnsweredOrRefusedAsDocumented(byte[] input) throws JsonProcessingException {
        if (input.length == 0) {
            return;
        }
        int choice = Byte.toUnsignedInt(input[0]) % (BODY_TYPES.size() * CONTENT_TYPES.size());
        Class<?> type = BODY_TYPES.get(choice / CONTENT_TYPES.size());
        String contentType = CONTENT_TYPES.get(choice % CONTENT_TYPES.size());
        byte[] body = Arrays.copyOfRange(input, 1, input.length);
        Object request;
        try {
            request = BODIES.read(contentType, body, type);
        } catch (HttpProblem refused) {
            assertTrue(refused.status() >= 400 && refused.status() < 500, "a 4xx: " + refused.status());
            assertNotNull(refused.getMessage());
            // The refusal is written as the error handling writes it.
            MAPPER.writeValueAsBytes(new ErrorBodies.ErrorBody(refused.getMessage()));
            return;
        }
        assertNotNull(request);
        try {
            answer(request);
        } catch (ValidationException refused) {
            assertFalse(refused.violations().isEmpty());
            refused.violations().forEach(v -> assertTrue(v.message().contains(v.field()), v.message()));
            MAPPER.writeValueAsBytes(refused.violations().stream().map(v -> v.message()).toList());
        }
    }

    /** What the route does with a body it read, down to writing its answer. */
    private static void answer(Object request) throws JsonProcessingException {
        if (request instanceof PredictionRoutes.PredictRequest r) {
            Prediction p = PREDICT.execute(new PredictStudent.Command("fuzzer", r.student_id(), r.features()));
            MAPPER.writeValueAsBytes(PredictionRoutes.PredictionResponse.of(p));
        } else if (request instanceof PredictionRoutes.BatchRequest r && r.students() != null) {
            List<PredictBatch.Student> students = new ArrayList<>();
            r.students().forEach(s -> students.add(s == null ? null : new PredictBatch.Student(s.student_id(),
                    s.features())));
            List<PredictionRoutes.PredictionResponse> answers = new ArrayList<>();
            PREDICT_BATCH.execute(new PredictBatch.Command("fuzzer", students)).predictions()
                    .forEach(p -> answers.add(PredictionRoutes.PredictionResponse.of(p)));
            MAPPER.writeValueAsBytes(answers);
        } else if (request instanceof PredictionRoutes.ProcessRequest r && r.features() != null) {
            MAPPER.writeValueAsBytes(MODEL.predictor.schema().parse(r.features()).violations().size());
        } else if (request instanceof ModelRoutes.ThresholdUpdate r && r.threshold() != null) {
            MAPPER.writeValueAsBytes(new Threshold(r.threshold()).value());
        } else {
            MAPPER.writeValueAsBytes(request);
        }
    }
}
