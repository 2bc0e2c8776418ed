package org.magicsteps.model;

import org.magicsteps.core.port.contract.PredictorContract;

/** The port's contract, on the carried early-warning bundle: another graph, and an optional feature (score_ipv). */
class EarlyWarningPredictorContractTest extends PredictorContract<OnnxPredictor> {

    @Override
    protected OnnxPredictor newPredictor() {
        return OnnxPredictorContractTest.carried("early-warning");
    }
}
