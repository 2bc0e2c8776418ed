package org.magicsteps.model.data;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.magicsteps.core.domain.FeatureSchema;
import org.magicsteps.core.domain.FeatureSpec;

/**
 * Reads PEDE sheets (CSV or XLSX) into {@link SheetRow}s in canonical feature names. A sheet may
 * use the NGO's own headers ({@code Idade 22}, {@code INDE 22}, {@code Nº Av}, ...) or the
 * canonical names; other columns are ignored. {@code pedra_modal} comes from a
 * {@code pedra_modal} column or, failing that, from {@code Pedra 20/21/22} by the original's rule
 * (see {@link PedraModal}). The student id comes from a {@code student_id} or {@code RA} column.
 *
 * <pre>{@code
 * PedeSheetReader reader = PedeSheetReader.forSchema(predictor.schema());
 * try (PedeSheet sheet = reader.open(Path.of("pede2022.xlsx"), null)) {
 *     sheet.rows().forEach(row -> ...);
 * }
 * }</pre>
 */
public final class PedeSheetReader {

    private final List<String> features;
    private final Set<String> required;
    private final boolean withTarget;

    private PedeSheetReader(List<String> features, Set<String> required, boolean withTarget) {
        this.features = List.copyOf(features);
        this.required = Set.copyOf(required);
        this.withTarget = withTarget;
        if (!this.features.containsAll(this.required)) {
            throw new IllegalArgumentException("required features " + required + " are not all among " + features);
        }
    }

    /**
     * A reader of the features of {@code schema}; its required features must have columns.
     */
    public static PedeSheetReader forSchema(FeatureSchema schema) {
        return new PedeSheetReader(schema.names(),
                schema.features().stream().filter(FeatureSpec::required).map(FeatureSpec::name)
                        .collect(java.util.stream.Collectors.toSet()), false);
    }

    /**
     * A reader of the named features (canonical names), of which {@code required} must have
     * columns.
     */
    public static PedeSheetReader forFeatures(List<String> features, Set<String> required) {
        return new PedeSheetReader(features, required, false);
    }

    /**
     * The same reader, also reading the {@code Atingiu PV} target ({@code Sim}/{@code Não}),
     * whose column then becomes required.
     */
    public PedeSheetReader withTarget() {
        return new PedeSheetReader(features, required, true);
    }

    /**
     * Opens {@code file} (XLSX when its content is a workbook, CSV otherwise), recognises its
     * layout by its headers and checks them: every required feature has a column.
     *
     * @param sheetName the workbook's sheet to read; {@code null} for the first; ignored for CSV
     * @throws MissingColumnsException naming every missing column, the headers it accepts and the
     *     headers the sheet has
     * @throws SheetException when the file cannot be read or has no such sheet
     */
    public PedeSheet open(Path file, String sheetName) {
        Objects.requireNonNull(file, "file");
        String source = file.toString();
        if (Files.isDirectory(file)) {
            throw new SheetException(source + ": is a directory, not a CSV or XLSX file");
        }
        if (!Files.exists(file)) {
            throw new SheetException(source + ": does not exist");
        }
        return open(Content.of(file), source, sheetName);
    }

    /**
     * Opens a sheet held in memory (an upload), as {@link #open(Path, String)} opens a file.
     *
     * @param name what messages call it, such as the uploaded file's name
     */
    public PedeSheet open(byte[] content, String name, String sheetName) {
        return open(Content.of(Objects.requireNonNull(content, "content")), Objects.requireNonNull(name, "name"),
                sheetName);
    }

    private PedeSheet open(Content content, String source, String sheetName) {
        boolean workbook = isWorkbook(content, source);
        java.util.function.Supplier<RawRows> opener = () -> workbook ? xlsx(content, source, sheetName)
                : new CsvRows(content, source);
        RawRows rows = opener.get();
        try {
            SheetLayout layout = new SheetLayout(source, rows.header(), features, required, withTarget);
            return new PedeSheet(source, rows, opener, layout, layout.mayRecomputeRankings());
        } catch (RuntimeException e) {
            rows.close();
            throw e;
        }
    }

    private static boolean isWorkbook(Content content, String source) {
        byte[] head = new byte[8];
        int read;
        try (InputStream in = content.open()) {
            read = in.readNBytes(head, 0, head.length);
        } catch (NoSuchFileException e) {
            throw new SheetException(source + ": does not exist", e);
        } catch (IOException e) {
            throw new SheetException(source + ": cannot be read: " + e.getMessage(), e);
        }
        if (read == 8 && ReadableWorkbook.isOLE2Header(head)) {
            throw new SheetException(source + ": is an old binary .xls workbook; save it as .xlsx or CSV");
        }
        return read >= 4 && ReadableWorkbook.isOOXMLZipHeader(head);
    }

    private static RawRows xlsx(Content content, String source, String sheetName) {
        try {
            return new XlsxRows(new BufferedInputStream(content.open()), source, sheetName);
        } catch (IOException e) {
            throw new SheetException(source + ": cannot be read: " + e.getMessage(), e);
        }
    }

    /** The features this reader reads, in order. */
    public List<String> features() {
        return features;
    }
}
