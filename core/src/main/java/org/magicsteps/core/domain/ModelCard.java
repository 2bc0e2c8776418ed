package org.magicsteps.core.domain;

import java.util.List;
import java.util.Objects;

/**
 * What a model is for, what it must not be used for, what it was trained on, and how far its
 * figures can be trusted, overall and within groups of students: a model card (Mitchell et al.,
 * "Model Cards for Model Reporting", 2019). A bundle trained by {@code magic-steps train} carries
 * one; an imported model has none.
 *
 * @param intendedUse what the model is meant for, in a sentence or two
 * @param misuse uses it must not be put to, each with the reason
 * @param target what the predicted event is, and how it is defined in the data
 * @param trainingData which data it was trained on
 * @param metrics held-out figures with their 95 % intervals
 * @param calibration how its probabilities were calibrated and how well they are, in words
 * @param groups held-out figures within groups of students (by gender, by phase)
 * @param knownLimits what it does not know or cannot do
 * @param drift how later data compare with the training data; {@link Drift#notMeasured} until a
 *     drift check fills it in
 */
public record ModelCard(
        String intendedUse,
        List<String> misuse,
        String target,
        TrainingData trainingData,
        List<Measure> metrics,
        String calibration,
        List<GroupMeasures> groups,
        List<String> knownLimits,
        Drift drift) {

    public ModelCard {
        Objects.requireNonNull(intendedUse, "intendedUse");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(trainingData, "trainingData");
        Objects.requireNonNull(calibration, "calibration");
        misuse = List.copyOf(misuse);
        metrics = List.copyOf(metrics);
        groups = List.copyOf(groups);
        knownLimits = List.copyOf(knownLimits);
        drift = drift == null ? Drift.notMeasured("") : drift;
    }

    /**
     * @param file the training file's name
     * @param year the PEDE year of the sheet, or {@code null} when unknown
     * @param rows how many students the shipped model was fitted on
     * @param positives how many of them reached the Ponto de Virada
     * @param fingerprint {@code sha256:} and the hex SHA-256 of the file
     * @param split how the file's rows were divided (train, validation, test), in words
     */
    public record TrainingData(String file, Integer year, long rows, long positives, String fingerprint, String split) {
        public TrainingData {
            Objects.requireNonNull(file, "file");
        }
    }

    /**
     * One figure with its 95 % interval.
     *
     * @param metric its name ({@code roc_auc}, {@code brier}, {@code ece}, {@code recall}, …)
     * @param value the point estimate
     * @param low the interval's lower end, or {@code null} when there is none
     * @param high the interval's upper end, or {@code null} when there is none
     * @param measuredOn on which students, in words
     */
    public record Measure(String metric, double value, Double low, Double high, String measuredOn) {
        public Measure {
            Objects.requireNonNull(metric, "metric");
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException(metric + ": " + value + " is not a finite number");
            }
        }
    }

    /**
     * The figures of one group of students.
     *
     * @param feature the feature that defines the group ({@code genero}, {@code fase})
     * @param value the group's value
     * @param students how many held-out students it holds
     * @param positives how many of them reached the Ponto de Virada
     * @param metrics its figures (empty when the group is too small)
     * @param note why figures are missing, or {@code null}
     */
    public record GroupMeasures(String feature, String value, long students, long positives, List<Measure> metrics,
            String note) {
        public GroupMeasures {
            Objects.requireNonNull(feature, "feature");
            Objects.requireNonNull(value, "value");
            metrics = List.copyOf(metrics);
        }
    }

    /**
     * How later data compare with the data the model was trained on.
     *
     * @param status {@code not_measured} until a drift check has run; then its verdict
     * @param comparedWith the data compared, or {@code null}
     * @param findings what was found, most important first
     */
    public record Drift(String status, String comparedWith, List<String> findings) {
        /** The status of a card whose drift has not been measured yet. */
        public static final String NOT_MEASURED = "not_measured";

        public Drift {
            Objects.requireNonNull(status, "status");
            findings = List.copyOf(findings);
        }

        /** No comparison yet; {@code note} says what will fill it in. */
        public static Drift notMeasured(String note) {
            return new Drift(NOT_MEASURED, null, note == null || note.isBlank() ? List.of() : List.of(note));
        }
    }
}
