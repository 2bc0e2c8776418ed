package org.magicsteps.cli.training;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;

import org.magicsteps.model.evaluation.ConfusionMatrix;
import org.magicsteps.model.evaluation.Estimate;
import org.magicsteps.model.evaluation.Evaluation;

/** The short metrics table that {@code train} and {@code evaluate} print. */
final class MetricsTable {

    private static final Map<String, String> LABELS = Map.of("roc_auc", "ROC-AUC", "pr_auc", "PR-AUC", "log_loss",
            "log-loss", "brier", "Brier", "ece", "ECE", "accuracy", "accuracy", "precision", "precision", "recall",
            "recall", "f1", "F1");

    private MetricsTable() {
    }

    static void print(PrintWriter out, Evaluation evaluation, String indent) {
        out.printf(Locale.ROOT, "%s%-10s %7s   %s%n", indent, "metric", "value", "95 % interval");
        for (Map.Entry<String, Estimate> entry : evaluation.estimates().entrySet()) {
            Estimate e = entry.getValue();
            out.printf(Locale.ROOT, "%s%-10s %7.3f   %.3f – %.3f%n", indent, LABELS.get(entry.getKey()), e.value(),
                    e.low(), e.high());
        }
        ConfusionMatrix m = evaluation.confusion();
        out.printf(Locale.ROOT, "%sconfusion at %.4f: TP %d  FP %d  FN %d  TN %d%n", indent, evaluation.threshold(),
                m.truePositives(), m.falsePositives(), m.falseNegatives(), m.trueNegatives());
    }
}
