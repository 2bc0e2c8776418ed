package org.magicsteps.model.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.io.TempDir;
import org.magicsteps.core.port.RowSource;
import org.magicsteps.core.port.contract.RowSourceContract;

/** A PEDE sheet is a {@link RowSource} like any other. */
class PedeSheetRowSourceTest extends RowSourceContract {

    @TempDir
    Path dir;

    @Override
    protected RowSource sourceOf(List<String> studentIds) throws Exception {
        StringBuilder csv = new StringBuilder("RA,IPV\n");
        for (int i = 0; i < studentIds.size(); i++) {
            csv.append(studentIds.get(i)).append(',').append(i).append('\n');
        }
        Path file = Files.writeString(dir.resolve("sheet-" + System.nanoTime() + ".csv"), csv);
        return PedeSheetReader.forFeatures(List.of("score_ipv"), java.util.Set.of("score_ipv")).open(file, null);
    }
}
