package org.magicsteps.core.usecase;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import org.magicsteps.core.domain.CheckedFeatures;
import org.magicsteps.core.domain.Explanation;
import org.magicsteps.core.domain.FeatureSchema;
import org.magicsteps.core.domain.FeatureWarning;
import org.magicsteps.core.domain.MissingValues;
import org.magicsteps.core.domain.ModelInfo;
import org.magicsteps.core.domain.Prediction;
import org.magicsteps.core.domain.RowResult;
import org.magicsteps.core.domain.SheetSummary;
import org.magicsteps.core.domain.StudentFeatures;
import org.magicsteps.core.domain.StudentRow;
import org.magicsteps.core.domain.Threshold;
import org.magicsteps.core.port.Explainer;
import org.magicsteps.core.port.Predictor;
import org.magicsteps.core.port.RowSource;

/**
 * Scores every student of a sheet: each row is checked against the model's rules (every reason of
 * a refusal kept), the accepted ones are scored in chunks of {@value #CHUNK} (one model run each)
 * and answered with their warnings, and a summary counts the rows by outcome and reason. The rows
 * are streamed, so a sheet of any length is scored in constant memory. The predictions are not
 * logged: this is the offline scoring of a file ({@link ScoreUploadedSheet} scores an upload and
 * logs it).
 */
public final class ScoreSheet {

    /** How many students go to the model in one run. */
    public static final int CHUNK = 500;

    /**
     * @param rows the sheet
     * @param threshold the decision threshold; {@code null} for the model's own
     * @param onError whether a rejected row stops the scoring ({@link OnError#FAIL}: the other rows
     *     are still checked and reported, none is scored after it) or is left out
     * @param missing what a missing value of a required feature does
     * @param explain whether each scored row is explained too (its {@code RowResult.explanation})
     */
    public record Command(RowSource rows, Threshold threshold, OnError onError, MissingValues missing,
            boolean explain) {
        public Command {
            Objects.requireNonNull(rows, "rows");
            Objects.requireNonNull(onError, "onError");
            Objects.requireNonNull(missing, "missing");
        }

        /** Without explanations. */
        public Command(RowSource rows, Threshold threshold, OnError onError, MissingValues missing) {
            this(rows, threshold, onError, missing, false);
        }
    }

    /**
     * The outcome.
     *
     * @param summary the rows by outcome and reason
     * @param model the model that scored them
     * @param threshold the threshold the predictions used
     * @param scored how many rows were scored
     * @param rows every row's result in sheet order; empty when they were handed to a consumer instead
     */
    public record SheetScore(SheetSummary summary, ModelInfo model, Threshold threshold, long scored,
            List<RowResult> rows) {
        public SheetScore {
            rows = List.copyOf(rows);
        }
    }

    private final Predictor predictor;
    private final Clock clock;

    public ScoreSheet(Predictor predictor, Clock clock) {
        this.predictor = Objects.requireNonNull(predictor, "predictor");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Scores the sheet, keeping every row's result: for sheets that fit in memory (an upload).
     *
     * @throws org.magicsteps.core.port.PortException when the sheet cannot be read to its end or the model fails
     */
    public SheetScore execute(Command command) {
        List<RowResult> rows = new ArrayList<>();
        SheetScore score = execute(command, rows::add);
        return new SheetScore(score.summary(), score.model(), score.threshold(), score.scored(), rows);
    }

    /**
     * Scores the sheet, handing each row's result to {@code each} in sheet order as soon as its
     * chunk is scored; the result's {@code rows} is empty.
     *
     * @throws org.magicsteps.core.port.PortException when the sheet cannot be read to its end or the model fails
     */
    public SheetScore execute(Command command, Consumer<RowResult> each) {
        Objects.requireNonNull(each, "each");
        return executeWithFeatures(command, (result, features) -> each.accept(result));
    }

    /**
     * Scores the sheet as {@link #execute(Command, Consumer)} does, handing each row's result to
     * {@code each} with the features it was checked into (those it was scored from, when it was
     * scored; {@code null} for a rejected row): what logging a prediction or showing a student needs.
     *
     * @throws org.magicsteps.core.port.PortException when the sheet cannot be read to its end or the model fails
     */
    public SheetScore executeWithFeatures(Command command, BiConsumer<RowResult, StudentFeatures> each) {
        Objects.requireNonNull(each, "each");
        ModelInfo model = predictor.info();
        Threshold threshold = command.threshold() == null ? model.defaultThreshold() : command.threshold();
        FeatureSchema schema = predictor.schema();
        // Asked first, so that a model that cannot explain itself scores nothing.
        Explainer explainer = command.explain() ? Scoring.explainer(predictor) : null;
        Chunk chunk = new Chunk(threshold, model.version(), explainer, each);
        SheetTally tally = new SheetTally();
        RowSource source = command.rows();
        try (var rows = source.students()) {
            for (StudentRow row : (Iterable<StudentRow>) rows::iterator) {
                CheckedFeatures checked = schema.check(row, command.missing());
                RowResult result;
                if (!checked.isAccepted()) {
                    result = SheetRows.rejected(row, checked.violations());
                    tally.count(result);
                    chunk.add(result, null, false);
                    continue;
                }
                result = SheetRows.accepted(row, checked);
                tally.count(result);
                // Under FAIL nothing is kept once a row is refused: check the rest, score none.
                boolean scoring = command.onError() == OnError.SKIP || tally.rejected() == 0;
                chunk.add(result, checked.features(), scoring);
                if (chunk.scorable() == CHUNK) {
                    chunk.flush();
                }
            }
        }
        chunk.flush();
        return new SheetScore(tally.summary(source.source(), source.layout()), model, threshold, chunk.scored,
                List.of());
    }

    /** Rows waiting for their chunk to be scored, kept in sheet order with the rows between them. */
    private final class Chunk {
        private final Threshold threshold;
        private final String modelVersion;
        private final Explainer explainer;
        private final BiConsumer<RowResult, StudentFeatures> each;
        private final List<RowResult> waiting = new ArrayList<>(CHUNK);
        private final List<StudentFeatures> checked = new ArrayList<>(CHUNK);
        private final List<StudentFeatures> features = new ArrayList<>(CHUNK);
        private final List<Integer> positions = new ArrayList<>(CHUNK);
        private long scored;

        Chunk(Threshold threshold, String modelVersion, Explainer explainer,
                BiConsumer<RowResult, StudentFeatures> each) {
            this.threshold = threshold;
            this.modelVersion = modelVersion;
            this.explainer = explainer;
            this.each = each;
        }

        /** {@code studentFeatures}: the row's checked features, {@code null} for a rejected row. */
        void add(RowResult result, StudentFeatures studentFeatures, boolean score) {
            if (!score && features.isEmpty()) {
                each.accept(result, studentFeatures);
                return;
            }
            if (score) {
                positions.add(waiting.size());
                features.add(studentFeatures);
            }
            waiting.add(result);
            checked.add(studentFeatures);
        }

        int scorable() {
            return features.size();
        }

        void flush() {
            if (!features.isEmpty()) {
                double[] probabilities = predictor.probabilities(features);
                List<Explanation> explanations = explainer == null ? null : explainer.explain(features);
                Instant now = clock.instant();
                for (int i = 0; i < probabilities.length; i++) {
                    int at = positions.get(i);
                    RowResult row = waiting.get(at);
                    Explanation why = explanations == null ? null : explanations.get(i);
                    waiting.set(at, scored(row, probabilities[i], now, why));
                }
                scored += probabilities.length;
            }
            for (int i = 0; i < waiting.size(); i++) {
                each.accept(waiting.get(i), checked.get(i));
            }
            waiting.clear();
            checked.clear();
            features.clear();
            positions.clear();
        }

        private RowResult scored(RowResult row, double probability, Instant now, Explanation explanation) {
            List<FeatureWarning> warnings = row.warnings();
            Prediction prediction = Prediction.of(TimeOrderedIds.next(now), row.studentId(), probability,
                    threshold, modelVersion, now).withWarnings(warnings);
            return new RowResult(row.line(), row.studentId(), row.phase(), row.className(), prediction, warnings,
                    List.of(), explanation);
        }
    }
}
