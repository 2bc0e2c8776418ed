package org.magicsteps.model.training;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import org.magicsteps.model.evaluation.Evaluation;
import org.magicsteps.model.report.ModelReport;

/**
 * The report's prose: what the leakage check found, and the caveats a reader needs before
 * trusting the numbers. Kept apart from the pipeline so that the steps compute and this class
 * explains.
 */
final class TrainingNotes {

    private TrainingNotes() {
    }

    /** The leakage check's conclusions, strongest first. */
    static List<String> leakageFindings(LeakageCheck.Result leakage, Set<String> excluded) {
        List<String> findings = new ArrayList<>();
        for (LeakageCheck.SingleFeature f : leakage.flagged()) {
            findings.add(String.format(Locale.ROOT, "%s alone has ROC-AUC %.3f on the training split (>= %.2f)%s",
                    f.feature(), f.rocAuc(), LeakageCheck.FLAG_AUC, f.excluded() ? "; it is excluded from this model"
                            : "; this model reads it, so its predictions mostly restate it: train with --exclude "
                                    + f.feature() + " for an early warning made before it is measured"));
        }
        // Only proxies strong enough to flag, and carried by features computed from the excluded one, make a
        // finding; the report's table lists them all.
        for (LeakageCheck.Proxy p : leakage.proxies().stream().filter(p -> p.flagged() && leaks(p, excluded))
                .toList()) {
            StringBuilder finding = new StringBuilder(String.format(Locale.ROOT, "%s is excluded, but the other "
                    + "features reconstruct it with R² %.2f, and that reconstruction alone reaches ROC-AUC %.3f on the "
                    + "validation split: the model is not free of %s", p.excluded(), p.r2(), p.rocAuc(), p.excluded()));
            if (!p.carriers().isEmpty()) {
                finding.append(". Peeling off what carries it: ");
                finding.append(String.join("; ", p.carriers().stream().map(c -> String.format(Locale.ROOT,
                        "without %s R² %.2f, ROC-AUC %.3f", c.feature(), c.r2(), c.rocAuc())).toList()));
            }
            findings.add(finding.append('.').toString());
        }
        for (String source : new TreeSet<>(excluded)) {
            List<String> read = OriginalFeatures.computedFrom(source).stream().filter(f -> !excluded.contains(f))
                    .toList();
            if (read.isEmpty()) {
                continue;
            }
            Set<String> strict = new TreeSet<>(excluded);
            strict.addAll(read);
            findings.add("By the PEDE methodology " + String.join(", ", read) + " are computed from " + source
                    + " (" + String.join("; ", read.stream().map(OriginalFeatures.DERIVATIONS::get).toList())
                    + "), and this model reads them: it is not free of " + source + ", and they exist only once "
                    + source + " is measured. A model free of it: --exclude " + String.join(",", strict) + ".");
        }
        return findings;
    }

    /**
     * Whether a strong reconstruction of an excluded feature is a leak: some remaining feature is
     * computed from it by the PEDE methodology. Otherwise the remaining features are indicators
     * measured apart from it that predict it, which is what a model of the target should use.
     */
    static boolean leaks(LeakageCheck.Proxy proxy, Set<String> excluded) {
        List<String> computed = OriginalFeatures.computedFrom(proxy.excluded());
        return computed.stream().anyMatch(f -> !excluded.contains(f));
    }

    /** What the leakage check found that is not a leak: strong proxies made of independent indicators. */
    static List<String> proxyNotes(LeakageCheck.Result leakage, Set<String> excluded) {
        return leakage.proxies().stream().filter(p -> p.flagged() && !leaks(p, excluded)).map(p -> String.format(
                Locale.ROOT, "The remaining features predict %s with R² %.2f (that prediction alone ranks the "
                        + "validation split with ROC-AUC %.3f). None of them is computed from %s by the PEDE "
                        + "methodology: they are other indicators of the same students, which is how a model without "
                        + "%s can still foresee the PV, not a way for %s to leak in.", p.excluded(), p.r2(),
                p.rocAuc(), p.excluded(), p.excluded(), p.excluded())).toList();
    }

    /** The caveats, in order of importance. */
    static List<String> notes(Evaluation evaluation, ModelReport.CalibrationSummary calibration, Set<String> excluded,
            java.util.Map<String, Double> includedAbsentShare, LeakageCheck.Result leakage, ModelSpec winner) {
        List<String> notes = new ArrayList<>();
        notes.add(String.format(Locale.ROOT, "The test split holds only %d students who reached the PV: every test "
                + "metric comes with a 95 %% bootstrap interval, and the intervals, not the second decimals, are the "
                + "result.", evaluation.positives()));
        if (evaluation.degenerateIntervalsNote() != null) {
            notes.add(evaluation.degenerateIntervalsNote());
        }
        notes.add(String.format(Locale.ROOT, "Probabilities are calibrated by Platt scaling fitted on the validation "
                + "split (log-odds %.3f · s %s %.3f) and clipped to log-odds ±%.0f, so none is ever exactly 0 or 1. On "
                + "the test split the expected calibration error is %s after calibration and %s before it.",
                calibration.scale(), calibration.shift() < 0 ? "−" : "+", Math.abs(calibration.shift()),
                calibration.logOddsLimit(), evaluation.ece().text(), calibration.uncalibrated().ece().text()));
        if (winner.weighting() != ModelSpec.Weighting.NONE) {
            notes.add("Positives weighed " + winner.weighting().label() + " in training (training rows only, no row "
                    + "synthesised); the calibration on the validation split brings the probabilities back to the "
                    + "observed rates.");
        }
        notes.add("Hyper-parameters and boosting rounds were chosen by cross-validation inside the training split, "
                + "features, calibration and threshold on the validation split, so the cross-validated and validation "
                + "figures are optimistic; the test figures are not, but they describe one small sample.");
        notes.addAll(proxyNotes(leakage, excluded));
        boolean readsFlagged = leakage.flagged().stream().anyMatch(f -> !f.excluded());
        if (readsFlagged) {
            notes.add("This model reads a feature that practically defines the target (see the leakage check): its "
                    + "scores are near perfect because the answer is among its inputs, not because it foresees anything.");
        }
        if (!excluded.isEmpty()) {
            notes.add("Excluded features (" + String.join(", ", new TreeSet<>(excluded)) + ") are still accepted by "
                    + "the API, as optional, and ignored by the model.");
        }
        includedAbsentShare.forEach((feature, share) -> notes.add(String.format(Locale.ROOT, "%s is an optional "
                + "input: a student new this year has none, and the model scores that absence as it learned it "
                + "(%.0f %% of the training sheet's students lack it).", feature, 100 * share)));
        return notes;
    }
}
