package org.magicsteps.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import org.magicsteps.core.domain.DriftReport;
import org.magicsteps.core.port.RowSource;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code magic-steps drift}: how a sheet of students compares, feature by feature, with the data
 * the model was trained on.
 */
@Command(name = "drift", mixinStandardHelpOptions = true,
        description = {
            "Compares the students of a PEDE sheet (CSV or XLSX) with the training data the model carries, feature "
                + "by feature: population stability index over the training bins, share of values outside the "
                + "training range, share missing. Prints a table and writes drift.html, with a picture per feature "
                + "(training beside now).",
            "Values the model would refuse are counted, not refused: they are what drift is about. A feature the "
                + "model ignores is listed and marked; it does not make the exit code 1."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:no feature the model reads drifted majorly",
            "1:a feature the model reads drifted majorly (PSI above 0.25, or no value at all)",
            "2:the command could not run: bad options, model, or a sheet that cannot be read"})
final class DriftCommand implements Callable<Integer> {

    /** The exit code when a feature the model reads drifted majorly. */
    static final int MAJOR = 1;

    @ParentCommand
    MagicSteps root;

    @Spec
    CommandSpec spec;

    @Option(names = "--data", required = true, paramLabel = "FILE", description = "The sheet to compare.")
    Path data;

    @Option(names = "--sheet", paramLabel = "NAME", description = "Workbook sheet to read (default: the first).")
    String sheet;

    @Option(names = "--model", paramLabel = "DIR|NAME",
            description = "The model whose training data is the reference (MODEL_DIR; default: bundled).")
    String model;

    @Option(names = "--html", paramLabel = "FILE", defaultValue = "drift.html",
            description = "Where to write the report with the pictures (default: ${DEFAULT-VALUE}).")
    Path html;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Map<String, String> flags = new HashMap<>();
        flags.put(AppConfig.MODEL_DIR, model);
        try (Wiring wiring = root.wiring(root.config(flags)); RowSource rows = wiring.openSheetToCompare(data, sheet)) {
            DriftReport report = wiring.measureDrift().execute(rows);
            out.print(DriftTable.text(report));
            Path page = html.isAbsolute() ? html : root.workingDirectory().resolve(html);
            write(page, DriftHtml.page(report));
            out.println("wrote " + page);
            return report.anyMajor() ? MAJOR : ExitCode.OK;
        }
    }

    private static void write(Path page, String content) {
        try {
            if (page.getParent() != null) {
                Files.createDirectories(page.getParent());
            }
            Files.writeString(page, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException("--html " + page + ": cannot be written: " + e.getMessage());
        }
    }
}
