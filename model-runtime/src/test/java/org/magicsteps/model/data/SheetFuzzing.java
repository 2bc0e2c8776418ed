package org.magicsteps.model.data;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.magicsteps.core.domain.FeatureSchema;
import org.magicsteps.core.testing.Students;

/**
 * What the sheet fuzz tests check on any file: it opens and every row reads, each row's features
 * then parse to features or violations; or the reader refuses it with a {@link SheetException}
 * (its documented refusal) that names the file. Nothing else may escape.
 */
final class SheetFuzzing {

    private static final FeatureSchema SCHEMA = Students.originalSchema();
    private static final PedeSheetReader READER = PedeSheetReader.forSchema(SCHEMA).withTarget();

    private SheetFuzzing() {
    }

    static void readOrRefuse(byte[] content, String suffix) {
        Path file;
        try {
            file = Files.createTempFile("fuzzed-sheet", suffix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            Files.write(file, content);
            try (PedeSheet sheet = READER.open(file, null)) {
                sheet.rows().forEach(row -> {
                    assertTrue(row.line() >= 2, "rows come after the header: " + row.line());
                    assertNotNull(SCHEMA.parse(row.features()));
                });
            } catch (SheetException refused) {
                assertNotNull(refused.getMessage());
                assertFalse(refused.getMessage().isBlank());
                assertTrue(refused.getMessage().contains(file.toString()), "names the file: " + refused.getMessage());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
