package org.magicsteps.core.usecase;

import java.util.Objects;

import org.magicsteps.core.domain.FeatureSchema;
import org.magicsteps.core.domain.ModelInfo;
import org.magicsteps.core.domain.ThresholdSetting;
import org.magicsteps.core.port.Predictor;

/** What the loaded model is, what it accepts, and the threshold in force. */
public final class DescribeModel {

    /** The answer. */
    public record ModelDescription(ModelInfo info, FeatureSchema schema, ThresholdSetting threshold) {
    }

    private final Predictor predictor;
    private final ReadThreshold readThreshold;

    public DescribeModel(Predictor predictor, ReadThreshold readThreshold) {
        this.predictor = Objects.requireNonNull(predictor, "predictor");
        this.readThreshold = Objects.requireNonNull(readThreshold, "readThreshold");
    }

    public ModelDescription execute() {
        return new ModelDescription(predictor.info(), predictor.schema(), readThreshold.current());
    }
}
