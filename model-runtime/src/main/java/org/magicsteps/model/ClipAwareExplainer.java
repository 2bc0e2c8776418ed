package org.magicsteps.model;

import java.util.ArrayList;
import java.util.List;

import org.magicsteps.core.domain.Explanation;
import org.magicsteps.core.domain.StudentFeatures;
import org.magicsteps.core.port.Explainer;
import org.magicsteps.model.bundle.InputEncoder;

/**
 * Explains a model whose log-odds is affine in its input but clipped (a calibrated model bounds its
 * log-odds, at ±16 for instance): a student the clip leaves alone is explained exactly, as the
 * affine model; a student at the clip, where the answer no longer moves with the input, by Kernel
 * SHAP, which is additive for any graph. Each explanation names its method.
 */
final class ClipAwareExplainer implements Explainer {

    private final AffineLogOdds affine;
    private final InputEncoder encoder;
    private final Explainer linear;
    private final Explainer kernel;

    ClipAwareExplainer(AffineLogOdds affine, InputEncoder encoder, Explainer linear, Explainer kernel) {
        this.affine = affine;
        this.encoder = encoder;
        this.linear = linear;
        this.kernel = kernel;
    }

    @Override
    public List<Explanation> explain(List<StudentFeatures> students) {
        List<StudentFeatures> inside = new ArrayList<>();
        List<StudentFeatures> clipped = new ArrayList<>();
        boolean[] isClipped = new boolean[students.size()];
        float[] row = new float[encoder.width()];
        for (int i = 0; i < students.size(); i++) {
            encoder.encode(students.get(i).values(), row, 0);
            isClipped[i] = affine.clips(row, 0);
            (isClipped[i] ? clipped : inside).add(students.get(i));
        }
        List<Explanation> exact = inside.isEmpty() ? List.of() : linear.explain(inside);
        List<Explanation> shap = clipped.isEmpty() ? List.of() : kernel.explain(clipped);
        List<Explanation> explanations = new ArrayList<>(students.size());
        int nextExact = 0;
        int nextShap = 0;
        for (boolean c : isClipped) {
            explanations.add(c ? shap.get(nextShap++) : exact.get(nextExact++));
        }
        return explanations;
    }
}
