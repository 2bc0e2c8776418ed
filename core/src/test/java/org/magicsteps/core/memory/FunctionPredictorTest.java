package org.magicsteps.core.memory;

import org.magicsteps.core.port.contract.PredictorContract;
import org.magicsteps.core.testing.Students;

class FunctionPredictorTest extends PredictorContract<FunctionPredictor> {

    @Override
    protected FunctionPredictor newPredictor() {
        return Students.predictor();
    }
}
