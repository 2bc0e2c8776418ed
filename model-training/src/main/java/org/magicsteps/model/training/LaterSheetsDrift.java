package org.magicsteps.model.training;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.magicsteps.core.domain.DriftReport;
import org.magicsteps.core.domain.ModelCard;
import org.magicsteps.core.port.RowSource;
import org.magicsteps.core.usecase.MeasureDrift;
import org.magicsteps.model.ModelBundle;
import org.magicsteps.model.OnnxPredictor;
import org.magicsteps.model.data.PedeSheetReader;
import org.magicsteps.model.evaluation.LabelledSheet;

/**
 * Step 12, drift of later sheets ({@code train --drift-data}): each sheet's students compared,
 * feature by feature, with the new bundle's own training reference (the histograms it carries), by
 * the same {@link MeasureDrift} use case as {@code magic-steps drift}, so that the model card says how
 * another year's students differ from the ones the model learned from. The sheets need no labels;
 * they are read once and never trained on.
 */
final class LaterSheetsDrift {

    private static final Pattern YEAR = Pattern.compile("(20\\d\\d)");

    private LaterSheetsDrift() {
    }

    /**
     * @throws org.magicsteps.model.data.SheetException when a sheet cannot be read
     * @throws org.magicsteps.core.domain.ValidationException when a sheet holds none of the model's features
     */
    static ModelCard.Drift measure(ModelBundle bundle, List<Path> sheets, Consumer<String> progress) {
        List<ModelCard.SheetDrift> measured = new ArrayList<>();
        try (OnnxPredictor predictor = OnnxPredictor.open(bundle)) {
            MeasureDrift drift = new MeasureDrift(predictor);
            for (Path sheet : sheets) {
                PedeSheetReader reader = PedeSheetReader.forFeatures(predictor.schema().names(), Set.of());
                try (RowSource rows = reader.open(sheet, null)) {
                    DriftReport report = drift.execute(rows);
                    String file = sheet.getFileName().toString();
                    ModelCard.SheetDrift result = ModelCard.SheetDrift.of(report, file, year(rows.layout(), file),
                            LabelledSheet.fingerprint(sheet));
                    progress.accept(String.format(Locale.ROOT, "drift of %s (%s): %s", file, rows.layout(),
                            result.finding()));
                    measured.add(result);
                }
            }
        }
        return ModelCard.Drift.of(measured);
    }

    /** The PEDE year the reader recognised ({@code PEDE 2023}), else one in the file's name, else none. */
    static Integer year(String layout, String file) {
        for (String text : new String[] {layout, file}) {
            Matcher m = YEAR.matcher(text == null ? "" : text);
            if (m.find()) {
                return Integer.valueOf(m.group(1));
            }
        }
        return null;
    }
}
