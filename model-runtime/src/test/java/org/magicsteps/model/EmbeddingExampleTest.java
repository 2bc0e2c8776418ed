package org.magicsteps.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.magicsteps.core.domain.Prediction;
import org.magicsteps.core.domain.StudentFeatures;
import org.magicsteps.core.domain.ValidationException;

/** The embedding example in model-runtime/README.md compiles, runs, and is the code below. */
class EmbeddingExampleTest {

    private static final Path README = Path.of(System.getProperty("magicsteps.repoRoot", "."), "model-runtime", "README.md");
    private static final Path SOURCE = Path.of(System.getProperty("magicsteps.repoRoot", "."),
            "model-runtime/src/test/java/org/magicsteps/model/EmbeddingExampleTest.java");

    /** Runs the README's example on {@code bundleDirectory} and returns what it printed. */
    private static String runExample(Path bundleDirectory) {
        PrintStream original = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            // README:start
            try (EmbeddedModel model = EmbeddedModel.open(bundleDirectory)) {
                StudentFeatures student = StudentFeatures.builder().fase(3).idade(12).anoIngresso(2020)
                        .scoreInde(7.1).scoreIaa(8.0).scoreIeg(7.5).scoreIps(6.9).scoreIda(6.2).scoreIpv(7.3)
                        .scoreIan(5.0).notaCg(300).notaCf(60).notaCt(8).numAvaliacoes(3).defasagem(-1)
                        .turma("B").genero("Menina").pedraModal("Ametista").build();
                Prediction prediction = model.predict(student);
                System.out.println(prediction.probability() + " " + prediction.predictedClass() + " "
                        + prediction.confidence().label());
            }
            // README:end
        } finally {
            System.setOut(original);
        }
        return printed.toString(StandardCharsets.UTF_8).strip();
    }

    @Test
    void theReadmeShowsExactlyTheCodeThisTestRuns() throws IOException {
        String readme = Files.readString(README);
        Matcher block = Pattern.compile("<!-- embedding-example -->\\s*```java\\n(.*?)```", Pattern.DOTALL).matcher(readme);
        assertTrue(block.find(), "model-runtime/README.md has no embedding example block");
        String source = Files.readString(SOURCE);
        String tested = source.substring(source.indexOf("// README:start") + "// README:start".length(),
                source.indexOf("            // README:end"));
        assertEquals(squash(block.group(1)), squash(tested));
    }

    @Test
    void theExampleRunsOnABundle(@TempDir Path dir) {
        Path bundleDirectory = TestGraphs.pedeBundle(new float[18], 1.0f).save(dir.resolve("bundle"));
        String printed = runExample(bundleDirectory);
        double expected = 1 / (1 + Math.exp(-1.0));
        assertEquals((float) expected, Float.parseFloat(printed.split(" ")[0]), 1e-6);
        assertTrue(printed.endsWith(" 1 média"), printed);
    }

    @Test
    void theExampleRunsOnTheOriginalModel() {
        Path seed = Shared.seedModel();
        String printed = runExample(seed);
        try (OnnxPredictor predictor = OnnxPredictor.load(seed)) {
            StudentFeatures student = predictor.schema().parse(TestGraphs.student()).orThrow();
            double p = predictor.probabilities(List.of(student))[0];
            assertTrue(printed.startsWith(p + " " + (p >= 0.5 ? 1 : 0) + " "), printed + " vs " + p);
        }
    }

    @Test
    void invalidFeaturesAreRefusedWithEveryViolationAndTheThresholdCanMove(@TempDir Path dir) {
        try (EmbeddedModel model = EmbeddedModel.open(TestGraphs.pedeBundle(new float[18], 1.0f))) {
            var raw = TestGraphs.student();
            raw.put("score_inde", 11.2);
            raw.put("genero", "outro");
            ValidationException e = assertThrows(ValidationException.class, () -> model.predict("s-1", raw));
            assertEquals(2, e.violations().size());
            assertTrue(e.getMessage().contains("score_inde: 11.2 is above the maximum 10"), e.getMessage());
            assertTrue(e.getMessage().contains("genero: 'outro' is not one of [menina, menino]"), e.getMessage());

            StudentFeatures student = model.schema().parse(TestGraphs.student()).orThrow();
            assertEquals(1, model.predict(student).predictedClass());
            model.setThreshold(0.8);
            Prediction strict = model.predict(student);
            assertEquals(0, strict.predictedClass());
            assertEquals(0.8, strict.threshold().value());
            assertEquals(3, model.predictAll(List.of(student, student, student)).size());
        }
    }

    private static String squash(String code) {
        return code.replaceAll("\\s+", " ").strip();
    }
}
