package org.magicsteps.core.usecase;

import java.util.List;
import java.util.Objects;

import org.magicsteps.core.domain.ExplainedPrediction;
import org.magicsteps.core.domain.Prediction;
import org.magicsteps.core.domain.StudentFeatures;
import org.magicsteps.core.port.FeatureStore;

/** Predicts a student by id, from the features the online feature store holds for them. */
public final class PredictStoredStudent {

    private final FeatureStore featureStore;
    private final PredictStudent predictStudent;
    private final ExplainStudents explainStudents;

    /** Without explanations: {@link #executeExplained} refuses. */
    public PredictStoredStudent(FeatureStore featureStore, PredictStudent predictStudent) {
        this(featureStore, predictStudent, null);
    }

    /** @param explainStudents explains what {@code predictStudent} predicts (the same model); may be {@code null} */
    public PredictStoredStudent(FeatureStore featureStore, PredictStudent predictStudent,
            ExplainStudents explainStudents) {
        this.featureStore = Objects.requireNonNull(featureStore, "featureStore");
        this.predictStudent = Objects.requireNonNull(predictStudent, "predictStudent");
        this.explainStudents = explainStudents;
    }

    /**
     * @throws NotFoundException when the store holds no features for {@code studentId}
     * @throws org.magicsteps.core.domain.ValidationException when the stored features do not
     *     pass the loaded model's schema
     */
    public Prediction execute(String user, String studentId) {
        return predictStudent.execute(PredictStudent.Command.of(user, studentId, stored(studentId)));
    }

    /**
     * The prediction and why: the features are read from the store once and feed both, so the
     * explanation is of exactly what was predicted.
     *
     * @throws NotFoundException when the store holds no features for {@code studentId}
     * @throws org.magicsteps.core.domain.ValidationException when the stored features do not
     *     pass the loaded model's schema
     * @throws UnsupportedOperationException when the model cannot explain itself
     */
    public ExplainedPrediction executeExplained(String user, String studentId) {
        if (explainStudents == null || !explainStudents.available()) {
            throw new UnsupportedOperationException("the model cannot explain its predictions");
        }
        StudentFeatures features = stored(studentId);
        Prediction prediction = predictStudent.execute(PredictStudent.Command.of(user, studentId, features));
        return new ExplainedPrediction(prediction, explainStudents.execute(List.of(features.values())).get(0));
    }

    private StudentFeatures stored(String studentId) {
        return featureStore.find(studentId)
                .orElseThrow(() -> new NotFoundException("no features stored for student '" + studentId + "'"));
    }
}
