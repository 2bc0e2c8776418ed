package org.magicsteps.cli.training;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.magicsteps.cli.ExitCode;
import org.magicsteps.model.report.ModelReport;
import org.magicsteps.model.training.TrainingOptions;
import org.magicsteps.model.training.TrainingPipeline;
import org.magicsteps.model.training.TrainingResult;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code magic-steps train}: a labelled PEDE sheet in, a model bundle with its report out. */
@Command(name = "train",
        mixinStandardHelpOptions = true,
        description = {
            "Trains a model bundle (ONNX + manifest + report) from a labelled PEDE sheet.",
            "Splits first (stratified 60/20/20 train/validation/test with the seed), chooses features,",
            "hyper-parameters, epochs and the threshold on validation, refits on train + validation, and",
            "measures the result once on the untouched test split. Progress goes to stderr, the summary to stdout."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the bundle was written", "1:the output directory could not be written, or a self-check failed",
            "2:invalid options, or the data cannot be trained on"})
public final class TrainCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = {"--data", "--input"}, required = true, paramLabel = "FILE",
            description = "Labelled PEDE sheet of any year, CSV or XLSX, with an 'Atingiu PV' column (--input is the "
                    + "same option).")
    private Path data;

    @Option(names = "--sheet", paramLabel = "NAME", description = "The workbook's sheet (default: the first).")
    private String sheet;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "The bundle directory to write.")
    private Path out;

    @Option(names = "--exclude", split = ",", paramLabel = "FEATURE",
            description = "Features the model must not read, e.g. score_ipv (the API still accepts them, as optional).")
    private List<String> exclude = List.of();

    @Option(names = "--include", split = ",", paramLabel = "FEATURE",
            description = "Features beyond the original 18 that the model may read, as optional inputs: the earlier "
                    + "years' stones, pedra_ano_anterior (Pedra 21 in the 2022 sheet) and pedra_dois_anos_antes "
                    + "(Pedra 20).")
    private List<String> include = List.of();

    @Option(names = "--seed", paramLabel = "N", description = "Seed of the split, the trainers, the folds and the "
            + "bootstrap (default: ${DEFAULT-VALUE}).")
    private long seed = TrainingOptions.DEFAULT_SEED;

    @Option(names = "--min-recall", paramLabel = "R", description = "Choose the highest threshold whose validation "
            + "recall is at least R (default: the threshold with the best validation F1).")
    private Double minRecall;

    @Option(names = "--drift-data", split = ",", paramLabel = "FILE",
            description = "Sheets of other PEDE years (CSV or XLSX, labelled or not; comma-separated or the option "
                    + "repeated) to compare with the new bundle's training data, feature by feature, as "
                    + "'magic-steps drift' does: the model card records, per sheet, its year, students, how many "
                    + "features the model reads are stable, moderate or major, and the most drifted with their PSI, "
                    + "and says so among its known limits. Never trained on.")
    private List<Path> driftData = List.of();

    @Option(names = "--name", paramLabel = "NAME", description = "The model's name (default: ${DEFAULT-VALUE}); its "
            + "version is the name plus a hash of the graph.")
    private String name = "magic-steps";

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter stdout = spec.commandLine().getOut();
        TrainingOptions options;
        try {
            options = new TrainingOptions(data, sheet, out, name, new LinkedHashSet<>(exclude),
                    new LinkedHashSet<>(include), seed, minRecall, command(), driftData);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        TrainingResult result = TrainingPipeline.run(options, line -> {
            err.println(line);
            err.flush();
        });
        summary(stdout, result);
        return ExitCode.OK;
    }

    private static void summary(PrintWriter out, TrainingResult result) {
        ModelReport report = result.report();
        ModelReport.ModelSummary model = report.model();
        out.printf(Locale.ROOT, "trained %s: %s %s%n", model.version(), model.modelClass(),
                String.join(" ", model.hyperParameters().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                        .toList()));
        out.printf(Locale.ROOT, "  inputs (%d): %s%n", model.inputs().size(), String.join(", ", model.inputs()));
        if (!model.ignoredFeatures().isEmpty()) {
            out.println("  accepted but ignored: " + String.join(", ", model.ignoredFeatures()));
        }
        out.printf(Locale.ROOT, "  threshold %.4f: %s%n", model.threshold(), model.thresholdRule());
        out.println("  on " + report.evaluatedOn() + ":");
        MetricsTable.print(out, report.evaluation(), "    ");
        ModelReport.CrossValidation cv = report.training().crossValidation();
        out.printf(Locale.ROOT, "  %d-fold cross-validated ROC-AUC on the training split: %.3f ± %.3f%n", cv.folds(),
                cv.mean(), cv.sd());
        report.leakage().findings().forEach(f -> out.println("  LEAKAGE: " + f));
        result.bundle().manifest().modelCard().drift().sheets().forEach(s -> out.println("  drift: " + s.finding()));
        out.println("wrote " + result.directory() + ": " + String.join(", ", result.files()));
        out.flush();
    }

    /** The command as typed, for the manifest's provenance. */
    private String command() {
        // The parse result holds the whole command line, the subcommand's name included.
        StringBuilder command = new StringBuilder("magic-steps");
        for (String arg : spec.commandLine().getParseResult().originalArgs()) {
            command.append(' ').append(arg.matches("[A-Za-z0-9_./=,:@%+-]+") ? arg : "'" + arg.replace("'", "'\\''")
                    + "'");
        }
        return command.toString();
    }
}
