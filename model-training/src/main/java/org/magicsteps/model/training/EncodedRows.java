package org.magicsteps.model.training;

import java.util.List;
import java.util.OptionalDouble;

import org.magicsteps.model.evaluation.LabelledSheet.Student;

/**
 * Rows as a model is trained on them: the encoded inputs, the target, and each row's IPV, which
 * some families fit as their training target (never as an input; {@code NaN} where a row has none).
 *
 * @param x one encoded row per student
 * @param y whether each reached the Ponto de Virada
 * @param ipv each student's IPV, or {@code NaN}
 */
record EncodedRows(float[][] x, boolean[] y, double[] ipv) {

    /** The column of IPV in a sheet read for training. */
    static final String IPV = "score_ipv";

    static EncodedRows of(Encoding encoding, List<Student> rows) {
        double[] ipv = new double[rows.size()];
        for (int i = 0; i < ipv.length; i++) {
            ipv[i] = rows.get(i).features().number(IPV).orElse(Double.NaN);
        }
        return new EncodedRows(encoding.encode(rows), TrainingData.targetsOf(rows), ipv);
    }

    int size() {
        return y.length;
    }

    /**
     * The PEDE rule behind the target, as these rows show it: {@code Atingiu PV} is {@code IPV ≥ t}.
     * When every row has an IPV and the lowest IPV of those who reached the PV lies above the highest
     * of those who did not, the rule holds exactly and {@code t} is the midpoint (8.354 in the 2022
     * sheet, between 8.333 and 8.375; the methodology says 8.35). Otherwise there is no such rule.
     */
    OptionalDouble ipvRule() {
        double highestNo = Double.NEGATIVE_INFINITY;
        double lowestYes = Double.POSITIVE_INFINITY;
        for (int i = 0; i < y.length; i++) {
            if (Double.isNaN(ipv[i])) {
                return OptionalDouble.empty();
            }
            if (y[i]) {
                lowestYes = Math.min(lowestYes, ipv[i]);
            } else {
                highestNo = Math.max(highestNo, ipv[i]);
            }
        }
        return highestNo < lowestYes && Double.isFinite(highestNo) && Double.isFinite(lowestYes)
                ? OptionalDouble.of((highestNo + lowestYes) / 2) : OptionalDouble.empty();
    }
}
