package org.magicsteps.model.bundle;

import org.magicsteps.core.domain.Threshold;

/**
 * The threshold a bundle recommends, and the rule that chose it, so that whoever changes it
 * knows what they move away from.
 *
 * @param value between 0 and 1
 * @param rule how it was chosen, for people (for example "maximises F1 on the validation folds")
 */
public record DecisionThreshold(double value, String rule) {

    public DecisionThreshold {
        if (!(value >= 0.0 && value <= 1.0)) {
            throw new IllegalArgumentException("threshold " + value + " is not between 0 and 1");
        }
        rule = rule == null ? "" : rule.strip();
    }

    public Threshold threshold() {
        return new Threshold(value);
    }
}
