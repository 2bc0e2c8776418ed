package org.magicsteps.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.magicsteps.core.domain.Confidence;
import org.magicsteps.core.domain.FeatureSchema;
import org.magicsteps.core.domain.StudentFeatures;
import org.magicsteps.core.domain.Threshold;
import org.magicsteps.core.domain.Validation;
import org.magicsteps.core.domain.ValidationException;
import org.magicsteps.core.domain.Violation;
import org.magicsteps.core.port.PortException;
import org.magicsteps.model.OnnxPredictor;
import org.magicsteps.model.data.PedeSheet;
import org.magicsteps.model.data.PedeSheetReader;
import org.magicsteps.model.data.SheetException;
import org.magicsteps.model.data.SheetRow;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code magic-steps score}: scores every student of a CSV or XLSX sheet into a CSV file. */
@Command(name = "score", mixinStandardHelpOptions = true,
        description = {
            "Scores every student of a PEDE sheet (CSV or XLSX) with a model and writes a CSV file with the columns "
                + "student_id,probability,prediction,confidence,threshold,model_version.",
            "The sheet may use the NGO's headers (Idade 22, INDE 22, Nº Av, Pedra 20/21/22, ...) or the canonical "
                + "feature names; the student id comes from a student_id or RA column; other columns are ignored."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:every row was scored (or, with --on-error skip, every valid row)",
            "1:rows were rejected under --on-error fail; nothing was written",
            "2:the command could not run: bad options, model, input file or missing columns"})
final class ScoreCommand implements Callable<Integer> {

    /** How many students go to the model in one run. */
    static final int CHUNK = 500;
    /** Rejections printed in full; the rest are only counted, so a broken file does not flood the terminal. */
    static final int SHOWN_REJECTIONS = 50;

    enum OnError { SKIP, FAIL }

    @Spec
    CommandSpec spec;

    @Option(names = "--model", paramLabel = "DIR",
            description = "Model bundle directory (or the original service's export). Default: the model bundled "
                    + "in this build, if any.")
    Path model;

    @Option(names = "--input", required = true, paramLabel = "FILE", description = "CSV or XLSX sheet to score.")
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
        try (OnnxPredictor predictor = ModelChoice.open(model)) {
            Threshold used = decision == null ? predictor.info().defaultThreshold() : decision;
            Tally tally = score(predictor, used);
            double seconds = (System.nanoTime() - start) / 1e9;
            if (tally.rejected > 0 && onError == OnError.FAIL) {
                out.printf(Locale.ROOT, "%s: read %d rows, rejected %d, scored none in %.2f s; nothing written "
                        + "(--on-error fail). Fix the rows above, or pass --on-error skip to score the valid ones.%n",
                        input, tally.read, tally.rejected, seconds);
                return 1;
            }
            out.printf(Locale.ROOT, "%s: read %d rows, scored %d, rejected %d in %.2f s with %s %s at threshold %s"
                    + " -> %s%n", input, tally.read, tally.scored, tally.rejected, seconds, predictor.info().name(),
                    predictor.info().version(), plain(used.value()), output);
            return 0;
        } catch (PortException | SheetException e) {
            // ModelLoadException is a PortException: its message names the file and the problem.
            err.println("error: " + e.getMessage());
            return 2;
        }
    }

    private static final class Tally {
        long read;
        long scored;
        long rejected;
    }

    private record Pending(SheetRow row, StudentFeatures features) {
    }

    private Tally score(OnnxPredictor predictor, Threshold used) {
        FeatureSchema schema = predictor.schema();
        Tally tally = new Tally();
        Path temporary = temporaryOutput();
        boolean keep = false;
        try (PedeSheet sheetFile = PedeSheetReader.forSchema(schema).open(input, sheet);
                Writer writer = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8);
                CSVPrinter csv = CSVFormat.DEFAULT.builder().setRecordSeparator('\n').get().print(writer);
                ProgressBar progress = progressBar();
                Stream<SheetRow> rows = sheetFile.rows()) {
            csv.printRecord("student_id", "probability", "prediction", "confidence", "threshold", "model_version");
            List<Pending> pending = new ArrayList<>(CHUNK);
            for (SheetRow row : (Iterable<SheetRow>) rows::iterator) {
                tally.read++;
                if (progress != null) {
                    progress.step();
                }
                List<Violation> problems = new ArrayList<>(row.problems());
                Validation<StudentFeatures> parsed = schema.parse(row.features());
                problems.addAll(parsed.violations());
                if (!problems.isEmpty()) {
                    tally.rejected++;
                    report(row, problems);
                    continue;
                }
                // Under fail, once a row is refused nothing will be written: validate the rest, score none.
                if (onError == OnError.FAIL && tally.rejected > 0) {
                    continue;
                }
                pending.add(new Pending(row, parsed.value()));
                if (pending.size() == CHUNK) {
                    tally.scored += write(predictor, used, pending, csv);
                }
            }
            if (!(onError == OnError.FAIL && tally.rejected > 0)) {
                tally.scored += write(predictor, used, pending, csv);
                keep = true;
            }
            if (shownRejections < tally.rejected) {
                err.println("... and " + (tally.rejected - shownRejections) + " more rejected rows not shown");
            }
        } catch (IOException e) {
            throw new SheetException("cannot write " + output + ": " + e.getMessage(), e);
        } finally {
            if (!keep) {
                deleteQuietly(temporary);
            }
        }
        moveIntoPlace(temporary);
        return tally;
    }

    private long write(OnnxPredictor predictor, Threshold used, List<Pending> pending, CSVPrinter csv)
            throws IOException {
        if (pending.isEmpty()) {
            return 0;
        }
        double[] probabilities = predictor.probabilities(pending.stream().map(Pending::features).toList());
        String thresholdText = plain(used.value());
        String version = predictor.info().version();
        for (int i = 0; i < probabilities.length; i++) {
            double p = probabilities[i];
            String id = pending.get(i).row().studentId();
            csv.printRecord(id == null ? "" : id, probabilityText(p), used.classify(p),
                    Confidence.of(p, used).label(), thresholdText, version);
        }
        int count = pending.size();
        pending.clear();
        return count;
    }

    private void report(SheetRow row, List<Violation> problems) {
        if (shownRejections >= SHOWN_REJECTIONS) {
            return;
        }
        shownRejections++;
        String where = "line " + row.line() + (row.studentId() == null ? "" : " (" + row.studentId() + ")");
        for (Violation violation : problems) {
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
            throw new SheetException("cannot write " + output + ": " + e.getMessage(), e);
        }
    }

    /** The output appears whole or not at all: written aside, then moved into place. */
    private void moveIntoPlace(Path temporary) {
        if (!Files.exists(temporary)) {
            return;
        }
        try {
            try {
                Files.move(temporary, output, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, output, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            deleteQuietly(temporary);
            throw new SheetException("cannot write " + output + ": " + e.getMessage(), e);
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
        java.math.BigDecimal value = new java.math.BigDecimal(p).round(new java.math.MathContext(8));
        return value.setScale(Math.max(10, value.scale()), java.math.RoundingMode.HALF_EVEN).toPlainString();
    }

    /** {@code 0.5} rather than {@code 0.50000}. */
    static String plain(double value) {
        return java.math.BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
