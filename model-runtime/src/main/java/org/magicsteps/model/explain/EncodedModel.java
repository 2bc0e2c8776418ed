package org.magicsteps.model.explain;

/**
 * A model seen from its encoded input: the log-odds of its answer for rows of model input. The
 * explainers call it on rows they build themselves (a student's inputs mixed with a background
 * student's), which no client could send.
 */
@FunctionalInterface
public interface EncodedModel {

    /**
     * @param inputs {@code rows} rows of model input, one after the other
     * @param rows how many rows {@code inputs} holds
     * @return the log-odds of the model's answer for each row
     */
    double[] logOdds(float[] inputs, int rows);
}
