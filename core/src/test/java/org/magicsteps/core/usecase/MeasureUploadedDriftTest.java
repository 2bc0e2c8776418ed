package org.magicsteps.core.usecase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.magicsteps.core.domain.Actor;
import org.magicsteps.core.domain.DriftLevel;
import org.magicsteps.core.domain.DriftReport;
import org.magicsteps.core.domain.FeatureDrift;
import org.magicsteps.core.domain.Role;
import org.magicsteps.core.domain.StudentRow;
import org.magicsteps.core.domain.ValidationException;
import org.magicsteps.core.memory.InMemoryRowSource;
import org.magicsteps.core.port.SheetUploads;

/** An uploaded sheet's drift from a served model's training data: admins only, nothing scored. */
class MeasureUploadedDriftTest {

    private static final Actor ANA = new Actor("ana", Role.ADMIN);
    private final List<String> opened = new ArrayList<>();

    /** The "file" is the list of score_ipv values, one row each. */
    private final SheetUploads uploads = (content, name, schema) -> {
        opened.add(name);
        List<StudentRow> rows = new ArrayList<>();
        String[] values = new String(content, StandardCharsets.UTF_8).split(",");
        for (int i = 0; i < values.length; i++) {
            Map<String, Object> features = new HashMap<>();
            features.put("score_ipv", Double.parseDouble(values[i]));
            features.put("genero", "menina");
            rows.add(new StudentRow(i + 2, "RA-" + i, features, List.of()));
        }
        return new InMemoryRowSource(name, "test layout", rows);
    };

    private final MeasureUploadedDrift drift = new MeasureUploadedDrift(
            ServedModels.of(new DriftTest.ReferencedPredictor()), uploads);

    private static MeasureUploadedDrift.Command upload(String values, String model) {
        return new MeasureUploadedDrift.Command(values.getBytes(StandardCharsets.UTF_8), "pede2024.xlsx", model);
    }

    @Test
    void theSheetIsComparedWithTheModelsTrainingBinsFeatureByFeature() {
        DriftReport report = drift.execute(ANA, upload("9,9,9,1,11", null));

        assertEquals("pede2024.xlsx", report.source());
        assertEquals(5, report.rows());
        FeatureDrift ipv = report.features().stream().filter(f -> f.feature().equals("score_ipv")).findFirst()
                .orElseThrow();
        assertEquals(0.4, ipv.outsideShare(), 1e-12, "1 and 11 lie outside 2–10");
        assertEquals(DriftLevel.MAJOR, ipv.level(), "60 % in a bin training never filled");
        assertTrue(report.anyMajor());
    }

    @Test
    void aNonAdminIsRefusedBeforeTheUploadIsReadAndAnUnknownModelIsNotFound() {
        assertThrows(AccessDeniedException.class, () -> drift.execute(new Actor("bia", Role.USER), upload("9", null)));
        assertEquals(List.of(), opened, "the upload was not read");

        NotFoundException unknown = assertThrows(NotFoundException.class, () -> drift.execute(ANA, upload("9", "nope")));
        assertTrue(unknown.getMessage().contains("nope"), unknown.getMessage());
    }

    @Test
    void aSheetWithoutAnyOfTheModelsFeaturesIsRefused() {
        SheetUploads empty = (content, name, schema) -> new InMemoryRowSource(name, "other",
                List.of(new StudentRow(2, null, new HashMap<>(Map.of("nome", "x")), List.of())));
        ValidationException refused = assertThrows(ValidationException.class, () -> new MeasureUploadedDrift(
                ServedModels.of(new DriftTest.ReferencedPredictor()), empty).execute(ANA, upload("9", null)));
        assertTrue(refused.violations().get(0).message().startsWith("pede2024.xlsx: no row holds any"),
                refused.violations().get(0).message());
    }
}
