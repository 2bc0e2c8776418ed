package org.magicsteps.model.training;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.magicsteps.model.bundle.DerivedFeature;
import org.magicsteps.model.bundle.DerivedFeature.Expression;

/**
 * What a model reads: every raw feature except the ignored ones (excluded by the user, or dropped
 * because dropping helped), then the derived features kept.
 *
 * @param ignored raw features the model is not fed (still accepted and validated by the API)
 * @param derived derived features, in input order
 */
record FeaturePlan(Set<String> ignored, List<Derived> derived) {

    FeaturePlan {
        ignored = Set.copyOf(ignored);
        derived = List.copyOf(derived);
    }

    /** A candidate derived feature, before its scaling is fitted. */
    record Derived(String name, String description, Expression expression) {
    }

    /** One change that feature engineering tries; kept only when it helps on validation data. */
    sealed interface Step {
        String name();

        String description();

        FeaturePlan applyTo(FeaturePlan plan);
    }

    /** Adds a derived feature. */
    record AddDerived(Derived derived) implements Step {
        @Override public String name() { return derived.name(); }
        @Override public String description() { return "add " + derived.description(); }
        @Override public FeaturePlan applyTo(FeaturePlan plan) {
            List<Derived> more = new ArrayList<>(plan.derived());
            more.add(derived);
            return new FeaturePlan(plan.ignored(), more);
        }
    }

    /** Stops feeding a raw feature to the model. */
    record Ignore(String feature, String why) implements Step {
        @Override public String name() { return "drop_" + feature; }
        @Override public String description() { return "drop " + feature + " (" + why + ")"; }
        @Override public FeaturePlan applyTo(FeaturePlan plan) {
            Set<String> more = new LinkedHashSet<>(plan.ignored());
            more.add(feature);
            return new FeaturePlan(more, plan.derived());
        }
    }

    /**
     * The feature engineering the original pipeline tried, restricted to what {@code usable}
     * features allow (an excluded feature never enters a derived one: the mean of the scores
     * without {@code score_ipv} is the mean of six), in the order they are tried.
     */
    static List<Step> candidateSteps(Set<String> usable) {
        List<Step> steps = new ArrayList<>();
        List<String> scores = present(usable, "score_inde", "score_iaa", "score_ieg", "score_ips", "score_ida",
                "score_ipv", "score_ian");
        if (scores.size() >= 2) {
            steps.add(new AddDerived(new Derived("mean_scores", "the mean of the indicator scores ("
                    + String.join(", ", scores) + ")", new Expression.Mean(scores))));
        }
        List<String> rankings = present(usable, "nota_cg", "nota_cf", "nota_ct");
        if (rankings.size() >= 2) {
            steps.add(new AddDerived(new Derived("mean_rankings", "the mean of the rankings ("
                    + String.join(", ", rankings) + ")", new Expression.Mean(rankings))));
        }
        if (usable.containsAll(List.of("num_avaliacoes", "fase"))) {
            // Phase 0 exists, hence the + 1.
            steps.add(new AddDerived(new Derived("assessments_per_phase", "assessments per phase: num_avaliacoes / "
                    + "(fase + 1)", new Expression.Ratio("num_avaliacoes", "fase", 1.0))));
        }
        for (String feature : List.of("score_inde", "num_avaliacoes")) {
            if (usable.contains(feature)) {
                steps.add(new AddDerived(new Derived(feature + "_squared", "the square of " + feature,
                        new Expression.Product(List.of(feature, feature)))));
            }
        }
        for (String feature : List.of("score_inde", "num_avaliacoes")) {
            if (usable.containsAll(List.of("fase", feature))) {
                steps.add(new AddDerived(new Derived("fase_x_" + feature, "the product fase × " + feature,
                        new Expression.Product(List.of("fase", feature)))));
            }
        }
        if (usable.contains("turma")) {
            steps.add(new Ignore("turma", "class letters are reassigned every year, so a letter may carry no "
                    + "lasting meaning"));
        }
        return steps;
    }

    private static List<String> present(Set<String> usable, String... names) {
        return java.util.Arrays.stream(names).filter(usable::contains).toList();
    }

    /** The bundle's derived feature for a candidate, with its fitted transform. */
    static DerivedFeature bundled(Derived derived, org.magicsteps.model.bundle.Transform transform) {
        return new DerivedFeature(derived.name(), derived.description(), derived.expression(), transform);
    }
}
