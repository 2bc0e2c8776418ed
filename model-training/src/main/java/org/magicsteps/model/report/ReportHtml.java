package org.magicsteps.model.report;

import java.util.Base64;
import java.util.Locale;
import java.util.Map;

import org.magicsteps.core.domain.ModelCard;
import org.magicsteps.model.evaluation.ConfusionMatrix;
import org.magicsteps.model.evaluation.Estimate;
import org.magicsteps.model.evaluation.Evaluation;
import org.magicsteps.model.evaluation.GroupEvaluation;

/** The report as one HTML page with its charts inlined as data URIs, readable offline and by e-mail. */
final class ReportHtml {

    private static final int GRID_ROWS_SHOWN = 15;
    private static final Map<String, String> METRIC_LABELS = Map.of("roc_auc", "ROC-AUC", "pr_auc",
            "PR-AUC (average precision)", "log_loss", "log-loss", "brier", "Brier score", "ece",
            "expected calibration error (10 bins)", "accuracy", "accuracy", "precision", "precision", "recall", "recall",
            "f1", "F1");
    private static final java.util.Set<String> AT_THRESHOLD = java.util.Set.of("accuracy", "precision", "recall", "f1");

    private static final String STYLE = """
            body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;max-width:1180px;margin:2em auto;\
            padding:0 1em;color:#222;line-height:1.45}
            h1{font-size:1.6em;margin-bottom:.2em}h2{margin-top:1.8em;border-bottom:1px solid #ddd;padding-bottom:.2em}
            .sub{color:#666}table{border-collapse:collapse;margin:.6em 0}
            th,td{border:1px solid #ddd;padding:.3em .6em;text-align:left;vertical-align:top}
            th{background:#f4f6f8}td.n{text-align:right;font-variant-numeric:tabular-nums}
            .flag{background:#fde8e8;color:#8a1c1c;font-weight:600}.ok{color:#2d6a2d}
            .charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(520px,1fr));gap:12px}
            .charts img{width:100%;border:1px solid #eee}.box{background:#f7f9fb;border:1px solid #e1e6eb;\
            padding:.8em 1em;border-radius:6px}.finding{background:#fff4e5;border-left:4px solid #e69500;\
            padding:.5em .8em;margin:.4em 0}code{background:#f0f0f0;padding:0 .25em;border-radius:3px}
            """;

    private ReportHtml() {
    }

    static String render(ModelReport report, Map<String, byte[]> charts, String chartProblem) {
        StringBuilder html = new StringBuilder(32_000);
        ModelReport.ModelSummary model = report.model();
        Evaluation e = report.evaluation();
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">")
                .append("<title>").append(esc(report.title())).append("</title><style>").append(STYLE)
                .append("</style></head><body>\n");
        html.append("<h1>").append(esc(report.title())).append("</h1>\n<p class=\"sub\">version <code>")
                .append(esc(model.version())).append("</code> · ").append(esc(model.modelClass()));
        if (model.command() != null) {
            html.append(" · trained with <code>").append(esc(model.command())).append("</code>");
        }
        html.append("</p>\n");

        html.append("<h2>Results</h2>\n<div class=\"box\"><p>Measured on ").append(esc(report.evaluatedOn()))
                .append(".</p>\n<p>Decision threshold <b>").append(num(model.threshold(), 4)).append("</b>: ")
                .append(esc(model.thresholdRule())).append(".</p></div>\n");
        html.append("<table><tr><th>metric</th><th>value</th><th>95 % bootstrap interval</th></tr>\n");
        for (Map.Entry<String, Estimate> entry : e.estimates().entrySet()) {
            Estimate estimate = entry.getValue();
            html.append("<tr><td>").append(METRIC_LABELS.get(entry.getKey()))
                    .append(AT_THRESHOLD.contains(entry.getKey()) ? " (at the threshold)" : "")
                    .append("</td><td class=\"n\">").append(num(estimate.value(), 3)).append("</td><td class=\"n\">")
                    .append(num(estimate.low(), 3)).append(" – ").append(num(estimate.high(), 3)).append("</td></tr>\n");
        }
        html.append("</table>\n");
        confusion(html, e.confusion(), e);
        if (report.training() != null) {
            ModelReport.CrossValidation cv = report.training().crossValidation();
            html.append("<p>").append(cv.folds()).append("-fold cross-validated ROC-AUC on the training split: <b>")
                    .append(num(cv.mean(), 3)).append(" ± ").append(num(cv.sd(), 3)).append("</b> (folds: ")
                    .append(esc(String.join(", ", cv.rocAucs().stream().map(a -> num(a, 3)).toList())))
                    .append(").</p>\n");
        }

        html.append("<h2>Charts</h2>\n");
        if (chartProblem != null) {
            html.append("<p class=\"flag\">").append(esc(chartProblem)).append("</p>\n");
        }
        html.append("<div class=\"charts\">\n");
        charts.forEach((name, png) -> html.append("<img alt=\"").append(esc(name)).append("\" src=\"data:image/png;base64,")
                .append(Base64.getEncoder().encodeToString(png)).append("\">\n"));
        html.append("</div>\n");

        groups(html, report.groups(), report.evaluatedOn());
        if (report.calibration() != null) {
            calibration(html, report.calibration(), e);
        }
        html.append("<h2>Read this before trusting the numbers</h2>\n<ul>\n");
        report.notes().forEach(n -> html.append("<li>").append(esc(n)).append("</li>\n"));
        html.append("</ul>\n");

        if (report.leakage() != null) {
            leakage(html, report.leakage());
        }
        if (report.training() != null) {
            training(html, report.training());
        }
        if (report.modelCard() != null) {
            modelCard(html, report.modelCard());
        }
        modelAndData(html, report);
        html.append("</body></html>\n");
        return html.toString();
    }

    private static void confusion(StringBuilder html, ConfusionMatrix m, Evaluation e) {
        html.append("<table><tr><th></th><th>predicted: not reached</th><th>predicted: reached</th></tr>\n")
                .append("<tr><th>actual: not reached</th><td class=\"n\">").append(m.trueNegatives())
                .append(" (TN)</td><td class=\"n\">").append(m.falsePositives()).append(" (FP)</td></tr>\n")
                .append("<tr><th>actual: reached</th><td class=\"n\">").append(m.falseNegatives())
                .append(" (FN)</td><td class=\"n\">").append(m.truePositives()).append(" (TP)</td></tr>\n</table>\n")
                .append("<p class=\"sub\">").append(e.rows()).append(" students, ").append(e.positives())
                .append(" of whom reached the Ponto de Virada; confusion matrix at threshold ")
                .append(num(e.threshold(), 4)).append(".</p>\n");
    }

    private static void leakage(StringBuilder html, ModelReport.Leakage leakage) {
        html.append("<h2>Leakage check</h2>\n<p>Each feature's ROC-AUC on its own (training split). A feature at ")
                .append(num(leakage.flagAuc(), 2)).append(" or more is flagged: it practically is the target.</p>\n");
        leakage.findings().forEach(f -> html.append("<div class=\"finding\">").append(esc(f)).append("</div>\n"));
        html.append("<table><tr><th>feature</th><th>ROC-AUC alone</th><th>direction</th><th>in this model</th></tr>\n");
        for (ModelReport.SingleFeature f : leakage.features()) {
            html.append("<tr").append(f.flagged() ? " class=\"flag\"" : "").append("><td>").append(esc(f.feature()))
                    .append(f.flagged() ? " ⚑" : "").append("</td><td class=\"n\">").append(num(f.rocAuc(), 3))
                    .append("</td><td>").append(esc(f.direction())).append("</td><td>")
                    .append(f.excluded() ? "excluded" : "read").append("</td></tr>\n");
        }
        html.append("</table>\n");
        if (!leakage.proxies().isEmpty()) {
            html.append("<p>How well the remaining features reconstruct each excluded feature (least squares "
                    + "fitted on the training split, judged on the validation split; flagged at a reconstruction "
                    + "ROC-AUC of ").append(num(leakage.flagProxyAuc(), 2)).append(" or more), and the features "
                    + "that carry it, removed one at a time, most first.</p>\n")
                    .append("<table><tr><th>excluded</th><th>reconstructed from</th><th>R²</th>")
                    .append("<th>ROC-AUC of the reconstruction</th></tr>\n");
            for (ModelReport.Proxy p : leakage.proxies()) {
                html.append("<tr").append(p.flagged() ? " class=\"flag\"" : "").append("><td>").append(esc(p.excluded()))
                        .append("</td><td>all ").append(p.predictors()).append(" remaining features</td><td class=\"n\">")
                        .append(num(p.r2(), 3)).append("</td><td class=\"n\">").append(num(p.rocAuc(), 3))
                        .append("</td></tr>\n");
                StringBuilder without = new StringBuilder();
                for (ModelReport.Carrier c : p.carriers()) {
                    without.append(without.length() == 0 ? "" : ", ").append(c.feature());
                    html.append("<tr><td></td><td>… without ").append(esc(without.toString()))
                            .append("</td><td class=\"n\">").append(num(c.r2(), 3)).append("</td><td class=\"n\">")
                            .append(num(c.rocAuc(), 3)).append("</td></tr>\n");
                }
            }
            html.append("</table>\n");
        }
    }

    private static void training(StringBuilder html, ModelReport.TrainingSummary t) {
        html.append("<h2>How the model was chosen</h2>\n<p>Chosen model on the validation split (trained on the "
                + "training split only, calibrated on the validation split): log-loss ")
                .append(num(t.validationLogLoss(), 4)).append(", ROC-AUC ")
                .append(num(t.validationRocAuc(), 3)).append(". Shipped model: ").append(esc(t.refit()))
                .append(".</p>\n<p>The same recipe trained on the training split only scores, on the test split: ");
        html.append(esc(String.join(", ", t.trainOnlyTest().entrySet().stream()
                .map(e -> e.getKey() + " " + num(e.getValue(), 3)).toList())));
        html.append(". The bundle's ONNX graph reproduces the trained model's probabilities (computed in double "
                + "precision from the numbers Tribuo trained) on the test rows within ")
                .append(String.format(Locale.ROOT, "%.1e", t.onnxMaxDifference())).append(". Training took ")
                .append(num(t.seconds(), 1)).append(" s.</p>\n");
        html.append("<h3>Feature engineering</h3>\n<p>Each step is tried in turn with a small logistic grid and kept "
                + "when it lowers the best calibrated validation log-loss by at least 2 %.</p>\n<table><tr><th>step</th>"
                + "<th>what</th><th>log-loss before</th><th>with it</th><th>kept</th></tr>\n");
        for (ModelReport.FeatureStep s : t.featureSteps()) {
            html.append("<tr><td>").append(esc(s.step())).append("</td><td>").append(esc(s.description()))
                    .append("</td><td class=\"n\">").append(num(s.logLossBefore(), 4)).append("</td><td class=\"n\">")
                    .append(num(s.logLossWith(), 4)).append("</td><td>").append(s.kept() ? "<b class=\"ok\">yes</b>" : "no")
                    .append("</td></tr>\n");
        }
        html.append("</table>\n<h3>Model selection</h3>\n<p>").append(t.grid().size())
                .append(" grid points (boosted trees at 25, 50, 100, 200 and 300 rounds), each judged by 2 × 5-fold "
                        + "stratified cross-validation inside the training split (preprocessing refitted in every "
                        + "fold): the out-of-fold log-odds of each repeat, calibrated by a Platt map fitted on them; "
                        + "the lowest mean calibrated log-loss wins. Each is also trained on the whole training split "
                        + "and calibrated by Platt scaling on the validation split, whose figures are shown beside "
                        + "(the winner's calibration and threshold are those). The best of each model family:</p>\n");
        gridTable(html, bestPerFamily(t.grid()));
        html.append("<p>The best ").append(Math.min(GRID_ROWS_SHOWN, t.grid().size()))
                .append(" overall (every point is in report.json):</p>\n");
        gridTable(html, t.grid().subList(0, Math.min(GRID_ROWS_SHOWN, t.grid().size())));
    }

    private static java.util.List<ModelReport.GridPoint> bestPerFamily(java.util.List<ModelReport.GridPoint> grid) {
        java.util.List<ModelReport.GridPoint> best = new java.util.ArrayList<>();
        for (ModelReport.GridPoint g : grid) {
            if (best.stream().noneMatch(b -> b.modelClass().equals(g.modelClass()))) {
                best.add(g);
            }
        }
        return best;
    }

    private static void gridTable(StringBuilder html, java.util.List<ModelReport.GridPoint> points) {
        html.append("<table><tr><th>model</th><th>hyper-parameters</th><th>rounds</th><th>CV log-loss, calibrated</th>"
                + "<th>CV ROC-AUC ± sd</th><th>validation log-loss, raw</th>"
                + "<th>calibrated</th><th>validation ROC-AUC</th><th>Platt map</th></tr>\n");
        for (ModelReport.GridPoint g : points) {
            html.append("<tr").append(g.chosen() ? " style=\"font-weight:600\"" : "").append("><td>")
                    .append(esc(g.modelClass())).append(g.chosen() ? " (chosen)" : "").append("</td><td>")
                    .append(esc(parameters(g.hyperParameters()))).append("</td><td class=\"n\">")
                    .append(g.size() == 0 ? "–" : Integer.toString(g.size()))
                    .append("</td><td class=\"n\">").append(g.cvLogLoss() == null ? "–" : num(g.cvLogLoss(), 4))
                    .append("</td><td class=\"n\">").append(g.cvRocAuc() == null ? "–"
                            : num(g.cvRocAuc(), 3) + " ± " + num(g.cvRocAucSd(), 3))
                    .append("</td><td class=\"n\">").append(num(g.rawValidationLogLoss(), 4))
                    .append("</td><td class=\"n\">").append(num(g.validationLogLoss(), 4))
                    .append("</td><td class=\"n\">").append(num(g.validationRocAuc(), 3)).append("</td><td>")
                    .append(esc(g.calibration())).append("</td></tr>\n");
        }
        html.append("</table>\n");
    }

    private static void calibration(StringBuilder html, ModelReport.CalibrationSummary c, Evaluation calibrated) {
        html.append("<h2>Calibration</h2>\n<p>").append(esc(c.method())).append(" fitted on ").append(esc(c.fittedOn()))
                .append(": calibrated log-odds = ").append(num(c.scale(), 4)).append(" · s ")
                .append(c.shift() < 0 ? "− " : "+ ").append(num(Math.abs(c.shift()), 4))
                .append(", s being the model's own log-odds, then clipped to ±").append(num(c.logOddsLimit(), 0))
                .append(". The map is folded into the graph (a linear model's weights, a tree ensemble's leaves), so "
                        + "every client of the graph gets calibrated probabilities, and it is monotone, so it changes no "
                        + "ranking. For any valid student the calibrated log-odds lie within [")
                .append(num(c.logOddsBounds().get(0), 2)).append(", ").append(num(c.logOddsBounds().get(1), 2))
                .append("] (an outer bound)")
                .append(Math.max(-c.logOddsBounds().get(0), c.logOddsBounds().get(1)) <= c.logOddsLimit()
                        ? ", so the clip never binds." : "; the clip binds only beyond ±" + num(c.logOddsLimit(), 0) + ".")
                .append(" Validation log-loss ").append(num(c.validationLogLossBefore(), 4)).append(" before, ")
                .append(num(c.validationLogLossAfter(), 4)).append(" after (fitted on those rows).</p>\n")
                .append("<table><tr><th>on the test split</th><th>calibrated (shipped)</th><th>before calibration</th>"
                        + "</tr>\n");
        Evaluation before = c.uncalibrated();
        calibrationRow(html, "expected calibration error", calibrated.ece(), before.ece());
        calibrationRow(html, "Brier score", calibrated.brier(), before.brier());
        calibrationRow(html, "log-loss", calibrated.logLoss(), before.logLoss());
        html.append("</table>\n<p class=\"sub\">The reliability diagram (calibration.png above) shows both.</p>\n");
    }

    private static void calibrationRow(StringBuilder html, String name, Estimate after, Estimate before) {
        html.append("<tr><td>").append(name).append("</td><td class=\"n\">").append(esc(after.text()))
                .append("</td><td class=\"n\">").append(esc(before.text())).append("</td></tr>\n");
    }

    private static void groups(StringBuilder html, java.util.List<GroupEvaluation> groups, String evaluatedOn) {
        if (groups.isEmpty()) {
            return;
        }
        html.append("<h2>Performance per group</h2>\n<p>On ").append(esc(evaluatedOn)).append(", within each group, "
                + "with 95 % bootstrap intervals; a group with fewer than ").append(GroupEvaluation.MIN_PER_CLASS)
                .append(" students of either class gets its counts only.</p>\n<table><tr><th>group</th>"
                        + "<th>students</th><th>reached</th><th>mean predicted</th><th>observed rate</th><th>ROC-AUC</th>"
                        + "<th>Brier</th><th>recall</th><th>precision</th></tr>\n");
        for (GroupEvaluation g : groups) {
            html.append("<tr><td>").append(esc(g.feature() + " = " + g.value())).append("</td><td class=\"n\">")
                    .append(g.students()).append("</td><td class=\"n\">").append(g.positives())
                    .append("</td><td class=\"n\">").append(num(g.meanPredicted(), 3)).append("</td><td class=\"n\">")
                    .append(num(g.observedRate(), 3)).append("</td>");
            if (g.rocAuc() == null) {
                html.append("<td colspan=\"4\" class=\"sub\">").append(esc(g.note())).append("</td>");
            } else {
                for (Estimate e : new Estimate[] {g.rocAuc(), g.brier(), g.recall(), g.precision()}) {
                    html.append("<td class=\"n\">").append(esc(e.text())).append("</td>");
                }
            }
            html.append("</tr>\n");
        }
        html.append("</table>\n");
    }

    private static void modelCard(StringBuilder html, ModelCard card) {
        html.append("<h2>Model card</h2>\n<table>\n");
        row(html, "intended use", card.intendedUse());
        row(html, "not for", String.join(" | ", card.misuse()));
        row(html, "target", card.target());
        ModelCard.TrainingData t = card.trainingData();
        row(html, "training data", t.file() + (t.year() == null ? "" : " (PEDE " + t.year() + ")") + ": " + t.rows()
                + " students, " + t.positives() + " reached the PV; " + (t.split() == null ? "" : t.split()));
        row(html, "calibration", card.calibration());
        row(html, "known limits", String.join(" | ", card.knownLimits()));
        row(html, "drift", card.drift().status() + (card.drift().findings().isEmpty() ? ""
                : ": " + String.join(" ", card.drift().findings())));
        html.append("</table>\n");
        driftSheets(html, card.drift());
        html.append("<p class=\"sub\">The card's metrics are the results and group tables of this page; "
                + "the whole card is in the bundle's manifest.json (model_card) and in GET /info.</p>\n");
    }

    /** Each later sheet compared with the training data: the levels, and the most drifted features. */
    private static void driftSheets(StringBuilder html, ModelCard.Drift drift) {
        if (drift.sheets().isEmpty()) {
            return;
        }
        html.append("<h3>Drift of other years' sheets from the training data</h3>\n<p>Over the features the model "
                + "reads; PSI below 0.1 stable, 0.1–0.25 moderate, above 0.25 major (as <code>magic-steps drift</code>)."
                + "</p>\n<table><tr><th>sheet</th><th>year</th><th>students</th><th>major</th><th>moderate</th>"
                + "<th>stable</th><th>most drifted</th></tr>\n");
        for (ModelCard.SheetDrift sheet : drift.sheets()) {
            html.append("<tr><td>").append(esc(sheet.file())).append("</td><td class=\"n\">")
                    .append(sheet.year() == null ? "" : sheet.year()).append("</td><td class=\"n\">")
                    .append(sheet.rows()).append("</td><td class=\"n\">").append(sheet.major())
                    .append("</td><td class=\"n\">").append(sheet.moderate()).append("</td><td class=\"n\">")
                    .append(sheet.stable()).append("</td><td>")
                    .append(esc(sheet.mostDrifted().isEmpty() ? "none"
                            : String.join("; ", sheet.mostDrifted().stream().map(ModelCard.FeatureShift::text)
                                    .toList())))
                    .append("</td></tr>\n");
        }
        html.append("</table>\n");
    }

    private static void modelAndData(StringBuilder html, ModelReport report) {
        ModelReport.ModelSummary m = report.model();
        ModelReport.DataSummary d = report.data();
        html.append("<h2>Model and data</h2>\n<table>\n");
        row(html, "model", m.name() + " " + m.version() + " (" + m.modelClass() + ")");
        row(html, "hyper-parameters", parameters(m.hyperParameters()));
        row(html, "model inputs (" + m.inputs().size() + ")", String.join(", ", m.inputs()));
        row(html, "accepted but ignored", m.ignoredFeatures().isEmpty() ? "none" : String.join(", ", m.ignoredFeatures()));
        row(html, "data file", d.file() + " (" + d.fingerprint() + ")");
        row(html, "labelled rows", d.rows() + ", of whom " + d.positives() + " reached the PV");
        d.splits().forEach((name, c) -> row(html, name + " split", c.rows() + " rows, " + c.positives() + " reached"));
        if (!d.skippedRows().isEmpty()) {
            row(html, "skipped rows (" + d.skippedRows().size() + ")", String.join(" | ", d.skippedRows()));
        }
        row(html, "validation bounds", d.widenedBounds().isEmpty() ? "the original API's, unchanged"
                : String.join("; ", d.widenedBounds()));
        if (!d.imputation().isEmpty()) {
            row(html, "imputation (median / mode of the fitting rows)", parameters(d.imputation()));
        }
        html.append("</table>\n");
    }

    private static void row(StringBuilder html, String name, String value) {
        html.append("<tr><th>").append(esc(name)).append("</th><td>").append(esc(value)).append("</td></tr>\n");
    }

    private static String parameters(Map<String, String> parameters) {
        return String.join(", ", parameters.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
    }

    private static String num(double value, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    static String esc(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
