package org.magicsteps.http;

import java.util.List;

import io.javalin.openapi.OpenApiExample;

import org.magicsteps.core.domain.ModelCard;

/**
 * {@code model_card} in {@code GET /info}: the core's {@link ModelCard} with the API's snake_case
 * names.
 */
record ModelCardBody(
        @OpenApiExample("An early warning before IPV is measured: …") String intended_use,
        List<String> misuse,
        @OpenApiExample("'Atingiu PV' (reached the Ponto de Virada) in the PEDE 2022 sheet. …") String target,
        TrainingDataBody training_data,
        List<MeasureBody> metrics,
        String calibration,
        List<GroupBody> groups,
        List<String> known_limits,
        DriftBody drift) {

    static ModelCardBody of(ModelCard card) {
        if (card == null) {
            return null;
        }
        ModelCard.TrainingData t = card.trainingData();
        return new ModelCardBody(card.intendedUse(), card.misuse(), card.target(),
                new TrainingDataBody(t.file(), t.year(), t.rows(), t.positives(), t.fingerprint(), t.split()),
                card.metrics().stream().map(MeasureBody::of).toList(), card.calibration(),
                card.groups().stream().map(g -> new GroupBody(g.feature(), g.value(), g.students(), g.positives(),
                        g.metrics().stream().map(MeasureBody::of).toList(), g.note())).toList(),
                card.knownLimits(),
                DriftBody.of(card.drift()));
    }

    /** Which data the model was trained on. */
    record TrainingDataBody(@OpenApiExample("pede2022.xlsx") String file, @OpenApiExample("2022") Integer year,
            @OpenApiExample("550") long rows, @OpenApiExample("72") long positives, String fingerprint,
            String split) {
    }

    /** One figure and its 95 % interval ({@code low}/{@code high} null when it has none). */
    record MeasureBody(@OpenApiExample("roc_auc") String metric, @OpenApiExample("0.86") double value,
            @OpenApiExample("0.75") Double low, @OpenApiExample("0.95") Double high, String measured_on) {
        static MeasureBody of(ModelCard.Measure m) {
            return new MeasureBody(m.metric(), m.value(), m.low(), m.high(), m.measuredOn());
        }
    }

    /** The figures of one group of students. */
    record GroupBody(@OpenApiExample("genero") String feature, @OpenApiExample("menina") String value,
            @OpenApiExample("70") long students, @OpenApiExample("9") long positives, List<MeasureBody> metrics,
            String note) {
    }

    /** How later data compare with the training data; {@code sheets} per sheet compared ({@code []} before any). */
    record DriftBody(@OpenApiExample("major") String status, @OpenApiExample("pede2023.xlsx") String compared_with,
            List<String> findings, List<SheetDriftBody> sheets) {
        static DriftBody of(ModelCard.Drift drift) {
            return new DriftBody(drift.status(), drift.comparedWith(), drift.findings(), drift.sheets().stream()
                    .map(s -> new SheetDriftBody(s.file(), s.year(), s.fingerprint(), s.rows(), s.stable(),
                            s.moderate(), s.major(), s.mostDrifted().stream().map(f -> new FeatureShiftBody(
                                    f.feature(), f.psi(), f.level(), f.outsideShare(), f.missingShare())).toList()))
                    .toList());
        }
    }

    /** One later sheet against the training data: the levels of the features the model reads, the most drifted. */
    record SheetDriftBody(@OpenApiExample("pede2023.xlsx") String file, @OpenApiExample("2023") Integer year,
            String fingerprint, @OpenApiExample("1014") long rows, @OpenApiExample("5") int stable,
            @OpenApiExample("6") int moderate, @OpenApiExample("3") int major, List<FeatureShiftBody> most_drifted) {
    }

    /** One drifted feature: PSI, level, the shares outside the training range and missing. */
    record FeatureShiftBody(@OpenApiExample("score_ips") String feature, @OpenApiExample("6.5") Double psi,
            @OpenApiExample("major") String level, @OpenApiExample("0.403") Double outside_share,
            @OpenApiExample("0.068") Double missing_share) {
    }
}
