package org.magicsteps.core.usecase;

import java.util.Objects;

import org.magicsteps.core.domain.Prediction;
import org.magicsteps.core.domain.StudentFeatures;
import org.magicsteps.core.port.FeatureStore;

/** Predicts a student by id, from the features the online feature store holds for them. */
public final class PredictStoredStudent {

    private final FeatureStore featureStore;
    private final PredictStudent predictStudent;

    public PredictStoredStudent(FeatureStore featureStore, PredictStudent predictStudent) {
        this.featureStore = Objects.requireNonNull(featureStore, "featureStore");
        this.predictStudent = Objects.requireNonNull(predictStudent, "predictStudent");
    }

    /**
     * Predicts with the default model.
     *
     * @throws NotFoundException when the store holds no features for {@code studentId}
     * @throws org.magicsteps.core.domain.ValidationException when the stored features do not
     *     pass the model's schema
     */
    public Prediction execute(String user, String studentId) {
        return execute(null, user, studentId);
    }

    /**
     * Predicts with the model served as {@code model} (the default when {@code null}).
     *
     * @throws NotFoundException when no model is served as {@code model}, or the store holds no
     *     features for {@code studentId}
     * @throws org.magicsteps.core.domain.ValidationException when the stored features do not
     *     pass that model's schema
     */
    public Prediction execute(String model, String user, String studentId) {
        predictStudent.models().info(model); // an unknown model is the first thing to say
        StudentFeatures features = featureStore.find(studentId)
                .orElseThrow(() -> new NotFoundException("no features stored for student '" + studentId + "'"));
        return predictStudent.execute(model, PredictStudent.Command.of(user, studentId, features));
    }
}
