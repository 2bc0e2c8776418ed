package org.magicsteps.core.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the PEDE data can hold, whatever year a model was trained on: indicators and INDE 0–10,
 * phases 0–9 (ALFA is 0, 8 the university students), the year of joining from 2000 to the current
 * year, ages 4–30, 0–10 assessments, rankings from 1, a phase gap of −9 to 9. Validation follows
 * these bounds, not the bounds of one year's training sample, so that next year's students are
 * scored (and flagged where the model never saw their like, see {@link TrainedValues}).
 */
public final class PedeDomain {

    /**
     * How far outside a bound a value may lie and still be read as the bound: the sheets carry
     * floating noise such as an IAA of 10.002 or an IPV of 10.01.
     */
    public static final double NOISE = 0.05;

    /** The first year the programme's sheets record. */
    public static final int FIRST_YEAR = 2000;

    /**
     * Inclusive bounds of one feature.
     *
     * @param minimum the smallest value, or {@code null} for none
     * @param maximum the largest value, or {@code null} for none
     */
    public record Bounds(Double minimum, Double maximum) {
    }

    private static final Bounds INDICATOR = new Bounds(0.0, 10.0);
    private static final Bounds RANKING = new Bounds(1.0, null);

    private final Map<String, Bounds> bounds;

    private PedeDomain(int currentYear) {
        if (currentYear < FIRST_YEAR) {
            throw new IllegalArgumentException("the current year " + currentYear + " is before " + FIRST_YEAR);
        }
        bounds = Map.ofEntries(
                Map.entry("fase", new Bounds(0.0, 9.0)),
                Map.entry("idade", new Bounds(4.0, 30.0)),
                Map.entry("ano_ingresso", new Bounds((double) FIRST_YEAR, (double) currentYear)),
                Map.entry("score_inde", INDICATOR),
                Map.entry("score_iaa", INDICATOR),
                Map.entry("score_ieg", INDICATOR),
                Map.entry("score_ips", INDICATOR),
                Map.entry("score_ida", INDICATOR),
                Map.entry("score_ipv", INDICATOR),
                Map.entry("score_ian", INDICATOR),
                Map.entry("nota_cg", RANKING),
                Map.entry("nota_cf", RANKING),
                Map.entry("nota_ct", RANKING),
                Map.entry("num_avaliacoes", new Bounds(0.0, 10.0)),
                Map.entry("defasagem", new Bounds(-9.0, 9.0)));
    }

    /**
     * The domain as of {@code currentYear}, the latest year a student may have joined.
     *
     * @throws IllegalArgumentException when {@code currentYear} is before {@value #FIRST_YEAR}
     */
    public static PedeDomain of(int currentYear) {
        return new PedeDomain(currentYear);
    }

    /** The bounds of a canonical PEDE feature; empty for a name the domain does not know. */
    public Optional<Bounds> bounds(String feature) {
        return Optional.ofNullable(bounds.get(feature));
    }

    /**
     * The same schema, each numeric PEDE feature also accepting its whole domain. Nothing the
     * schema accepted is refused afterwards; other features are left as they are.
     */
    public FeatureSchema widen(FeatureSchema schema) {
        List<FeatureSpec> widened = new ArrayList<>(schema.features().size());
        for (FeatureSpec spec : schema.features()) {
            Bounds b = bounds.get(spec.name());
            widened.add(b == null || !spec.type().isNumeric() ? spec : spec.widenedTo(b.minimum(), b.maximum()));
        }
        return new FeatureSchema(widened);
    }

    /**
     * {@code value}, or the bound it lies within {@link #NOISE} of (outside the domain); values
     * further out are left for validation to refuse.
     */
    public double withoutNoise(String feature, double value) {
        Bounds b = bounds.get(feature);
        if (b == null) {
            return value;
        }
        if (b.maximum() != null && value > b.maximum() && value <= b.maximum() + NOISE) {
            return b.maximum();
        }
        if (b.minimum() != null && value < b.minimum() && value >= b.minimum() - NOISE) {
            return b.minimum();
        }
        return value;
    }
}
