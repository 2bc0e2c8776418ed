package org.magicsteps.core.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
     * @param status {@code not_measured} until a drift check has run; then its verdict, the worst
     *     level of a feature the model reads over every sheet compared ({@code stable},
     *     {@code moderate}, {@code major})
     * @param comparedWith the data compared (the sheets' file names), or {@code null}
     * @param findings what was found, most important first
     * @param sheets each sheet compared, in the order given; empty when none was (and in cards
     *     written before sheets were recorded)
     */
    public record Drift(String status, String comparedWith, List<String> findings, List<SheetDrift> sheets) {
        /** The status of a card whose drift has not been measured yet. */
        public static final String NOT_MEASURED = "not_measured";

        public Drift {
            Objects.requireNonNull(status, "status");
            findings = List.copyOf(findings);
            sheets = sheets == null ? List.of() : List.copyOf(sheets);
        }

        /** A drift section without per-sheet figures. */
        public Drift(String status, String comparedWith, List<String> findings) {
            this(status, comparedWith, findings, List.of());
        }

        /** No comparison yet; {@code note} says what will fill it in. */
        public static Drift notMeasured(String note) {
            return new Drift(NOT_MEASURED, null, note == null || note.isBlank() ? List.of() : List.of(note));
        }

        /**
         * The drift of the sheets compared: the status is the worst level of a feature the model reads,
         * {@code comparedWith} the files, one finding per sheet.
         *
         * @throws IllegalArgumentException when {@code sheets} is empty
         */
        public static Drift of(List<SheetDrift> sheets) {
            if (sheets.isEmpty()) {
                throw new IllegalArgumentException("a measured drift needs at least one sheet");
            }
            DriftLevel worst = DriftLevel.STABLE;
            for (SheetDrift sheet : sheets) {
                if (sheet.worst().compareTo(worst) > 0) {
                    worst = sheet.worst();
                }
            }
            return new Drift(worst.label(), String.join(", ", sheets.stream().map(SheetDrift::file).toList()),
                    sheets.stream().map(SheetDrift::finding).toList(), sheets);
        }
    }

    /**
     * How one later sheet compares with the training data, over the features the model reads.
     *
     * @param file the sheet's file name
     * @param year its PEDE year, or {@code null} when unknown
     * @param fingerprint {@code sha256:} and the hex SHA-256 of the file, or {@code null}
     * @param rows how many students it holds
     * @param stable how many features the model reads are stable (PSI below 0.1)
     * @param moderate how many are moderate (0.1 to 0.25)
     * @param major how many are major (above 0.25, or without any value)
     * @param mostDrifted the most drifted features the model reads, most drifted first
     */
    public record SheetDrift(String file, Integer year, String fingerprint, long rows, int stable, int moderate,
            int major, List<FeatureShift> mostDrifted) {

        /** How many features {@link #of} lists at most. */
        public static final int MOST_DRIFTED = 5;

        public SheetDrift {
            Objects.requireNonNull(file, "file");
            mostDrifted = List.copyOf(mostDrifted);
        }

        /**
         * The sheet's figures from a drift report: the levels of the features the model reads, and up
         * to {@value #MOST_DRIFTED} of them that drifted (moderately or majorly), most drifted first.
         */
        public static SheetDrift of(DriftReport report, String file, Integer year, String fingerprint) {
            int[] counts = new int[DriftLevel.values().length];
            List<FeatureShift> shifted = new ArrayList<>();
            for (FeatureDrift f : report.mostDriftedFirst()) {
                if (!f.readByModel() || f.level() == null) {
                    continue;
                }
                counts[f.level().ordinal()]++;
                if (f.level() != DriftLevel.STABLE && shifted.size() < MOST_DRIFTED) {
                    shifted.add(new FeatureShift(f.feature(), f.psi(), f.level().label(), f.outsideShare(),
                            f.missingShare()));
                }
            }
            return new SheetDrift(file, year, fingerprint, report.rows(), counts[DriftLevel.STABLE.ordinal()],
                    counts[DriftLevel.MODERATE.ordinal()], counts[DriftLevel.MAJOR.ordinal()], shifted);
        }

        /** The worst level of a feature the model reads. */
        public DriftLevel worst() {
            return major > 0 ? DriftLevel.MAJOR : moderate > 0 ? DriftLevel.MODERATE : DriftLevel.STABLE;
        }

        /** One sentence for people: {@code pede2023.xlsx (PEDE 2023, 1014 students): 3 of the 14 features …}. */
        public String finding() {
            StringBuilder text = new StringBuilder(file).append(" (")
                    .append(year == null ? "" : "PEDE " + year + ", ").append(rows).append(" students): ");
            int read = stable + moderate + major;
            text.append(String.format(Locale.ROOT, "of the %d features the model reads, %d drifted majorly, "
                    + "%d moderately, %d are stable", read, major, moderate, stable));
            if (!mostDrifted.isEmpty()) {
                text.append("; most: ").append(String.join(", ", mostDrifted.stream().map(FeatureShift::text).toList()));
            }
            return text.append('.').toString();
        }
    }

    /**
     * One drifted feature of a sheet.
     *
     * @param feature its canonical name
     * @param psi its population stability index, or {@code null} when no row has it
     * @param level {@code moderate} or {@code major}
     * @param outsideShare the share of its values outside the training range, or {@code null}
     * @param missingShare the share of the sheet's rows without it, or {@code null}
     */
    public record FeatureShift(String feature, Double psi, String level, Double outsideShare, Double missingShare) {
        public FeatureShift {
            Objects.requireNonNull(feature, "feature");
            Objects.requireNonNull(level, "level");
        }

        /** {@code score_ips PSI 6.50 (major, 40.3 % outside the training range, 6.8 % missing)}. */
        public String text() {
            StringBuilder text = new StringBuilder(feature).append(' ');
            text.append(psi == null ? "without any value" : String.format(Locale.ROOT, "PSI %.2f", psi));
            text.append(" (").append(level);
            if (outsideShare != null && outsideShare > 0) {
                text.append(String.format(Locale.ROOT, ", %.1f %% outside the training range",
                        100 * outsideShare));
            }
            if (missingShare != null && missingShare > 0) {
                text.append(String.format(Locale.ROOT, ", %.1f %% missing", 100 * missingShare));
            }
            return text.append(')').toString();
        }
    }
}
