package org.magicsteps.core.port;

import java.util.List;
import java.util.Optional;

import org.magicsteps.core.domain.FeatureSchema;
import org.magicsteps.core.domain.ModelInfo;
import org.magicsteps.core.domain.ProcessedFeatures;
import org.magicsteps.core.domain.StudentFeatures;

/**
 * A loaded model. Batch first: a list of students is scored in one call, so that an
 * implementation runs one inference for the whole list. Implementations are safe for use by
 * many threads at once.
 */
public interface Predictor {

    /** What the model says about itself. */
    ModelInfo info();

    /** The features the model accepts, with their rules. */
    FeatureSchema schema();

    /**
     * The probability of reaching the Ponto de Virada for each student, in order.
     *
     * @param students features that passed {@link FeatureSchema#check} of {@link #schema()}
     * @return one probability in [0, 1] per student
     * @throws IllegalArgumentException when a student does not pass the schema
     * @throws PortException when the model fails to run
     */
    double[] probabilities(List<StudentFeatures> students);

    /**
     * How one student's features become the model's input.
     *
     * @throws IllegalArgumentException when the student does not pass the schema
     */
    ProcessedFeatures process(StudentFeatures student);

    /**
     * The model's own input, when clients may send it rows they encoded themselves; empty for a
     * model that only takes features by name (such as a {@code FunctionPredictor}).
     */
    default Optional<EncodedInput> encodedInput() {
        return Optional.empty();
    }
}
