package org.magicsteps.core.port;

import java.util.List;

import org.magicsteps.core.domain.Explanation;
import org.magicsteps.core.domain.FeatureSchema;
import org.magicsteps.core.domain.StudentFeatures;

/**
 * Says why a model gives each student its probability. Explanations are deterministic: the same
 * student always gets the same explanation. Implementations are safe for use by many threads.
 */
public interface Explainer {

    /**
     * One explanation per student, in order; each adds up to the log-odds of the probability the
     * model answers for that student.
     *
     * @param students features that passed {@link FeatureSchema#check} of the model's schema
     * @throws IllegalArgumentException when a student does not pass the schema
     * @throws PortException when the model fails to run
     */
    List<Explanation> explain(List<StudentFeatures> students);
}
