package org.magicsteps.core.domain;

import java.util.List;

/**
 * What became of one row of a sheet: scored (with its prediction and warnings), accepted but not
 * scored (after another row was refused, when one refusal stops the run), or rejected with every
 * reason.
 *
 * @param line the row's line in the sheet
 * @param studentId the student's id, or {@code null}
 * @param phase the student's phase (0 for ALFA), or {@code null} when it is missing or unreadable
 * @param className the student's class letter, lower-cased, or {@code null}
 * @param prediction the prediction, or {@code null} when the row was not scored
 * @param warnings what the prediction comes with; empty for a rejected row
 * @param reasons why the row was rejected; empty when it was accepted
 */
public record RowResult(int line, String studentId, Integer phase, String className, Prediction prediction,
        List<FeatureWarning> warnings, List<Violation> reasons) {

    public RowResult {
        warnings = List.copyOf(warnings);
        reasons = List.copyOf(reasons);
        if (prediction != null && !reasons.isEmpty()) {
            throw new IllegalArgumentException("line " + line + ": a rejected row has no prediction");
        }
    }

    public boolean isRejected() {
        return !reasons.isEmpty();
    }

    public boolean isScored() {
        return prediction != null;
    }

    /** Accepted with at least one warning. */
    public boolean isFlagged() {
        return reasons.isEmpty() && !warnings.isEmpty();
    }
}
