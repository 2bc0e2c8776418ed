package org.magicsteps.cli.training;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.magicsteps.cli.ModelChoice;
import org.magicsteps.model.ModelBundle;
import org.magicsteps.model.ModelLoadException;
import org.magicsteps.model.data.SheetException;
import org.magicsteps.model.report.BundleEvaluation;
import org.magicsteps.model.report.ModelReport;
import org.magicsteps.model.report.ReportWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code magic-steps evaluate}: any bundle against any labelled PEDE sheet. */
@Command(name = "evaluate",
        mixinStandardHelpOptions = true,
        description = {
            "Measures a model bundle on a labelled PEDE sheet, with 95 %% bootstrap intervals.",
            "ROC-AUC, PR-AUC, log-loss, Brier score; accuracy, precision, recall and F1 at the threshold.",
            "On rows the model was trained on the figures are optimistic; the table says so when it can tell."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:evaluated", "1:the model or the data could not be used", "2:invalid options"})
public final class EvaluateCommand implements Callable<Integer> {

    enum OnError { SKIP, FAIL }

    @Spec
    private CommandSpec spec;

    @Option(names = "--model", paramLabel = "DIR|NAME", description = "A bundle directory (or the original service's "
            + "export), or a model this jar carries: default, early-warning (default: ${DEFAULT-VALUE}).")
    private String model = ModelBundle.DEFAULT_NAME;

    @Option(names = "--data", required = true, paramLabel = "FILE",
            description = "Labelled PEDE sheet, CSV or XLSX, with an 'Atingiu PV' column.")
    private Path data;

    @Option(names = "--sheet", paramLabel = "NAME", description = "The workbook's sheet (default: the first).")
    private String sheet;

    @Option(names = "--threshold", paramLabel = "T", description = "Decision threshold (default: the bundle's).")
    private Double threshold;

    @Option(names = "--on-error", paramLabel = "skip|fail", description = "What a row with invalid features does: "
            + "stop the evaluation (fail, the default) or be skipped and counted (skip).")
    private OnError onError = OnError.FAIL;

    @Option(names = "--report", paramLabel = "DIR", description = "Also write report.json, report.html and the charts "
            + "into DIR.")
    private Path reportDirectory;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ModelReport report;
        try {
            ModelBundle bundle = ModelChoice.bundle(model);
            report = BundleEvaluation.evaluate(bundle, data, sheet, threshold, onError == OnError.SKIP);
        } catch (ModelLoadException | SheetException | IllegalArgumentException e) {
            err.println("magic-steps evaluate: " + e.getMessage());
            return 1;
        }
        ModelReport.ModelSummary m = report.model();
        ModelReport.DataSummary d = report.data();
        out.printf(Locale.ROOT, "model      %s (%s)%n", m.version(), m.modelClass());
        out.printf(Locale.ROOT, "data       %s: %d rows, %d reached the PV (%.1f %%)%s%n", d.file(), d.rows(),
                d.positives(), 100.0 * d.positives() / d.rows(),
                d.skippedRows().isEmpty() ? "" : "; " + d.skippedRows().size() + " rows skipped");
        out.printf(Locale.ROOT, "threshold  %.4f (%s)%n%n", m.threshold(), m.thresholdRule());
        MetricsTable.print(out, report.evaluation(), "");
        out.println();
        report.notes().forEach(n -> out.println("note: " + n));
        d.skippedRows().forEach(s -> err.println("skipped " + s));
        if (reportDirectory != null) {
            try {
                out.println("wrote " + reportDirectory + ": " + String.join(", ",
                        ReportWriter.write(report, reportDirectory)));
            } catch (UncheckedIOException e) {
                err.println("magic-steps evaluate: " + e.getMessage());
                return 1;
            }
        }
        out.flush();
        return 0;
    }
}
