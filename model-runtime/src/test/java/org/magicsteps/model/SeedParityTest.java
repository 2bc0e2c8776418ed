package org.magicsteps.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.magicsteps.core.domain.StudentFeatures;
import org.magicsteps.model.bundle.BundleManifest;
import org.magicsteps.model.bundle.OutputKind;

/** The original network, served from its own export, answers what the original service answered. */
class SeedParityTest {

    private static final double TOLERANCE = 1e-5;

    record Expected(String ra, StudentFeatures features, double probability) {
    }

    static List<Expected> paritySample(Path seed, BundleManifest manifest) throws IOException {
        List<Expected> rows = new ArrayList<>();
        try (Reader in = Files.newBufferedReader(seed.resolve("parity-sample.csv"), StandardCharsets.UTF_8)) {
            for (CSVRecord record : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
                Map<String, Object> raw = new LinkedHashMap<>();
                manifest.schema().names().forEach(name -> raw.put(name, record.get(name)));
                rows.add(new Expected(record.get("RA"), manifest.schema().parse(raw).orThrow(),
                        Double.parseDouble(record.get("expected_probability"))));
            }
        }
        return rows;
    }

    @Test
    void everyRowOfTheParitySampleMatchesTheOriginalService() throws IOException {
        Path seed = Shared.seedModel();
        try (OnnxPredictor predictor = OnnxPredictor.load(seed)) {
            BundleManifest manifest = predictor.bundle().manifest();
            assertEquals(OutputKind.LOGIT, manifest.onnx().outputKind());
            assertEquals(18, manifest.inputWidth());
            List<Expected> sample = paritySample(seed, manifest);
            assertEquals(40, sample.size());
            assertMatches(sample, predictor.probabilities(sample.stream().map(Expected::features).toList()));
            // One student at a time gives the same answers as the batch.
            for (Expected row : sample) {
                assertEquals(row.probability(), predictor.probabilities(List.of(row.features()))[0], TOLERANCE, row.ra());
            }
        }
    }

    @Test
    void theImportedBundleGivesTheSameAnswers(@TempDir Path dir) throws IOException {
        Path seed = Shared.seedModel();
        ModelBundle imported = ModelBundle.load(seed);
        imported.save(dir);
        assertTrue(Files.exists(dir.resolve("manifest.json")));
        try (OnnxPredictor predictor = OnnxPredictor.load(dir)) {
            assertEquals(imported.manifest(), predictor.bundle().manifest());
            List<Expected> sample = paritySample(seed, predictor.bundle().manifest());
            assertMatches(sample, predictor.probabilities(sample.stream().map(Expected::features).toList()));
        }
    }

    private static void assertMatches(List<Expected> sample, double[] probabilities) {
        assertEquals(sample.size(), probabilities.length);
        double worst = 0;
        for (int i = 0; i < sample.size(); i++) {
            Expected row = sample.get(i);
            double p = probabilities[i];
            worst = Math.max(worst, Math.abs(p - row.probability()));
            assertEquals(row.probability(), p, TOLERANCE, () -> row.ra() + ": expected " + row.probability() + ", got " + p);
        }
        System.out.printf("parity: worst absolute difference %.3g over %d rows%n", worst, sample.size());
    }
}
