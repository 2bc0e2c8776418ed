package org.magicsteps.core.port;

import org.magicsteps.core.domain.ModelInput;

/**
 * Scores students a client has already encoded into the model's own input rows, skipping the
 * schema's validation and the bundle's preprocessing (tensor clients of the Open Inference
 * Protocol do this). Safe for use by many threads at once.
 */
public interface EncodedInput {

    /** The tensor's name and the meaning of each column. */
    ModelInput input();

    /**
     * The probability of reaching the Ponto de Virada for each row.
     *
     * @param rows row-major: {@code input().width()} finite numbers per student
     * @return one probability in [0, 1] per row
     * @throws IllegalArgumentException when {@code rows} is not a whole number of rows or holds a
     *     value that is not finite
     * @throws PortException when the model fails to run
     */
    double[] probabilities(float[] rows);
}
