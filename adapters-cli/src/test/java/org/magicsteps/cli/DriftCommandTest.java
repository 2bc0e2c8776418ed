package org.magicsteps.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.magicsteps.model.ModelBundle;
import org.magicsteps.model.TestGraphs;
import org.magicsteps.model.bundle.BundleManifest;
import org.magicsteps.model.bundle.FeatureDefinition;
import org.magicsteps.model.bundle.ReferenceHistogram;

/** {@code magic-steps drift}: the table, drift.html, and the exit codes. */
class DriftCommandTest {

    private static final String HEADER = "RA,Fase,Turma,Idade 22,Gênero,Ano ingresso,Pedra 20,Pedra 21,Pedra 22,"
            + "INDE 22,Cg,Cf,Ct,Nº Av,IAA,IEG,IPS,IDA,IPV,IAN,Defas";
    private static final float[] WEIGHTS = {0.5f, -0.3f, 0.2f, 1.1f, 0.4f, 0.6f, -0.2f, 0.9f, 4.5f, -0.4f, -0.8f, 0.1f,
        0.05f, 0.3f, 0.7f, 0.02f, -0.6f, 0.25f};

    @TempDir
    Path dir;
    Path model;

    /** The synthetic bundle, with the training histograms of IPV (evenly from 5 to 9) and of gender (half and half). */
    @BeforeEach
    void saveModel() {
        ModelBundle bundle = TestGraphs.pedeBundle(WEIGHTS, -4f);
        BundleManifest manifest = bundle.manifest();
        List<FeatureDefinition> features = new ArrayList<>();
        for (FeatureDefinition f : manifest.features()) {
            features.add(switch (f.name()) {
                case "score_ipv" -> f.withHistogram(ReferenceHistogram.ofValues(evenly(5, 9, 101), 0));
                case "genero" -> f.withHistogram(ReferenceHistogram.ofWords(List.of(), List.of("menina", "menino"), 0));
                default -> f;
            });
        }
        model = bundle.withManifest(manifest.withFeatures(features)).save(dir.resolve("model"));
    }

    private static double[] evenly(double from, double to, int count) {
        double[] values = new double[count];
        for (int i = 0; i < count; i++) {
            values[i] = from + (to - from) * i / (count - 1);
        }
        return values;
    }

    private Path sheet(String name, double... ipvs) throws IOException {
        StringBuilder csv = new StringBuilder(HEADER).append('\n');
        for (int i = 0; i < ipvs.length; i++) {
            csv.append("RA-").append(i).append(",3,B,12,").append(i % 2 == 0 ? "Menina" : "Menino")
                    .append(",2020,,Ametista,Quartzo,7.1,300,60,8,3,8.0,7.5,6.9,6.2,").append(ipvs[i])
                    .append(",5.0,-1\n");
        }
        return Files.writeString(dir.resolve(name), csv);
    }

    @Test
    void aSheetLikeTheTrainingDataIsStableAndTheReportIsWritten() throws IOException {
        Path html = dir.resolve("reports/drift.html");
        CliRun run = CliRun.of("drift", "--model", model.toString(), "--data",
                sheet("like.csv", evenly(5.02, 8.98, 50)).toString(),
                "--html", html.toString());
        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.out().contains("like.csv: 50 students against the training data of synthetic synthetic-1"),
                run.out());
        assertTrue(run.out().lines().anyMatch(l -> l.matches("\\s+score_ipv\\s+reads\\s+0\\.\\d{3}\\s+stable.*")),
                run.out());
        assertTrue(run.out().lines().anyMatch(l -> l.matches("\\s+fase\\s+reads\\s+—\\s+no reference.*")), run.out());
        assertTrue(run.out().contains("an empty bin counted as 0.0001"), run.out());
        String page = Files.readString(html);
        assertTrue(page.startsWith("<!DOCTYPE html>"));
        assertTrue(page.contains("<svg") && page.contains("score_ipv, PSI "), "a picture per feature with a reference");
        assertEquals(2, page.split("<svg", -1).length - 1, "only IPV and gender have a training reference");
    }

    @Test
    void aSheetThatMovedIsMajorAndExitsOne() throws IOException {
        CliRun run = CliRun.of("drift", "--model", model.toString(), "--data",
                sheet("moved.csv", 2.5, 3.0, 3.5, 4.0, 4.2, 4.4, 2.8, 3.9).toString(),
                "--html", dir.resolve("drift.html").toString());
        assertEquals(1, run.exitCode(), run::toString);
        assertTrue(run.out().lines().anyMatch(l -> l.matches("\\s+score_ipv\\s+reads\\s+\\d+\\.\\d{3}\\s+major\\s+"
                + "100\\.0 %.*")), run.out());
        assertTrue(run.out().contains("A feature the model reads drifted majorly."), run.out());
    }

    @Test
    void aSheetThatCannotBeReadIsBadInput() throws IOException {
        CliRun missing = CliRun.of("drift", "--model", model.toString(), "--data", dir.resolve("nope.csv").toString());
        assertEquals(2, missing.exitCode(), missing::toString);
        assertTrue(missing.err().startsWith("error: "), missing.err());
        Path other = Files.writeString(dir.resolve("other.csv"), "a,b\n1,2\n");
        CliRun foreign = CliRun.of("drift", "--model", model.toString(), "--data", other.toString());
        assertEquals(2, foreign.exitCode(), foreign::toString);
        assertTrue(foreign.err().contains("no row holds any of the model's features"), foreign.err());
    }
}
