package org.magicsteps.cli;

import java.util.Locale;

import org.magicsteps.core.domain.DriftLevel;
import org.magicsteps.core.domain.DriftReport;
import org.magicsteps.core.domain.FeatureDrift;

/** The drift report as a table for the terminal, most drifted first. */
final class DriftTable {

    private DriftTable() {
    }

    static String text(DriftReport report) {
        StringBuilder text = new StringBuilder();
        text.append(String.format(Locale.ROOT, "%s: %d students against the training data of %s %s%n", report.source(),
                report.rows(), report.modelName(), report.modelVersion()));
        int width = Math.max(16, report.features().stream().mapToInt(f -> f.feature().length()).max().orElse(0));
        String row = "  %-" + width + "s %-7s %8s  %-16s %8s  %s%n";
        text.append(String.format(Locale.ROOT, row, "feature", "model", "PSI", "level", "outside",
                "missing (training → now)"));
        for (FeatureDrift f : report.mostDriftedFirst()) {
            text.append(String.format(Locale.ROOT, row, f.feature(), f.readByModel() ? "reads" : "ignores", psi(f),
                    level(f), share(f.outsideShare()), share(f.referenceMissingShare()) + " → "
                            + share(f.missingShare())));
        }
        text.append(String.format(Locale.ROOT, "PSI over the training bins, an empty bin counted as %s; below %s stable, "
                + "up to %s moderate, above major.%n", DriftTable.plain(FeatureDrift.EMPTY_BIN_SHARE), DriftLevel.MODERATE_FROM,
                DriftLevel.MAJOR_ABOVE));
        text.append(report.anyMajor() ? "A feature the model reads drifted majorly.%n".formatted()
                : "No feature the model reads drifted majorly.%n".formatted());
        return text.toString();
    }

    static String psi(FeatureDrift f) {
        return f.psi() == null ? "—" : String.format(Locale.ROOT, "%.3f", f.psi());
    }

    static String level(FeatureDrift f) {
        if (f.level() != null) {
            return f.level().label() + (f.psi() == null ? " (no value)" : "");
        }
        return f.referenceCounts().isEmpty() ? "no reference" : "no rows";
    }

    /** A number without an exponent: {@code 0.0001}, not {@code 1.0E-4}. */
    static String plain(double value) {
        return java.math.BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    static String share(Double share) {
        return share == null ? "—" : String.format(Locale.ROOT, "%.1f %%", share * 100);
    }
}
