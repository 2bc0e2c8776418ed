package org.magicsteps.model.bundle;

import java.util.Locale;

/** What the ONNX graph's output holds, and so how it becomes a probability. */
public enum OutputKind {
    /**
     * One raw score per student (shape {@code [batch]} or {@code [batch, 1]}); the probability is
     * {@code sigmoid(score)}. The original PyTorch network outputs this.
     */
    LOGIT,
    /**
     * Class probabilities per student (shape {@code [batch, classes]}, or {@code [batch]} for the
     * positive class alone); the probability is the column at the manifest's positive index.
     * Tribuo's exported classifiers output this.
     */
    PROBABILITY;

    /** The word used in {@code manifest.json}: {@code logit} or {@code probability}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @throws IllegalArgumentException when {@code label} is neither word
     */
    public static OutputKind fromLabel(String label) {
        for (OutputKind kind : values()) {
            if (kind.label().equals(label)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("'" + label + "' is not an output kind; expected logit or probability");
    }
}
