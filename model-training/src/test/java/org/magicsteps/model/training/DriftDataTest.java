package org.magicsteps.model.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.magicsteps.core.domain.ModelCard;
import org.magicsteps.model.ModelBundle;
import org.magicsteps.model.evaluation.LabelledSheet;

/** {@code train --drift-data}: other years' sheets measured against the new bundle and recorded in its card. */
class DriftDataTest {

    @TempDir
    Path dir;

    @Test
    void theCardSaysHowEachOtherYearDriftsAndTheModelIsTheSame() throws IOException {
        Path data = PedeSamples.write(dir.resolve("pede.csv"), 260, 7, 0);
        // A sheet in 2023's headers whose IPS fell by 3 points for every student, and one like training's.
        Path later = shifted(PedeSamples.write(dir.resolve("raw.csv"), 200, 8, 0), dir.resolve("pede-2023.csv"),
                "IPS", -3.0);
        Path alike = PedeSamples.write(dir.resolve("alike.csv"), 260, 7, 0);
        TrainingResult plain = TrainingPipeline.run(new TrainingOptions(data, null, dir.resolve("plain"), "m",
                Set.of("score_ipv"), Set.of(), 11, null, null), line -> { }, TrainingPipelineTest.SMALL);
        List<String> progress = new ArrayList<>();
        TrainingResult measured = TrainingPipeline.run(new TrainingOptions(data, null, dir.resolve("measured"), "m",
                Set.of("score_ipv"), Set.of(), 11, null, null, List.of(later, alike)), progress::add,
                TrainingPipelineTest.SMALL);

        assertArrayEquals(plain.bundle().onnxModel(), measured.bundle().onnxModel(), "measuring drift trains nothing");
        ModelCard card = ModelBundle.load(dir.resolve("measured")).manifest().modelCard();
        assertEquals(measured.bundle().manifest().modelCard(), card, "the card is written as measured");
        ModelCard.Drift drift = card.drift();
        assertEquals("major", drift.status(), drift.toString());
        assertEquals("pede-2023.csv, alike.csv", drift.comparedWith());
        assertEquals(2, drift.sheets().size());

        ModelCard.SheetDrift first = drift.sheets().get(0);
        assertEquals("pede-2023.csv", first.file());
        assertEquals(2023, first.year());
        assertEquals(200, first.rows());
        assertEquals(LabelledSheet.fingerprint(later), first.fingerprint());
        assertEquals("score_ips", first.mostDrifted().get(0).feature(), first.toString());
        assertTrue(first.mostDrifted().get(0).psi() > 0.25, first.toString());
        assertTrue(first.mostDrifted().get(0).outsideShare() > 0.1, "IPS fell below the training range");
        int read = (int) measured.bundle().manifest().features().stream().filter(f -> f.transform().width() > 0)
                .count();
        assertEquals(read, first.stable() + first.moderate() + first.major(), "every feature the model reads counts");

        ModelCard.SheetDrift second = drift.sheets().get(1);
        assertEquals(0, second.major(), "a sheet drawn like the training data: " + second);
        assertEquals(2022, second.year(), "the year its headers name");

        assertTrue(card.knownLimits().get(0).contains("only how other years' students differ"), card.knownLimits()
                .toString());
        assertTrue(card.knownLimits().stream().anyMatch(l -> l.startsWith("On pede-2023.csv (PEDE 2023) ")
                && l.contains("score_ips PSI")), card.knownLimits().toString());
        assertTrue(progress.stream().anyMatch(l -> l.startsWith("drift of pede-2023.csv")), progress.toString());
        String html = Files.readString(dir.resolve("measured").resolve("report.html"), StandardCharsets.UTF_8);
        assertTrue(html.contains("Drift of other years' sheets") && html.contains("pede-2023.csv"), "the report");
        assertEquals(ModelCard.Drift.NOT_MEASURED, plain.bundle().manifest().modelCard().drift().status());
    }

    @Test
    void theTrainingSheetIsNoOtherYear() {
        Path data = dir.resolve("pede.csv");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new TrainingOptions(data,
                null, dir.resolve("out"), "m", Set.of(), Set.of(), 11, null, null, List.of(data)));
        assertTrue(e.getMessage().startsWith("--drift-data: "), e.getMessage());
    }

    /** {@code source} with 2023's headers and {@code column}'s numbers moved by {@code by}, clipped to 0–10. */
    private static Path shifted(Path source, Path target, String column, double by) throws IOException {
        List<String> lines = Files.readAllLines(source, StandardCharsets.UTF_8);
        int index = List.of(lines.get(0).split(",", -1)).indexOf(column);
        List<String> out = new ArrayList<>(List.of(lines.get(0).replace("Idade 22", "Idade")
                .replace("INDE 22", "INDE 2023").replace("Pedra 22", "Pedra 2023")));
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",", -1);
            if (!cells[index].isBlank()) {
                double value = Math.max(0, Math.min(10, Double.parseDouble(cells[index]) + by));
                cells[index] = String.format(Locale.ROOT, "%.2f", value);
            }
            out.add(String.join(",", cells));
        }
        return Files.write(target, out, StandardCharsets.UTF_8);
    }
}
