package org.magicsteps.http;

import java.util.ArrayList;
import java.util.List;

import io.javalin.openapi.OpenApiExample;

import org.magicsteps.core.domain.DriftReport;
import org.magicsteps.core.domain.FeatureDrift;

/** The drift report on the wire ({@code GET /monitor/drift}). */
final class DriftBodies {

    private DriftBodies() {
    }

    /**
     * How the features of the predictions logged in a window compare with the model's training data.
     *
     * @param major whether a feature the model reads drifted majorly (PSI above 0.25, or no value at all)
     * @param features most drifted first
     */
    record DriftBody(
            @OpenApiExample("default") String model,
            @OpenApiExample("default-40ee31d632db") String model_version,
            @OpenApiExample("2024-05-01T00:00:00Z") String from,
            @OpenApiExample("2024-05-02T00:00:00Z") String to,
            @OpenApiExample("1200") long rows,
            @OpenApiExample("false") boolean major,
            List<FeatureDriftBody> features) {

        static DriftBody of(DriftReport report) {
            return new DriftBody(report.modelName(), report.modelVersion(), text(report.from()), text(report.to()),
                    report.rows(), report.anyMajor(), report.mostDriftedFirst().stream().map(FeatureDriftBody::of)
                            .toList());
        }

        private static String text(Object instant) {
            return instant == null ? null : instant.toString();
        }
    }

    /**
     * One feature: the population stability index over the training bins (an empty bin counts as a
     * share of 1e-4), its level, and the shares of values missing or outside the training range.
     *
     * @param read_by_model false for a feature the model accepts and ignores
     * @param psi {@code null} when there is nothing to compare (no training reference, or no row)
     * @param level {@code stable} (PSI below 0.1), {@code moderate} (0.1–0.25), {@code major}; {@code null} with no PSI,
     *     unless every row lacks the value ({@code major})
     */
    record FeatureDriftBody(
            @OpenApiExample("score_ipv") String feature,
            @OpenApiExample("true") boolean read_by_model,
            @OpenApiExample("0.031") Double psi,
            @OpenApiExample("stable") String level,
            @OpenApiExample("1200") long rows,
            @OpenApiExample("0.0") Double missing_share,
            @OpenApiExample("0.0") Double training_missing_share,
            @OpenApiExample("0.004") Double outside_share,
            List<BinBody> bins) {

        static FeatureDriftBody of(FeatureDrift f) {
            List<BinBody> bins = new ArrayList<>(f.bins().size());
            List<Double> training = f.referenceShares();
            List<Double> current = f.currentShares();
            for (int i = 0; i < f.bins().size(); i++) {
                bins.add(new BinBody(f.bins().get(i), training.isEmpty() ? null : training.get(i), current.get(i)));
            }
            return new FeatureDriftBody(f.feature(), f.readByModel(), f.psi(), f.level() == null ? null
                    : f.level().label(), f.rows(), f.missingShare(), f.referenceMissingShare(), f.outsideShare(), bins);
        }
    }

    /** One training bin: its share of the training rows and of the window's rows that have a value. */
    record BinBody(
            @OpenApiExample("6.8–7.5") String bin,
            @OpenApiExample("0.21") Double training_share,
            @OpenApiExample("0.19") double current_share) {
    }
}
