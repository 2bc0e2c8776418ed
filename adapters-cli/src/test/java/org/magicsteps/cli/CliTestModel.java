package org.magicsteps.cli;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.magicsteps.core.domain.FeatureSchema;
import org.magicsteps.core.domain.FeatureSpec;
import org.magicsteps.core.domain.ModelInfo;
import org.magicsteps.core.domain.Threshold;
import org.magicsteps.core.memory.FunctionPredictor;

/** A two-feature stand-in for the model module, which this branch does not have. */
final class CliTestModel {

    private CliTestModel() {
    }

    static FunctionPredictor predictor() {
        return new FunctionPredictor(
                new ModelInfo("cli-test-model", "cli-1", "FunctionPredictor", 2, 0, new Threshold(0.5),
                        Instant.parse("2024-05-01T00:00:00Z"), Map.of()),
                new FeatureSchema(List.of(FeatureSpec.integer("fase", "Fase", 0, 8),
                        FeatureSpec.decimal("score_inde", "INDE", 0, 10))),
                s -> s.number("score_inde").orElseThrow() / 10.0);
    }
}
