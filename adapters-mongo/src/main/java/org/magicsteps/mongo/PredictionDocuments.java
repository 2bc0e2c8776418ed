package org.magicsteps.mongo;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bson.Document;
import org.bson.conversions.Bson;
import org.magicsteps.core.domain.Confidence;
import org.magicsteps.core.domain.LogCursor;
import org.magicsteps.core.domain.LogQuery;
import org.magicsteps.core.domain.Prediction;
import org.magicsteps.core.domain.PredictionRecord;
import org.magicsteps.core.domain.StudentFeatures;
import org.magicsteps.core.domain.Threshold;
import org.magicsteps.core.port.PortException;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;

/**
 * A {@link PredictionRecord} as a document of the {@code predictions} collection, with the original
 * service's field names ({@code prediction_id}, {@code timestamp}, {@code user}, {@code student_id},
 * {@code features}, {@code probability}, {@code prediction}) and ours ({@code confidence}, {@code
 * threshold}, {@code model_version}, {@code batch_id}); and a {@link LogQuery} as a filter and sort.
 */
final class PredictionDocuments {

    static final String COLLECTION = "predictions";
    static final String PREDICTION_ID = "prediction_id";
    static final String TIMESTAMP = "timestamp";
    static final String USER = "user";
    static final String STUDENT_ID = "student_id";
    private static final String FEATURES = "features";
    private static final String PROBABILITY = "probability";
    private static final String PREDICTION = "prediction";
    private static final String CONFIDENCE = "confidence";
    private static final String THRESHOLD = "threshold";
    private static final String MODEL_VERSION = "model_version";
    private static final String BATCH_ID = "batch_id";

    /** Records written by the original service carry no threshold: it always used 0.5. */
    private static final Threshold ORIGINAL_THRESHOLD = new Threshold(0.5);
    private static final String UNKNOWN_MODEL_VERSION = "unknown";

    /** The log's order, newest first; the prediction id breaks ties so that pages never overlap. */
    static final Bson NEWEST_FIRST = Sorts.descending(TIMESTAMP, PREDICTION_ID);
    /** The order retention deletes in, along the same index. */
    static final Bson OLDEST_FIRST = Sorts.ascending(TIMESTAMP, PREDICTION_ID);

    private PredictionDocuments() {
    }

    /**
     * The unique prediction id makes a retried write harmless; the others serve the {@code
     * /monitor/logs} filters, each ending in the log's order so that MongoDB reads a page in index
     * order instead of sorting.
     */
    static void createIndexes(MongoCollection<Document> predictions) {
        predictions.createIndex(Indexes.ascending(PREDICTION_ID),
                new IndexOptions().unique(true).name("prediction_id_unique"));
        predictions.createIndex(Indexes.compoundIndex(Indexes.ascending(USER), NEWEST_FIRST),
                new IndexOptions().name("user_time"));
        predictions.createIndex(Indexes.compoundIndex(Indexes.ascending(STUDENT_ID), NEWEST_FIRST),
                new IndexOptions().name("student_time"));
        predictions.createIndex(NEWEST_FIRST, new IndexOptions().name("time"));
    }

    static Document toDocument(PredictionRecord record) {
        Prediction p = record.prediction();
        return new Document(PREDICTION_ID, p.predictionId())
                .append(TIMESTAMP, Date.from(p.timestamp()))
                .append(USER, record.user())
                .append(STUDENT_ID, p.studentId())
                .append(FEATURES, new Document(record.features().values()))
                .append(PROBABILITY, p.probability())
                .append(PREDICTION, p.predictedClass())
                .append(CONFIDENCE, p.confidence().label())
                .append(THRESHOLD, p.threshold().value())
                .append(MODEL_VERSION, p.modelVersion())
                .append(BATCH_ID, record.batchId());
    }

    /**
     * Reads a stored record. Records of the original service lack the threshold, confidence and
     * model version; they are read with its fixed threshold of 0.5, the confidence that follows
     * from it, and the model version {@value #UNKNOWN_MODEL_VERSION}.
     *
     * @throws PortException naming the document when it is not a record we can read
     */
    static PredictionRecord fromDocument(Document doc) {
        try {
            Threshold threshold = doc.containsKey(THRESHOLD)
                    ? new Threshold(doc.get(THRESHOLD, Number.class).doubleValue()) : ORIGINAL_THRESHOLD;
            double probability = doc.get(PROBABILITY, Number.class).doubleValue();
            Confidence confidence = doc.containsKey(CONFIDENCE)
                    ? Confidence.fromLabel(doc.getString(CONFIDENCE)) : Confidence.of(probability, threshold);
            String modelVersion = doc.containsKey(MODEL_VERSION) ? doc.getString(MODEL_VERSION) : UNKNOWN_MODEL_VERSION;
            Prediction prediction = new Prediction(doc.getString(PREDICTION_ID), doc.getString(STUDENT_ID), probability,
                    doc.get(PREDICTION, Number.class).intValue(), confidence, timestamp(doc.get(TIMESTAMP)),
                    modelVersion, threshold);
            Map<String, Object> features = new LinkedHashMap<>(doc.get(FEATURES, Document.class));
            return new PredictionRecord(prediction, doc.getString(USER), new StudentFeatures(features),
                    doc.getString(BATCH_ID));
        } catch (RuntimeException e) {
            Object id = doc.containsKey(PREDICTION_ID) ? doc.get(PREDICTION_ID) : doc.get("_id");
            throw new PortException("MongoDB: the document " + id + " of '" + COLLECTION
                    + "' is not a prediction record we can read: " + e.getMessage(), e);
        }
    }

    /** BSON dates, as we write them; ISO-8601 text, as other writers may have. */
    private static Instant timestamp(Object value) {
        if (value instanceof Date date) {
            return date.toInstant();
        }
        if (value instanceof String text) {
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException e) {
                // Python's isoformat() of a naive UTC datetime has no offset.
                return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
            }
        }
        throw new IllegalArgumentException("timestamp " + value + " is neither a date nor ISO-8601 text");
    }

    /**
     * The records made before {@code cutoff}. Records of other writers whose timestamp is text
     * never match (MongoDB compares a date with dates only), so retention leaves them alone.
     */
    static Bson before(Instant cutoff) {
        return Filters.lt(TIMESTAMP, Date.from(cutoff));
    }

    /** The filter that selects what {@code query} asks for, after its cursor. */
    static Bson filter(LogQuery query) {
        List<Bson> clauses = new ArrayList<>();
        if (query.user() != null) {
            clauses.add(Filters.eq(USER, query.user()));
        }
        if (query.studentId() != null) {
            clauses.add(Filters.eq(STUDENT_ID, query.studentId()));
        }
        if (query.from() != null) {
            clauses.add(Filters.gte(TIMESTAMP, Date.from(query.from())));
        }
        if (query.to() != null) {
            clauses.add(Filters.lt(TIMESTAMP, Date.from(query.to())));
        }
        LogCursor after = query.after();
        if (after != null) {
            Date at = Date.from(after.timestamp());
            clauses.add(Filters.or(Filters.lt(TIMESTAMP, at),
                    Filters.and(Filters.eq(TIMESTAMP, at), Filters.lt(PREDICTION_ID, after.predictionId()))));
        }
        return clauses.isEmpty() ? new Document() : Filters.and(clauses);
    }
}
