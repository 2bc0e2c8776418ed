package org.magicsteps.model.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import com.code_intelligence.jazzer.junit.FuzzTest;

import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fuzzes the PEDE sheet reader on workbooks, from small XLSX files written by fastexcel: see
 * {@link SheetFuzzing} for what is checked. Most mutations break the ZIP or its XML, which is
 * what a damaged upload looks like.
 */
class XlsxSheetFuzzTest {

    static Stream<byte[]> workbooks() throws IOException {
        Path dir = Files.createTempDirectory("xlsx-seeds");
        try {
            List<Object> header = List.of("RA", "Fase", "Idade 22", "INDE 22", "IPV", "Turma", "Gênero", "Pedra 22",
                    "Atingiu PV");
            byte[] small = Files.readAllBytes(Sheets.xlsx(dir.resolve("small.xlsx"), List.of("PEDE2022"), List.of(
                    header, List.of("RA-1", 3, 12, 7.1, 7.3, "B", "Menina", "Ametista", "Sim"))));
            byte[] empty = Files.readAllBytes(Sheets.xlsx(dir.resolve("empty.xlsx"), List.of("Plan1"), List.of()));
            return Stream.of(small, empty);
        } finally {
            try (Stream<Path> files = Files.list(dir)) {
                files.forEach(f -> f.toFile().delete());
            }
            Files.delete(dir);
        }
    }

    @MethodSource("workbooks")
    @FuzzTest
    void anyWorkbookIsReadOrRefusedWithASheetException(byte[] content) {
        SheetFuzzing.readOrRefuse(content, ".xlsx");
    }
}
