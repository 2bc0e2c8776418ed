package org.magicsteps.core.usecase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.magicsteps.core.domain.Actor;
import org.magicsteps.core.domain.BatchPrediction;
import org.magicsteps.core.domain.FeatureSchema;
import org.magicsteps.core.domain.ModelInfo;
import org.magicsteps.core.domain.Prediction;
import org.magicsteps.core.domain.PredictionRecord;
import org.magicsteps.core.domain.ProcessedFeatures;
import org.magicsteps.core.domain.Role;
import org.magicsteps.core.domain.StudentFeatures;
import org.magicsteps.core.domain.ValidationException;
import org.magicsteps.core.memory.InMemoryPredictionLog;
import org.magicsteps.core.memory.InMemorySettingsStore;
import org.magicsteps.core.port.PortException;
import org.magicsteps.core.port.Predictor;
import org.magicsteps.core.testing.Students;

/** The use cases over several models: choosing one by name, loading, unloading, thresholds per model. */
class ModelUseCasesTest {

    private static final Actor ADMIN = new Actor("boss", Role.ADMIN);
    private static final Actor USER = new Actor("ana", Role.USER);
    private static final Instant NOW = Instant.parse("2026-06-01T09:30:00Z");

    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final TestModels.Model main = TestModels.byIpv("main-1", 0.5);
    private final TestModels.Model other = TestModels.byIda("other-1", 0.3);
    private final ServedModels models = new ServedModels("main", "dir/main", main);
    private final InMemorySettingsStore settings = new InMemorySettingsStore();
    private final InMemoryPredictionLog log = new InMemoryPredictionLog();
    private final ReadThreshold readThreshold = new ReadThreshold(settings, models, clock, Duration.ZERO);
    private final Map<String, Supplier<Predictor>> bundles = new HashMap<>();
    private final LoadModel loadModel = new LoadModel(models, location -> {
        Supplier<Predictor> bundle = bundles.get(location);
        if (bundle == null) {
            throw new PortException(location + ": does not exist");
        }
        return bundle.get();
    });

    ModelUseCasesTest() {
        models.serve("other", "dir/other", other);
    }

    @Test
    void eachUseCaseAnswersWithTheModelNamedOrTheDefault() {
        Map<String, Object> raw = Students.rawStudent(); // score_ipv 7.3, score_ida 6.2
        PredictStudent predict = new PredictStudent(models, log, readThreshold, clock);

        Prediction byDefault = predict.execute(new PredictStudent.Command("ana", "RA-1", raw));
        Prediction byOther = predict.execute("other", new PredictStudent.Command("ana", "RA-1", raw));

        assertEquals("main-1", byDefault.modelVersion());
        assertEquals(0.73, byDefault.probability(), 1e-9);
        assertEquals("other-1", byOther.modelVersion());
        assertEquals(0.62, byOther.probability(), 1e-9);
        assertEquals(0.3, byOther.threshold().value(), "the other model's own threshold");
        assertEquals(java.util.Set.of("other-1", "main-1"), log.query(org.magicsteps.core.domain.LogQuery.all())
                .records().stream().map(r -> r.prediction().modelVersion()).collect(java.util.stream.Collectors.toSet()),
                "each record names its model version");

        BatchPrediction batch = new PredictBatch(models, log, readThreshold, clock, 5)
                .execute("other", new PredictBatch.Command("ana", List.of(new PredictBatch.Student("RA-2", raw))));
        assertEquals("other-1", batch.predictions().get(0).modelVersion());
        DescribeModel.ModelDescription described = new DescribeModel(models, readThreshold).execute("other");
        assertEquals("other", described.name());
        assertEquals(false, described.isDefault());
        assertEquals(0.3, described.threshold().threshold().value());
        ProcessedFeatures processed = new ProcessFeatures(models).execute("other", raw);
        assertEquals(18, processed.modelInput().size());
        assertEquals(List.of("main", "other"), new ListModels(new DescribeModel(models, readThreshold)).execute()
                .stream().map(DescribeModel.ModelDescription::name).toList());

        NotFoundException e = assertThrows(NotFoundException.class,
                () -> predict.execute("nope", new PredictStudent.Command("ana", null, raw)));
        assertEquals("no model 'nope' is served; the models served are main, other", e.getMessage());
    }

    @Test
    void eachModelKeepsItsOwnThreshold() {
        ChangeThreshold change = new ChangeThreshold(settings, readThreshold, clock);

        change.execute(ADMIN, "other", 0.6);
        change.execute(ADMIN, 0.7);

        assertEquals(0.6, readThreshold.current("other").threshold().value(), "B's stays after A's change");
        assertEquals("other-1", readThreshold.current("other").modelVersion());
        assertEquals(0.7, readThreshold.current().threshold().value());
        assertEquals(0.7, readThreshold.current(null).threshold().value());
        assertThrows(NotFoundException.class, () -> change.execute(ADMIN, "nope", 0.4));
        assertThrows(AccessDeniedException.class, () -> change.execute(USER, "other", 0.4));
    }

    @Test
    void aLoadedModelIsProbedThenServedAndTheOldOneClosedWhenUnused() {
        TestModels.Model next = TestModels.byIda("other-2", 0.4);
        bundles.put("dir/other-2", () -> next);
        ServedModels.Lease inFlight = models.lease("other");

        LoadModel.Loaded loaded = loadModel.execute(ADMIN, "other", "dir/other-2");

        assertEquals("other-2", loaded.model().version());
        assertEquals("other-1", loaded.replaced().orElseThrow().version());
        assertEquals("other-2", models.info("other").version());
        assertEquals(0, other.closed.get(), "a request still uses it");
        inFlight.close();
        assertEquals(1, other.closed.get());

        TestModels.Model again = TestModels.byIda("other-2", 0.4);
        bundles.put("dir/other-2", () -> again);
        assertEquals("dir/other-2", loadModel.execute(ADMIN, "other", null).location(), "reloaded from where it was");
        assertEquals(1, next.closed.get());
    }

    @Test
    void aModelThatDoesNotLoadOrFailsItsProbeIsRefusedAndTheOldOneKeepsServing() {
        assertRefused("dir/missing", "model 'other' was not loaded from dir/missing: dir/missing: does not exist");
        TestModels.Model notAProbability = new TestModels.Model("bad-1", 0.5, s -> 1.5, false);
        bundles.put("dir/bad", () -> notAProbability);
        ModelRefusedException e = assertRefused("dir/bad", "model 'other' from dir/bad fails its probe: ");
        assertTrue(e.getMessage().contains("not a probability"), e.getMessage());
        assertEquals(1, notAProbability.closed.get(), "the refused model is closed");
        TestModels.Model disagrees = new TestModels.Model("bad-2", 0.5, s -> 0.1, true);
        bundles.put("dir/disagrees", () -> disagrees);
        e = assertRefused("dir/disagrees", "fails its probe: the example student scores 0.1 by its features but");
        assertEquals("other-1", models.info("other").version(), "the old one still serves");
        assertEquals(0.62, new PredictStudent(models, log, readThreshold, clock)
                .execute("other", new PredictStudent.Command("ana", null, Students.rawStudent())).probability(), 1e-9);

        assertThrows(ModelRefusedException.class, () -> loadModel.execute(ADMIN, "new-one", null),
                "a new name needs a location");
        assertThrows(ModelRefusedException.class, () -> loadModel.execute(ADMIN, "a/b", "dir/x"));
        assertThrows(AccessDeniedException.class, () -> loadModel.execute(USER, "other", "dir/bad"));
    }

    private ModelRefusedException assertRefused(String location, String message) {
        ModelRefusedException e = assertThrows(ModelRefusedException.class,
                () -> loadModel.execute(ADMIN, "other", location));
        assertTrue(e.getMessage().contains(message), e.getMessage());
        return e;
    }

    @Test
    void unloadingWithdrawsAModelButNeverTheDefault() {
        UnloadModel unload = new UnloadModel(models);

        assertEquals("other-1", unload.execute(ADMIN, "other").version());
        assertThrows(NotFoundException.class, () -> unload.execute(ADMIN, "other"));
        ModelRefusedException e = assertThrows(ModelRefusedException.class, () -> unload.execute(ADMIN, "main"));
        assertTrue(e.getMessage().startsWith("'main' is the default model"), e.getMessage());
        assertThrows(AccessDeniedException.class, () -> unload.execute(USER, "main"));
        List<ServedModels.Entry> index = new IndexModels(models).execute(ADMIN);
        assertEquals(2, index.size());
        assertEquals(false, index.get(1).served());
        assertThrows(AccessDeniedException.class, () -> new IndexModels(models).execute(USER));
    }

    @Test
    void encodedRowsArePredictedWithTheSameThresholdLimitsAndLog() {
        PredictEncodedBatch predict = new PredictEncodedBatch(models, log, readThreshold, clock, 2);
        ProcessedFeatures processed = main.process(Students.student());
        float[] row = new float[processed.modelInput().size()];
        for (int i = 0; i < row.length; i++) {
            row[i] = processed.modelInput().get(i).floatValue();
        }
        float[] two = new float[row.length * 2];
        System.arraycopy(row, 0, two, 0, row.length);
        System.arraycopy(row, 0, two, row.length, row.length);

        BatchPrediction batch = predict.execute(null, new PredictEncodedBatch.Command("ana", two,
                java.util.Arrays.asList("RA-1", null)));

        assertEquals(2, batch.predictions().size());
        assertEquals(0.73, batch.predictions().get(0).probability(), 1e-6);
        assertEquals("RA-1", batch.predictions().get(0).studentId());
        PredictionRecord record = log.query(org.magicsteps.core.domain.LogQuery.all()).records().get(0);
        assertEquals(batch.batchId(), record.batchId());
        assertEquals(7.3, record.features().number("score_ipv").orElseThrow(), 1e-5, "the row, by column name");

        ValidationException notWhole = assertThrows(ValidationException.class, () -> predict.execute(null,
                new PredictEncodedBatch.Command("ana", new float[row.length + 1], null)));
        assertEquals("rows", notWhole.violations().get(0).field());
        float[] nan = row.clone();
        nan[3] = Float.NaN;
        ValidationException notFinite = assertThrows(ValidationException.class,
                () -> predict.execute(null, new PredictEncodedBatch.Command("ana", nan, null)));
        assertEquals(List.of("rows", 0, "score_inde"), notFinite.violations().get(0).location());
        ValidationException tooMany = assertThrows(ValidationException.class, () -> predict.execute(null,
                new PredictEncodedBatch.Command("ana", new float[row.length * 3], null)));
        assertEquals("students", tooMany.violations().get(0).field());
        ValidationException noRows = assertThrows(ValidationException.class,
                () -> predict.execute("other", new PredictEncodedBatch.Command("ana", row, null)));
        assertTrue(noRows.getMessage().contains("model 'other' takes no encoded rows"), noRows.getMessage());
    }

    @Test
    void theExampleStudentPassesItsSchema() {
        FeatureSchema schema = Students.originalSchema();
        StudentFeatures example = schema.exampleStudent();

        assertEquals(List.of(), schema.check(example));
        assertEquals(4.0, example.number("fase").orElseThrow(), "the middle of 0–7, whole");
        assertEquals(6.3, example.number("score_ipv").orElseThrow(), 1e-9, "the middle of 2.5–10, to one decimal");
        assertEquals("a", example.category("turma").orElseThrow());
        ModelInfo info = main.info();
        assertEquals("main-1", info.version());
    }
}
