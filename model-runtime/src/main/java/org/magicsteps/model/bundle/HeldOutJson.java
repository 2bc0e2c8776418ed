package org.magicsteps.model.bundle;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import org.magicsteps.core.domain.HeldOutEvaluation;
import org.magicsteps.core.domain.HeldOutEvaluation.OperatingPoint;

/**
 * Reads and writes a bundle's optional {@value #FILE}: what each threshold does on the model's
 * held-out test split (see {@link HeldOutEvaluation}), written by {@code magic-steps train} beside
 * the manifest. Strict like the manifest: an unknown key or a count that does not add up is
 * refused, naming the JSON path.
 *
 * <pre>{@code
 * {"split": "the held-out test split: 138 students (18 reached the PV) …", "students": 138, "positives": 18,
 *  "operating_points": [{"threshold": 0.998, "flagged": 1, "true_positives": 1}, …]}
 * }</pre>
 */
public final class HeldOutJson {

    /** The file's name inside a bundle. */
    public static final String FILE = "held-out.json";

    private static final ObjectMapper MAPPER = JsonDocuments.strictMapper(true)
            .enable(SerializationFeature.INDENT_OUTPUT);

    private HeldOutJson() {
    }

    record Document(String split, Integer students, Integer positives, List<Point> operatingPoints) {
    }

    record Point(Double threshold, Integer flagged, Integer truePositives) {
    }

    /**
     * @throws IllegalArgumentException when {@code json} is not such a document; the message names
     *     the JSON path and the problem
     */
    public static HeldOutEvaluation read(byte[] json) {
        Document document = JsonDocuments.read(MAPPER, json, Document.class, Map.of());
        List<Point> points = JsonDocuments.requireAll(document.operatingPoints(), "operating_points");
        List<OperatingPoint> read = new java.util.ArrayList<>(points.size());
        for (int i = 0; i < points.size(); i++) {
            Point point = points.get(i);
            String path = JsonDocuments.at("operating_points", i);
            read.add(JsonDocuments.at(path, () -> new OperatingPoint(
                    JsonDocuments.require(point.threshold(), JsonDocuments.at(path, "threshold")),
                    JsonDocuments.require(point.flagged(), JsonDocuments.at(path, "flagged")),
                    JsonDocuments.require(point.truePositives(), JsonDocuments.at(path, "true_positives")))));
        }
        return JsonDocuments.at("", () -> new HeldOutEvaluation(
                JsonDocuments.require(document.split(), "split"),
                JsonDocuments.require(document.students(), "students"),
                JsonDocuments.require(document.positives(), "positives"), read));
    }

    /** The document as indented JSON, UTF-8. */
    public static byte[] write(HeldOutEvaluation evaluation) {
        List<Point> points = evaluation.points().stream()
                .map(p -> new Point(p.threshold(), p.flagged(), p.truePositives())).toList();
        try {
            return MAPPER.writeValueAsBytes(new Document(evaluation.split(), evaluation.students(),
                    evaluation.positives(), points));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a held-out evaluation could not be written as JSON", e);
        }
    }
}
