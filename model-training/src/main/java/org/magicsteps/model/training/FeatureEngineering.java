package org.magicsteps.model.training;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;

import org.magicsteps.core.domain.FeatureSpec;
import org.magicsteps.model.report.ModelReport;

/**
 * Step 4: starting from the raw features (minus the excluded ones), tries each candidate step of
 * {@link FeaturePlan#candidateSteps} in turn with a small grid, and keeps it when the best
 * calibrated validation log-loss falls by at least {@value #MIN_RELATIVE_GAIN_PERCENT} %.
 */
final class FeatureEngineering {

    static final double MIN_RELATIVE_GAIN_PERCENT = 2.0;

    private FeatureEngineering() {
    }

    /**
     * @param plan the features kept
     * @param steps every step tried, in order, with its effect
     */
    record Result(FeaturePlan plan, List<ModelReport.FeatureStep> steps) {
        Result {
            steps = List.copyOf(steps);
        }
    }

    static Result run(TrainingData data, Set<String> excluded, List<ModelSpec> grid, long seed,
            Consumer<String> progress) {
        Set<String> usable = new LinkedHashSet<>(data.specs().stream().map(FeatureSpec::name).toList());
        usable.removeAll(excluded);
        FeaturePlan plan = new FeaturePlan(excluded, List.of());
        double current = ModelSelection.search(plan, grid, data, seed).best().validationLogLoss();
        progress.accept(String.format(Locale.ROOT, "feature engineering: raw features, best validation log-loss %.4f",
                current));
        List<ModelReport.FeatureStep> steps = new ArrayList<>();
        for (FeaturePlan.Step step : FeaturePlan.candidateSteps(usable)) {
            FeaturePlan tried = step.applyTo(plan);
            double with = ModelSelection.search(tried, grid, data, seed).best().validationLogLoss();
            boolean kept = with <= current * (1 - MIN_RELATIVE_GAIN_PERCENT / 100);
            steps.add(new ModelReport.FeatureStep(step.name(), step.description(), current, with, kept));
            progress.accept(String.format(Locale.ROOT, "  %-24s %.4f -> %.4f  %s", step.name(), current, with,
                    kept ? "kept" : "not kept"));
            if (kept) {
                plan = tried;
                current = with;
            }
        }
        return new Result(plan, steps);
    }
}
