package org.magicsteps.cli;

import java.util.List;
import java.util.Locale;

import org.magicsteps.core.domain.DriftLevel;
import org.magicsteps.core.domain.DriftReport;
import org.magicsteps.core.domain.FeatureDrift;

/**
 * {@code drift.html}: the drift table and, per feature, a picture of its training distribution
 * beside the current one. One self-contained file (inline SVG, inline style), so it can be mailed
 * or opened from disk.
 */
final class DriftHtml {

    private DriftHtml() {
    }

    static String page(DriftReport report) {
        StringBuilder html = new StringBuilder(64 * 1024);
        String title = "Drift of " + report.source() + " from " + report.modelName() + " " + report.modelVersion();
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
                .append(SvgBars.escape(title)).append("</title><style>")
                .append("body{font-family:sans-serif;margin:2em;max-width:1000px}")
                .append("table{border-collapse:collapse}td,th{padding:2px 8px;border-bottom:1px solid #ddd;"
                        + "text-align:left}td.n{text-align:right}")
                .append(".major{color:#b00020;font-weight:bold}.moderate{color:#b26a00}.stable{color:#2e7d32}")
                // As wide as a chart, so that a long caption wraps instead of pushing its neighbour down.
                .append("figure{display:inline-block;vertical-align:top;width:").append(SvgBars.WIDTH)
                .append("px;margin:1em 1em 0 0}figcaption{font-size:smaller}")
                .append("</style></head><body>\n");
        html.append("<h1>").append(SvgBars.escape(title)).append("</h1>\n");
        html.append("<p>").append(report.rows()).append(" students compared with the training data the model "
                + "carries. ").append(report.anyMajor() ? "<span class=\"major\">A feature the model reads drifted "
                        + "majorly.</span>" : "No feature the model reads drifted majorly.").append("</p>\n");
        html.append("<p>PSI = Σ (now − training) · ln(now / training) over the training bins (values beyond the training "
                + "range count in the first or last bin, words training never saw in <em>(other)</em>; an empty bin "
                + "counts as a share of ").append(DriftTable.plain(FeatureDrift.EMPTY_BIN_SHARE)).append("). Levels: below ")
                .append(DriftLevel.MODERATE_FROM).append(" stable, up to ").append(DriftLevel.MAJOR_ABOVE)
                .append(" moderate, above major. Bars: <span style=\"color:").append(SvgBars.TRAINING_COLOUR)
                .append("\">■ training</span> <span style=\"color:").append(SvgBars.CURRENT_COLOUR)
                .append("\">■ now</span>.</p>\n");
        html.append("<table><tr><th>feature</th><th>model</th><th>PSI</th><th>level</th><th>outside training range"
                + "</th><th>missing (training → now)</th></tr>\n");
        for (FeatureDrift f : report.mostDriftedFirst()) {
            html.append("<tr><td>").append(SvgBars.escape(f.feature())).append("</td><td>")
                    .append(f.readByModel() ? "reads" : "ignores").append("</td><td class=\"n\">")
                    .append(DriftTable.psi(f)).append("</td><td class=\"").append(f.level() == null ? ""
                            : f.level().label()).append("\">").append(DriftTable.level(f)).append("</td><td class=\"n\">")
                    .append(DriftTable.share(f.outsideShare())).append("</td><td class=\"n\">")
                    .append(DriftTable.share(f.referenceMissingShare())).append(" → ")
                    .append(DriftTable.share(f.missingShare())).append("</td></tr>\n");
        }
        html.append("</table>\n<h2>Each feature, training beside now</h2>\n");
        for (FeatureDrift f : report.mostDriftedFirst()) {
            if (f.bins().isEmpty()) {
                continue;
            }
            List<Double> training = f.referenceShares();
            html.append("<figure>").append(SvgBars.chart(f.feature() + (f.readByModel() ? "" : " (ignored by the model)")
                    + ", PSI " + DriftTable.psi(f), f.bins(), training, f.currentShares()))
                    .append("<figcaption>").append(String.format(Locale.ROOT, "%s: %d rows with a value, %s missing, "
                            + "%s outside the training range", SvgBars.escape(f.feature()), f.present(),
                            DriftTable.share(f.missingShare()), DriftTable.share(f.outsideShare())))
                    .append("</figcaption></figure>\n");
        }
        return html.append("</body></html>\n").toString();
    }
}
