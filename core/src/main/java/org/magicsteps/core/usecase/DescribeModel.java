package org.magicsteps.core.usecase;

import java.util.Objects;
import java.util.Optional;

import org.magicsteps.core.domain.FeatureSchema;
import org.magicsteps.core.domain.ModelInfo;
import org.magicsteps.core.domain.ModelInput;
import org.magicsteps.core.domain.ThresholdSetting;
import org.magicsteps.core.port.EncodedInput;
import org.magicsteps.core.port.Predictor;

/** What a served model is, what it accepts, and the threshold in force for it. */
public final class DescribeModel {

    /**
     * The answer.
     *
     * @param name the name the model is served under
     * @param isDefault whether it is the model used when none is named
     * @param info what the model says about itself
     * @param schema the features it accepts
     * @param threshold the threshold in force for it
     * @param encodedInput its own input tensor, when clients may send it encoded rows
     */
    public record ModelDescription(String name, boolean isDefault, ModelInfo info, FeatureSchema schema,
            ThresholdSetting threshold, Optional<ModelInput> encodedInput) {

        public ModelDescription {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(info, "info");
            Objects.requireNonNull(schema, "schema");
            Objects.requireNonNull(threshold, "threshold");
            Objects.requireNonNull(encodedInput, "encodedInput");
        }
    }

    private final ServedModels models;
    private final ReadThreshold readThreshold;

    /** Describes the models served. */
    public DescribeModel(ServedModels models, ReadThreshold readThreshold) {
        this.models = Objects.requireNonNull(models, "models");
        this.readThreshold = Objects.requireNonNull(readThreshold, "readThreshold");
    }

    /** Describes {@code predictor}, served alone. */
    public DescribeModel(Predictor predictor, ReadThreshold readThreshold) {
        this(ServedModels.of(predictor), readThreshold);
    }

    ServedModels models() {
        return models;
    }

    /** The default model. */
    public ModelDescription execute() {
        return execute(null);
    }

    /**
     * The model served as {@code model} (the default when {@code null}).
     *
     * @throws NotFoundException naming the models served, when none is served as {@code model}
     */
    public ModelDescription execute(String model) {
        try (ServedModels.Lease lease = models.lease(model)) {
            Predictor predictor = lease.predictor();
            ModelInfo info = predictor.info();
            return new ModelDescription(lease.name(), lease.name().equals(models.defaultName()), info,
                    predictor.schema(), readThreshold.inForce(info), predictor.encodedInput().map(EncodedInput::input));
        }
    }
}
