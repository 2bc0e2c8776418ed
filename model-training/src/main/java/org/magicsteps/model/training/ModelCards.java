package org.magicsteps.model.training;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.magicsteps.core.domain.DriftLevel;
import org.magicsteps.core.domain.ModelCard;
import org.magicsteps.model.evaluation.Estimate;
import org.magicsteps.model.evaluation.Evaluation;
import org.magicsteps.model.evaluation.GroupEvaluation;
import org.magicsteps.model.evaluation.LabelledSheet.Student;
import org.magicsteps.model.report.ModelReport;

/**
 * Writes the model card of a trained bundle from what training measured. What the card says a
 * model is for follows from what it reads: a model that reads IPV restates the PV rule; one that
 * reads what the PEDE methodology computes from IPV (INDE, the rankings, this year's stone)
 * rebuilds it; only one free of both warns before IPV is measured.
 */
final class ModelCards {

    private static final Pattern YEAR = Pattern.compile("(20\\d\\d)");

    private ModelCards() {
    }

    /** What a model's inputs allow it to be. */
    enum Kind {
        /** Reads IPV: restates the rule that defines the target. */
        RESTATES_RULE,
        /** Reads what is computed from IPV: rebuilds it. */
        REBUILDS_IPV,
        /** Reads neither: an early warning before IPV is measured. */
        EARLY_WARNING;

        static Kind of(Set<String> read) {
            if (read.contains("score_ipv")) {
                return RESTATES_RULE;
            }
            return OriginalFeatures.computedFrom("score_ipv").stream().anyMatch(read::contains) ? REBUILDS_IPV
                    : EARLY_WARNING;
        }
    }

    /**
     * Everything the card is made from.
     *
     * @param read the raw features the model reads
     * @param spec the chosen model family and settings
     * @param data the training data and its split
     * @param refitRows how many rows the shipped model was fitted on, and how many of them reached the PV
     * @param test the test evaluation of the shipped model
     * @param groups the same within groups of the test split
     * @param calibration the calibration and what it changed
     * @param cv the cross-validation of the recipe
     * @param absentShare for each optional earlier-year feature, the share of the sheet's students without it
     */
    record Facts(Set<String> read, ModelSpec spec, TrainingData data, ModelReport.Counts refitRows, Evaluation test,
            List<GroupEvaluation> groups, ModelReport.CalibrationSummary calibration, ModelReport.CrossValidation cv,
            Map<String, Double> absentShare) {
    }

    /** The card of a model whose drift on later sheets has not been measured. */
    static ModelCard of(Facts facts) {
        return of(facts, ModelCard.Drift.notMeasured("No later sheet has been compared with this model's training "
                + "data yet; train --drift-data fills this section in."));
    }

    /**
     * The card with the drift of later sheets: its {@code drift} section, and among the known limits how
     * each sheet's students differ from the training data.
     */
    static ModelCard of(Facts facts, ModelCard.Drift drift) {
        Kind kind = Kind.of(facts.read());
        String file = facts.data().sheet().file().getFileName().toString();
        Integer year = year(file);
        String yearText = year == null ? "the training sheet's year" : Integer.toString(year);
        String testRows = String.format(Locale.ROOT, "the held-out test split (%d students, %d reached the PV)",
                facts.test().rows(), facts.test().positives());
        return new ModelCard(intendedUse(kind, facts.read()), misuse(kind, yearText),
                target(facts.data(), yearText) + fittedTo(facts.spec()),
                new ModelCard.TrainingData(file, year, facts.refitRows().rows(), facts.refitRows().positives(),
                        facts.data().sheet().fingerprint(), String.format(Locale.ROOT, "%d students, split stratified "
                                + "60/20/20 into train %d, validation %d and test %d; the shipped model is fitted on "
                                + "train + validation, the test split is held out", facts.data().all().size(),
                                facts.data().train().size(), facts.data().validation().size(),
                                facts.data().test().size())),
                metrics(facts, testRows), calibration(facts.calibration(), facts.test(), facts.data().validation()),
                groups(facts.groups(), testRows), limits(kind, facts, yearText, drift), drift);
    }

    private static String intendedUse(Kind kind, Set<String> read) {
        return switch (kind) {
            case RESTATES_RULE -> "Restates the PEDE rule for the Ponto de Virada, IPV ≥ 8.35, from the indicators of "
                    + "students already assessed: a check of 'Atingiu PV' where IPV is known. It adds nothing that "
                    + "IPV ≥ 8.35 does not say, and it cannot warn before IPV is measured.";
            case REBUILDS_IPV -> "Scores students whose INDE, rankings and stone of this year are known; those are "
                    + "computed from IPV, so the model rebuilds IPV from them and, like the rule IPV ≥ 8.35, can be used "
                    + "only after this year's assessment. It is not an early warning.";
            case EARLY_WARNING -> "An early warning before IPV is measured: how likely each student is to reach the "
                    + "Ponto de Virada this year, from what is known before the IPV assessment ("
                    + String.join(", ", new TreeSet<>(read)) + "), so that the NGO's staff can see who may need "
                    + "attention early. A ranking to look at, not a verdict about a student.";
        };
    }

    private static List<String> misuse(Kind kind, String year) {
        List<String> misuse = new ArrayList<>();
        misuse.add("Deciding about a student on its own: the Ponto de Virada is awarded by the NGO's assessment "
                + "(IPV ≥ 8.35), not by this model; a probability is a prompt to look, not a judgement.");
        if (kind != Kind.EARLY_WARNING) {
            misuse.add("Using it as an early warning: it needs IPV, or INDE, the rankings and the stone computed from "
                    + "it, which exist only after the assessment it would forecast.");
        }
        misuse.add("Comparing girls with boys, or one phase with another, by its scores: the group figures below come "
                + "from a few students each and their intervals overlap.");
        misuse.add("Scoring another year's students as if they were " + year + "'s without checking how that year's "
                + "data drift from the training data; its probabilities assume " + year + "'s share of students who "
                + "reached the PV.");
        return misuse;
    }

    /** What the target is, and (when the sheet has IPV) the threshold that separates it in the data. */
    private static String target(TrainingData data, String year) {
        StringBuilder target = new StringBuilder("'Atingiu PV' (reached the Ponto de Virada) in the PEDE " + year
                + " sheet.");
        double highestNo = Double.NEGATIVE_INFINITY;
        double lowestYes = Double.POSITIVE_INFINITY;
        for (Student s : data.all()) {
            OptionalDouble ipv = s.features().number("score_ipv");
            if (ipv.isEmpty()) {
                continue;
            }
            if (s.reached()) {
                lowestYes = Math.min(lowestYes, ipv.getAsDouble());
            } else {
                highestNo = Math.max(highestNo, ipv.getAsDouble());
            }
        }
        if (highestNo < lowestYes && Double.isFinite(highestNo) && Double.isFinite(lowestYes)) {
            target.append(String.format(Locale.ROOT, " In this sheet it is exactly the rule IPV ≥ 8.35: the highest "
                    + "IPV of a student who did not reach it is %.3f, the lowest of one who did %.3f.", highestNo,
                    lowestYes));
        } else if (Double.isFinite(highestNo) && Double.isFinite(lowestYes)) {
            target.append(String.format(Locale.ROOT, " In this sheet IPV does not separate it exactly (highest IPV "
                    + "without it %.3f, lowest with it %.3f).", highestNo, lowestYes));
        }
        return target.toString();
    }

    /** For a family fitted to IPV, what that means: IPV was its training target, never an input. */
    private static String fittedTo(ModelSpec spec) {
        return spec instanceof ModelSpec.IpvRidge || spec instanceof ModelSpec.IpvBoostedTrees
                ? " This model was fitted to IPV itself (how far each training student's IPV lay from the threshold), "
                        + "used as its training target only: it never reads IPV, and gives the probability that a "
                        + "student's IPV will reach the threshold, calibrated on the validation split."
                : "";
    }

    private static List<ModelCard.Measure> metrics(Facts facts, String testRows) {
        List<ModelCard.Measure> metrics = new ArrayList<>();
        facts.test().estimates().forEach((name, estimate) -> metrics.add(measure(name, estimate, testRows)));
        ModelReport.CrossValidation cv = facts.cv();
        metrics.add(new ModelCard.Measure("cv_roc_auc", cv.mean(), null, null, String.format(Locale.ROOT,
                "%d-fold cross-validation on the training split: mean of the folds (sd %.3f)", cv.folds(), cv.sd())));
        return metrics;
    }

    private static String calibration(ModelReport.CalibrationSummary c, Evaluation test, List<Student> validation) {
        return String.format(Locale.ROOT, "Platt scaling fitted on the validation split (%d students, %d reached the "
                + "PV): calibrated log-odds = %.4f · s %s %.4f, s being the model's own log-odds; folded into the graph "
                + "and clipped to ±%.0f, so no probability is exactly 0 or 1. Expected calibration error on the test "
                + "split %s (before calibration %s).", validation.size(), TrainingData.positivesOf(validation),
                c.scale(), c.shift() < 0 ? "−" : "+", Math.abs(c.shift()), c.logOddsLimit(), test.ece().text(),
                c.uncalibrated().ece().text());
    }

    private static List<ModelCard.GroupMeasures> groups(List<GroupEvaluation> groups, String testRows) {
        List<ModelCard.GroupMeasures> out = new ArrayList<>();
        for (GroupEvaluation g : groups) {
            List<ModelCard.Measure> metrics = new ArrayList<>();
            String on = "the group's students in " + testRows;
            if (g.rocAuc() != null) {
                metrics.add(measure("roc_auc", g.rocAuc(), on));
                metrics.add(measure("brier", g.brier(), on));
                metrics.add(measure("recall", g.recall(), on));
                metrics.add(measure("precision", g.precision(), on));
            }
            metrics.add(new ModelCard.Measure("mean_predicted", g.meanPredicted(), null, null, on));
            metrics.add(new ModelCard.Measure("observed_rate", g.observedRate(), null, null, on));
            out.add(new ModelCard.GroupMeasures(g.feature(), g.value(), g.students(), g.positives(), metrics, g.note()));
        }
        return out;
    }

    private static List<String> limits(Kind kind, Facts facts, String year, ModelCard.Drift drift) {
        List<String> limits = new ArrayList<>();
        String trained = "Trained on the PEDE " + year + " sheet only (" + facts.refitRows().rows() + " students, "
                + facts.refitRows().positives() + " of whom reached the PV)";
        if (drift.sheets().isEmpty()) {
            limits.add(trained + "; it has not been checked on any later year.");
        } else {
            limits.add(trained + "; its figures were not measured on any other year, only how other years' students "
                    + "differ from the training students (drift, below).");
            drift.sheets().forEach(sheet -> limits.add(driftLimit(sheet)));
        }
        limits.add(String.format(Locale.ROOT, "Its figures come from %d held-out students of whom %d reached the PV: "
                + "read the intervals, not the decimals.", facts.test().rows(), facts.test().positives()));
        if (kind == Kind.RESTATES_RULE) {
            limits.add("Its near-perfect figures come from reading IPV, which defines the target; they say nothing "
                    + "about foreseeing it.");
        } else if (kind == Kind.REBUILDS_IPV) {
            limits.add("INDE, the rankings Cg/Cf/Ct and the stone are computed from IPV, so its figures come mostly "
                    + "from IPV rebuilt; later PEDE sheets leave Cg, Cf and Ct empty.");
        } else {
            limits.add("It sees neither IPV nor anything computed from it, so it misses what only the IPV assessment "
                    + "shows; its errors are the price of warning early.");
        }
        facts.absentShare().forEach((feature, share) -> limits.add(String.format(Locale.ROOT, "%s is unknown for "
                + "%.0f %% of the training sheet's students (new that year); for them the model relies on the other "
                + "inputs.", feature, 100 * share)));
        limits.add("The groups by gender and phase hold few students each in the test split; a group with fewer than "
                + GroupEvaluation.MIN_PER_CLASS + " students of either class gets no figures at all.");
        return limits;
    }

    /** What one later sheet's drift means for the model's figures there. */
    private static String driftLimit(ModelCard.SheetDrift sheet) {
        String which = sheet.file() + (sheet.year() == null ? "" : " (PEDE " + sheet.year() + ")");
        if (sheet.worst() == DriftLevel.STABLE) {
            return "On " + which + " every feature the model reads is stable (PSI below 0.1): its students look like "
                    + "the training students, though whether they reach the PV at the same rate is not known.";
        }
        return String.format(Locale.ROOT, "On %s %d of the features the model reads drifted majorly and %d moderately "
                + "from the training data: %s. Its probabilities there are a ranking to look at, not calibrated "
                + "chances, until it is retrained on that year.", which, sheet.major(), sheet.moderate(),
                String.join(", ", sheet.mostDrifted().stream().map(ModelCard.FeatureShift::text).toList()));
    }

    private static ModelCard.Measure measure(String name, Estimate e, String on) {
        return new ModelCard.Measure(name, e.value(), e.low(), e.high(), on);
    }

    private static Integer year(String file) {
        Matcher m = YEAR.matcher(file);
        return m.find() ? Integer.valueOf(m.group(1)) : null;
    }
}
