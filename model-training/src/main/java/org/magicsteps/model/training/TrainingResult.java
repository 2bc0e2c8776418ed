package org.magicsteps.model.training;

import java.nio.file.Path;
import java.util.List;

import org.magicsteps.model.ModelBundle;
import org.magicsteps.model.report.ModelReport;

/** What a training run produced: the bundle (already written), its report and the files written. */
public final class TrainingResult {

    private final Path directory;
    private final ModelBundle bundle;
    private final ModelReport report;
    private final List<String> files;
    private final Trace trace;

    TrainingResult(Path directory, ModelBundle bundle, ModelReport report, List<String> files, Trace trace) {
        this.directory = directory;
        this.bundle = bundle;
        this.report = report;
        this.files = List.copyOf(files);
        this.trace = trace;
    }

    /**
     * Which sheet lines each stage used, the predictions the choices were made on, and the shipped
     * model before calibration with the calibration fitted, for checking the pipeline's rules.
     */
    record Trace(List<Integer> trainLines, List<Integer> validationLines, List<Integer> testLines,
            List<Integer> refitLines, boolean[] validationTruth, double[] validationProbabilities,
            double[] testProbabilities, LogOddsModel uncalibrated, double plattScale, double plattShift) {
    }

    /** The bundle directory. */
    public Path directory() {
        return directory;
    }

    public ModelBundle bundle() {
        return bundle;
    }

    public ModelReport report() {
        return report;
    }

    /** The files written into {@link #directory()}. */
    public List<String> files() {
        return files;
    }

    Trace trace() {
        return trace;
    }
}
