package org.magicsteps.model;

import org.magicsteps.core.port.contract.PredictorContract;

/** The port's contract, on the default bundle this jar carries. */
class OnnxPredictorContractTest extends PredictorContract<OnnxPredictor> {

    /** The carried bundle {@code name}, opened. */
    static OnnxPredictor carried(String name) {
        return OnnxPredictor.open(ModelBundle.bundled(name)
                .orElseThrow(() -> new AssertionError("this build carries no bundle '" + name + "'")));
    }

    @Override
    protected OnnxPredictor newPredictor() {
        return carried("default");
    }
}
