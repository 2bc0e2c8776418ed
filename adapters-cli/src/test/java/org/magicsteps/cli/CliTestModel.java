package org.magicsteps.cli;

import java.time.Instant;
import java.util.Map;

import org.magicsteps.core.domain.FeatureSchema;
import org.magicsteps.core.domain.ModelInfo;
import org.magicsteps.core.domain.Threshold;
import org.magicsteps.core.memory.FunctionPredictor;
import org.magicsteps.core.testing.Students;

/**
 * A stand-in model for tests of the server and the commands that must not depend on a trained
 * model: the original's 18 features with plausible PEDE ranges, and p = score_inde / 10.
 */
final class CliTestModel {

    static final FeatureSchema SCHEMA = Students.permissiveSchema();

    private CliTestModel() {
    }

    static FunctionPredictor predictor() {
        return new FunctionPredictor(
                new ModelInfo("cli-test-model", "cli-1", "FunctionPredictor", 18, 0, new Threshold(0.5),
                        Instant.parse("2024-05-01T00:00:00Z"), Map.of()),
                SCHEMA, s -> s.number("score_inde").orElseThrow() / 10.0);
    }
}
