package org.magicsteps.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.magicsteps.core.domain.FeatureWarning;
import org.magicsteps.core.domain.MissingValues;
import org.magicsteps.core.domain.Prediction;
import org.magicsteps.core.domain.RowResult;
import org.magicsteps.core.domain.SheetSummary;
import org.magicsteps.core.domain.SheetSummary.ReasonCount;
import org.magicsteps.core.domain.Threshold;
import org.magicsteps.core.domain.ValidationException;
import org.magicsteps.core.domain.Violation;
import org.magicsteps.core.port.RowSource;
import org.magicsteps.core.usecase.OnError;
import org.magicsteps.core.usecase.ScoreSheet;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code magic-steps score}: scores every student of a CSV or XLSX sheet into a CSV file. */
@Command(name = "score", mixinStandardHelpOptions = true,
        description = {
            "Scores every student of a PEDE sheet (CSV or XLSX) with a model and writes a CSV file with the columns "
                + "student_id,probability,prediction,confidence,threshold,model_version,warnings.",
            "Every year's sheet is read (2022's headers Idade 22, INDE 22, Defas, Pedra 20/21/22; 2023's and later "
                + "INDE 2023, Idade, Defasagem, Pedra 2023/22/21, phase codes such as ALFA, FASE 8 or 7E), and so are "
                + "the canonical feature names; the student id comes from a student_id or RA column; other columns "
                + "are ignored. Values the model never saw in training are scored and named in the warnings column.",
            "A summary ends the run: the layout found, the rows scored, flagged and rejected, and the rejected rows "
                + "by reason."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:every row was scored (or, with --on-error skip, every valid row)",
            "1:rows were rejected under --on-error fail; nothing was written",
            "2:the command could not run: bad options, model, input file or missing columns"})
final class ScoreCommand implements Callable<Integer> {

    /** Rejections printed in full; the rest are only counted, so a broken file does not flood the terminal. */
    static final int SHOWN_REJECTIONS = 50;

    @Spec
    CommandSpec spec;

    @ParentCommand
    MagicSteps root;

    @Option(names = "--model", paramLabel = "DIR|NAME",
            description = "Model bundle directory (or the original service's export), or a model this jar carries "
                    + "(MODEL_DIR; default: the bundled default model).")
    String model;

    @Option(names = {"--data", "--input"}, required = true, paramLabel = "FILE",
            description = "CSV or XLSX sheet to score (--input is the same option).")
    Path input;

    @Option(names = "--output", required = true, paramLabel = "FILE", description = "CSV file to write.")
    Path output;

    @Option(names = "--sheet", paramLabel = "NAME", description = "Workbook sheet to read (default: the first).")
    String sheet;

    @Option(names = "--threshold", paramLabel = "T",
            description = "Decision threshold, 0–1 (default: the model's own).")
    Double threshold;

    @Option(names = "--on-error", paramLabel = "skip|fail", defaultValue = "fail",
            description = "What a row with an invalid value does: skip it, or fail the run (default: ${DEFAULT-VALUE}).")
    OnError onError;

    @Option(names = "--impute",
            description = "Score a row whose required value is missing with the value the model was trained to use "
                    + "in its place (the training median or mode), named in its warnings; without it such rows are "
                    + "rejected. A flagged guess, for when no answer is worse.")
    boolean impute;

    private PrintWriter err;
    private int shownRejections;

    @Override
    public Integer call() {
        CommandLine cli = spec.commandLine();
        PrintWriter out = cli.getOut();
        err = cli.getErr();
        long start = System.nanoTime();
        if (Files.exists(output) && Files.exists(input) && sameFile(input, output)) {
            throw new CommandLine.ParameterException(cli, "--output " + output + " is the input file; choose another");
        }
        Threshold decision;
        try {
            decision = threshold == null ? null : new Threshold(threshold);
        } catch (ValidationException e) {
            throw new CommandLine.ParameterException(cli, "--threshold: " + threshold + " is not between 0 and 1");
        }
        AppConfig config = root.config(Collections.singletonMap(AppConfig.MODEL_DIR, model));
        try (Wiring wiring = root.wiring(config)) {
            ScoreSheet.Command command;
            ScoreSheet.SheetScore score;
            Path temporary = temporaryOutput();
            boolean keep = false;
            try (RowSource rows = wiring.openSheet(input, sheet);
                    Writer writer = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8);
                    CSVPrinter csv = CSVFormat.DEFAULT.builder().setRecordSeparator('\n').get().print(writer);
                    ProgressBar progress = progressBar()) {
                csv.printRecord("student_id", "probability", "prediction", "confidence", "threshold", "model_version",
                        "warnings");
                command = new ScoreSheet.Command(rows, decision, onError,
                        impute ? MissingValues.STAND_IN : MissingValues.REFUSE);
                score = wiring.scoreSheet().execute(command, row -> {
                    if (progress != null) {
                        progress.step();
                    }
                    if (row.isRejected()) {
                        report(row);
                    } else if (row.isScored()) {
                        write(csv, row.prediction());
                    }
                });
                keep = !(onError == OnError.FAIL && score.summary().rejected() > 0);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + output + ": " + e.getMessage(), e);
            } finally {
                if (!keep) {
                    deleteQuietly(temporary);
                }
            }
            if (keep) {
                moveIntoPlace(temporary);
            }
            SheetSummary summary = score.summary();
            if (shownRejections < summary.rejected()) {
                err.println("... and " + (summary.rejected() - shownRejections) + " more rejected rows not shown");
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            if (!keep) {
                out.printf(Locale.ROOT, "%s: read %d rows, rejected %d, scored none in %.2f s; nothing written "
                        + "(--on-error fail). Fix the rows above, or pass --on-error skip to score the valid ones.%n",
                        input, summary.read(), summary.rejected(), seconds);
            } else {
                out.printf(Locale.ROOT, "%s: read %d rows, scored %d, rejected %d in %.2f s with %s %s at threshold %s"
                        + " -> %s%n", input, summary.read(), score.scored(), summary.rejected(), seconds,
                        score.model().name(), score.model().version(), plain(score.threshold().value()), output);
            }
            details(out, summary);
            return keep ? ExitCode.OK : ExitCode.FAILED;
        }
    }

    /** The layout, the flagged rows and the rejected ones by reason. */
    static void details(PrintWriter out, SheetSummary summary) {
        out.printf(Locale.ROOT, "  layout    %s%n", summary.layout());
        out.printf(Locale.ROOT, "  flagged   %d of the %d accepted rows%s%n", summary.flagged(), summary.accepted(),
                summary.flagged() == 0 ? "" : " (values outside what the model saw in training, or stood in):");
        reasons(out, summary.warnings());
        out.printf(Locale.ROOT, "  rejected  %d rows%s%n", summary.rejected(), summary.rejected() == 0 ? ""
                : ", by reason (a row counts under each of its reasons):");
        reasons(out, summary.rejections());
    }

    private static void reasons(PrintWriter out, List<ReasonCount> counts) {
        for (ReasonCount count : counts) {
            out.printf(Locale.ROOT, "    %s: %d %s%n", count.reason(), count.rows(), count.rows() == 1 ? "row" : "rows");
        }
    }

    private static void write(CSVPrinter csv, Prediction p) {
        try {
            csv.printRecord(p.studentId() == null ? "" : p.studentId(), probabilityText(p.probability()),
                    p.predictedClass(), p.confidence().label(), plain(p.threshold().value()), p.modelVersion(),
                    p.warnings().stream().map(FeatureWarning::shortText).collect(Collectors.joining("; ")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void report(RowResult row) {
        if (shownRejections >= SHOWN_REJECTIONS) {
            return;
        }
        shownRejections++;
        String where = "line " + row.line() + (row.studentId() == null ? "" : " (" + row.studentId() + ")");
        for (Violation violation : row.reasons()) {
            err.println(input + ": " + where + ": " + violation.message());
        }
    }

    private ProgressBar progressBar() {
        if (System.console() == null) {
            return null;
        }
        // The progress bar asks JLine for the terminal width; the JLine that Tribuo's dependencies bring
        // otherwise warns on stderr that its default terminal provider is deprecated.
        System.setProperty("org.jline.terminal.disableDeprecatedProviderWarning", "true");
        return new ProgressBarBuilder().setTaskName("scoring").setInitialMax(-1).setUnit(" rows", 1)
                .setConsumer(new ConsoleProgressBarConsumer(System.err)).clearDisplayOnFinish().build();
    }

    private Path temporaryOutput() {
        Path directory = output.toAbsolutePath().getParent();
        try {
            Files.createDirectories(directory);
            return Files.createTempFile(directory, "." + output.getFileName(), ".partial");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + output + ": " + e.getMessage(), e);
        }
    }

    /** The output appears whole or not at all: written aside, then moved into place. */
    private void moveIntoPlace(Path temporary) {
        try {
            try {
                Files.move(temporary, output, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, output, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            deleteQuietly(temporary);
            throw new UncheckedIOException("cannot write " + output + ": " + e.getMessage(), e);
        }
    }

    private static boolean sameFile(Path a, Path b) {
        try {
            return Files.isSameFile(a, b);
        } catch (IOException e) {
            return false;
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // A leftover .partial file is harmless and named as such.
        }
    }

    /**
     * A probability in plain notation with at least 10 decimals and 8 significant digits, so that
     * tiny probabilities still sort ({@code 0.000000000004985276}) and none reads as {@code 5E-12}.
     */
    static String probabilityText(double p) {
        BigDecimal value = new BigDecimal(p).round(new MathContext(8));
        return value.setScale(Math.max(10, value.scale()), RoundingMode.HALF_EVEN).toPlainString();
    }

    /** {@code 0.5} rather than {@code 0.50000}. */
    static String plain(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
