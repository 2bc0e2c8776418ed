package org.magicsteps.core.usecase;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.magicsteps.core.domain.MissingValues;
import org.magicsteps.core.domain.PredictionRecord;
import org.magicsteps.core.domain.RowResult;
import org.magicsteps.core.domain.StudentFeatures;
import org.magicsteps.core.domain.Threshold;
import org.magicsteps.core.domain.ValidationException;
import org.magicsteps.core.domain.Violation;
import org.magicsteps.core.domain.Violation.Kind;
import org.magicsteps.core.port.PredictionLog;
import org.magicsteps.core.port.RowSource;
import org.magicsteps.core.port.SheetUploads;

/**
 * Scores a sheet a user uploaded, as {@link ScoreSheet} scores a file, with one of the models
 * served and the threshold in force for it, and logs the scored students as one batch under the
 * user, each with the features it was scored from (as {@code /predict/batch} logs its students).
 * Rejected rows are answered with every reason and not logged. The whole sheet is held in memory,
 * so it is bounded: at most {@code maxRows} rows.
 */
public final class ScoreUploadedSheet {

    /** The most rows an upload may have, unless configured otherwise. */
    public static final int DEFAULT_MAX_ROWS = 5_000;

    /**
     * @param user who uploads (recorded in the log)
     * @param model the name of the model served to score with; {@code null} for the default
     * @param content the file's bytes (XLSX or CSV)
     * @param fileName the file's name as the user gave it
     * @param missing what a missing value of a required feature does
     * @param explain whether each scored row is explained too (its {@code RowResult.explanation}): exact
     *     and microseconds a student for a linear model, Kernel SHAP and milliseconds a student otherwise
     */
    public record Command(String user, String model, byte[] content, String fileName, MissingValues missing,
            boolean explain) {
        public Command {
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(content, "content");
            Objects.requireNonNull(fileName, "fileName");
            Objects.requireNonNull(missing, "missing");
        }

        /** Without explanations. */
        public Command(String user, String model, byte[] content, String fileName, MissingValues missing) {
            this(user, model, content, fileName, missing, false);
        }
    }

    /**
     * One row of the sheet.
     *
     * @param result what became of it
     * @param features the features it was checked into and scored from; {@code null} when rejected
     */
    public record Row(RowResult result, StudentFeatures features) {
    }

    /**
     * The outcome.
     *
     * @param model the name of the model that scored it
     * @param batchId the batch the scored students are logged under
     * @param score the summary, the model's description and the threshold used
     * @param rows every row, in sheet order
     */
    public record ScoredSheet(String model, String batchId, ScoreSheet.SheetScore score, List<Row> rows) {
        public ScoredSheet {
            rows = List.copyOf(rows);
        }
    }

    private final ServedModels models;
    private final SheetUploads uploads;
    private final PredictionLog log;
    private final ReadThreshold readThreshold;
    private final Clock clock;
    private final int maxRows;

    /** @throws IllegalArgumentException when {@code maxRows} is below 1 */
    public ScoreUploadedSheet(ServedModels models, SheetUploads uploads, PredictionLog log, ReadThreshold readThreshold,
            Clock clock, int maxRows) {
        this.models = Objects.requireNonNull(models, "models");
        this.uploads = Objects.requireNonNull(uploads, "uploads");
        this.log = Objects.requireNonNull(log, "log");
        this.readThreshold = Objects.requireNonNull(readThreshold, "readThreshold");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (maxRows < 1) {
            throw new IllegalArgumentException("maxRows must be at least 1, got " + maxRows);
        }
        this.maxRows = maxRows;
    }

    public int maxRows() {
        return maxRows;
    }

    /**
     * @throws NotFoundException naming the models served, when none is served as the command's model
     * @throws ValidationException located at {@value SheetUploads#LOCATION} when the upload is not a
     *     sheet the reader accepts, or has more than {@link #maxRows()} rows
     * @throws CannotExplainException when explanations are asked of a model that cannot explain
     *     itself (nothing is scored nor logged)
     * @throws org.magicsteps.core.port.PortException when the model or the log fails
     */
    public ScoredSheet execute(Command command) {
        try (ServedModels.Lease lease = models.lease(command.model());
                RowSource sheet = uploads.open(command.content(), command.fileName(), lease.predictor().schema())) {
            Threshold threshold = readThreshold.inForce(lease.predictor().info()).threshold();
            String batchId = TimeOrderedIds.next(clock.instant());
            List<Row> rows = new ArrayList<>();
            List<PredictionRecord> scored = new ArrayList<>();
            ScoreSheet.SheetScore score = new ScoreSheet(lease.predictor(), clock).executeWithFeatures(
                    new ScoreSheet.Command(sheet, threshold, OnError.SKIP, command.missing(), command.explain()),
                    (RowResult result, StudentFeatures features) -> {
                        if (rows.size() == maxRows) {
                            throw tooLong(sheet.source());
                        }
                        rows.add(new Row(result, result.isRejected() ? null : features));
                        if (result.isScored()) {
                            scored.add(new PredictionRecord(result.prediction(), command.user(), features, batchId));
                        }
                    });
            if (!scored.isEmpty()) {
                log.append(scored);
            }
            return new ScoredSheet(lease.name(), batchId, score, rows);
        }
    }

    private ValidationException tooLong(String source) {
        return new ValidationException(Violation.of(SheetUploads.LOCATION, source, Kind.TOO_LONG,
                SheetUploads.LOCATION + ": " + source + " has more than " + maxRows
                        + " rows, the most an upload may have; score it with magic-steps score"));
    }
}
