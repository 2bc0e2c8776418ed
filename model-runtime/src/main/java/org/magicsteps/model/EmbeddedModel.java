package org.magicsteps.model;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.magicsteps.core.domain.Explanation;
import org.magicsteps.core.domain.FeatureSchema;
import org.magicsteps.core.domain.ModelInfo;
import org.magicsteps.core.domain.Prediction;
import org.magicsteps.core.domain.StudentFeatures;
import org.magicsteps.core.domain.Threshold;
import org.magicsteps.core.domain.ThresholdSetting;
import org.magicsteps.core.domain.ValidationException;
import org.magicsteps.core.memory.InMemorySettingsStore;
import org.magicsteps.core.usecase.ExplainStudents;
import org.magicsteps.core.usecase.PredictBatch;
import org.magicsteps.core.usecase.PredictStudent;
import org.magicsteps.core.usecase.ReadThreshold;

/**
 * A model bundle inside any JVM application, with the same validation, threshold and confidence
 * rules as the service, and no server, database or log:
 *
 * <pre>{@code
 * try (EmbeddedModel model = EmbeddedModel.open(Path.of("models/seed-mlp"))) {
 *     Prediction p = model.predict(StudentFeatures.builder().fase(3)...build());
 * }
 * }</pre>
 *
 * It wires core's {@link PredictStudent} and {@link PredictBatch} to an {@link OnnxPredictor}, an
 * in-memory threshold setting and a log that keeps nothing. Safe for use by many threads.
 */
public final class EmbeddedModel implements AutoCloseable {

    private static final String USER = "embedded";

    private final OnnxPredictor predictor;
    private final InMemorySettingsStore settings = new InMemorySettingsStore();
    private final ReadThreshold readThreshold;
    private final PredictStudent predictStudent;
    private final PredictBatch predictBatch;
    private final ExplainStudents explainStudents;
    private final Clock clock = Clock.systemUTC();

    private EmbeddedModel(OnnxPredictor predictor) {
        this.predictor = predictor;
        DiscardingPredictionLog log = new DiscardingPredictionLog();
        // The store is in memory, so reading it on every prediction costs nothing and a new threshold applies at once.
        this.readThreshold = new ReadThreshold(settings, predictor, clock, Duration.ZERO);
        this.predictStudent = new PredictStudent(predictor, log, readThreshold, clock);
        this.predictBatch = new PredictBatch(predictor, log, readThreshold, clock, Integer.MAX_VALUE);
        this.explainStudents = new ExplainStudents(predictor);
    }

    /**
     * Loads the bundle in {@code bundleDirectory} (or the original service's export) and opens it.
     *
     * @throws ModelLoadException naming the file at fault and the problem
     */
    public static EmbeddedModel open(Path bundleDirectory) {
        return new EmbeddedModel(OnnxPredictor.load(bundleDirectory));
    }

    /**
     * Opens a bundle already in memory.
     *
     * @throws ModelLoadException when its graph does not match its manifest
     */
    public static EmbeddedModel open(ModelBundle bundle) {
        return new EmbeddedModel(OnnxPredictor.open(bundle));
    }

    /**
     * The prediction for one student, at the threshold in force.
     *
     * @throws ValidationException listing every rule the features break
     */
    public Prediction predict(StudentFeatures student) {
        return predict(null, Objects.requireNonNull(student, "student").values());
    }

    /**
     * The prediction for one student given as raw values by feature name (numbers, numeric
     * text or words, as from JSON or a spreadsheet).
     *
     * @param studentId recorded in the prediction; may be {@code null}
     * @throws ValidationException listing every rule the features break
     */
    public Prediction predict(String studentId, Map<String, ?> features) {
        return predictStudent.execute(new PredictStudent.Command(USER, studentId, features));
    }

    /**
     * The predictions for many students, in order, from one model run.
     *
     * @throws ValidationException listing every rule every student breaks
     */
    public List<Prediction> predictAll(List<StudentFeatures> students) {
        List<PredictBatch.Student> batch = students.stream()
                .map(s -> new PredictBatch.Student(null, s.values())).toList();
        return predictBatch.execute(new PredictBatch.Command(USER, batch)).predictions();
    }

    /**
     * Why the model gives this student its probability, in log-odds: {@code baseValue} plus the
     * contributions (strongest first, each with a reason in Portuguese) is
     * {@code ln(p / (1 − p))}. Exact for a model linear in its inputs; Kernel SHAP over the bundle's
     * background sample otherwise (about 10 ms a student for the original network).
     *
     * @throws ValidationException listing every rule the features break
     */
    public Explanation explain(StudentFeatures student) {
        return explain(Objects.requireNonNull(student, "student").values());
    }

    /**
     * The same for raw values by feature name (numbers, numeric text or words).
     *
     * @throws ValidationException listing every rule the features break
     */
    public Explanation explain(Map<String, ?> features) {
        return explainStudents.execute(List.of(Objects.requireNonNull(features, "features"))).get(0);
    }

    /**
     * The explanations of many students, in order.
     *
     * @throws ValidationException listing every rule every student breaks
     */
    public List<Explanation> explainAll(List<StudentFeatures> students) {
        return explainStudents.execute(students.stream().map(StudentFeatures::values).toList());
    }

    /**
     * Sets the decision threshold for the predictions that follow.
     *
     * @throws ValidationException when {@code value} is not between 0 and 1
     */
    public void setThreshold(double value) {
        settings.saveThreshold(new ThresholdSetting(new Threshold(value), clock.instant(), USER,
                predictor.info().version()));
    }

    /** The threshold in force: the one set, else the model's default. */
    public Threshold threshold() {
        return readThreshold.current().threshold();
    }

    public ModelInfo info() {
        return predictor.info();
    }

    /** The features the model accepts, with their rules. */
    public FeatureSchema schema() {
        return predictor.schema();
    }

    @Override
    public void close() {
        predictor.close();
    }
}
