package org.magicsteps.cli.training;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.magicsteps.cli.ExitCode;
import org.magicsteps.cli.MagicSteps;
import org.magicsteps.cli.Wiring;
import org.magicsteps.core.usecase.OnError;
import org.magicsteps.model.ModelBundle;
import org.magicsteps.model.report.BundleEvaluation;
import org.magicsteps.model.report.ModelReport;
import org.magicsteps.model.report.ReportWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code magic-steps evaluate}: any bundle against any labelled PEDE sheet. */
@Command(name = "evaluate",
        mixinStandardHelpOptions = true,
        description = {
            "Measures a model bundle on a labelled PEDE sheet, with 95 %% bootstrap intervals.",
            "ROC-AUC, PR-AUC, log-loss, Brier score; accuracy, precision, recall and F1 at the threshold.",
            "On rows the model was trained on the figures are optimistic; the table says so when it can tell."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:evaluated", "1:the report could not be written",
            "2:invalid options, or the model or the data could not be used"})
public final class EvaluateCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @ParentCommand
    private MagicSteps root;

    @Option(names = "--model", paramLabel = "DIR|NAME", description = "A bundle directory (or the original service's "
            + "export), or a model this jar carries: default, early-warning, early-warning-strict (MODEL_DIR; "
            + "default: the bundled default).")
    private String model;

    @Option(names = {"--data", "--input"}, required = true, paramLabel = "FILE",
            description = "Labelled PEDE sheet of any year, CSV or XLSX, with an 'Atingiu PV' column (--input is the "
                    + "same option).")
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
        if (threshold != null && !(threshold >= 0 && threshold <= 1)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--threshold: " + threshold + " is not between 0 and 1");
        }
        ModelBundle bundle = Wiring.bundle(root.modelChoice(model));
        ModelReport report = BundleEvaluation.evaluate(bundle, data, sheet, threshold, onError == OnError.SKIP);
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
            out.println("wrote " + reportDirectory + ": " + String.join(", ",
                    ReportWriter.write(report, reportDirectory)));
        }
        out.flush();
        return ExitCode.OK;
    }
}
