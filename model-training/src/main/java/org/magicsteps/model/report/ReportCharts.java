package org.magicsteps.model.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.LookupPaintScale;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.DefaultXYZDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.magicsteps.model.evaluation.ConfusionMatrix;
import org.magicsteps.model.evaluation.Curves;
import org.magicsteps.model.evaluation.Evaluation;

/**
 * The report's four charts as PNG bytes, drawn with JFreeChart off-screen: ROC curve,
 * precision–recall curve, reliability diagram (calibration) and the confusion matrix at the threshold.
 */
final class ReportCharts {

    static final String ROC = "roc.png";
    static final String PRECISION_RECALL = "precision-recall.png";
    static final String CALIBRATION = "calibration.png";
    static final String CONFUSION = "confusion-matrix.png";

    private static final int WIDTH = 560;
    private static final int HEIGHT = 420;
    private static final Color MODEL = new Color(0x1f, 0x5f, 0xa8);
    private static final Color REFERENCE = new Color(0x99, 0x99, 0x99);
    private static final Color BEFORE = new Color(0xd9, 0x7b, 0x29);

    static {
        // Reports are drawn on servers without a display.
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private ReportCharts() {
    }

    /**
     * Every chart by file name, in report order.
     *
     * @param uncalibrated the same rows' evaluation before calibration, drawn beside it in the
     *     reliability diagram; {@code null} when there is none
     */
    static Map<String, byte[]> draw(Evaluation evaluation, Evaluation uncalibrated, String subject) {
        Map<String, byte[]> charts = new LinkedHashMap<>();
        charts.put(ROC, roc(evaluation, subject));
        charts.put(PRECISION_RECALL, precisionRecall(evaluation, subject));
        charts.put(CALIBRATION, reliability(evaluation, uncalibrated, subject));
        charts.put(CONFUSION, confusion(evaluation.confusion(), evaluation.threshold(), subject));
        return charts;
    }

    private static byte[] roc(Evaluation evaluation, String subject) {
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(series(String.format(Locale.ROOT, "model (AUC %.3f)", evaluation.rocAuc().value()),
                evaluation.curves().roc()));
        data.addSeries(series("chance", List.of(new Curves.Point(0, 0), new Curves.Point(1, 1))));
        JFreeChart chart = ChartFactory.createXYLineChart("ROC curve — " + subject, "false-positive rate",
                "true-positive rate", data, PlotOrientation.VERTICAL, true, false, false);
        style(chart, false);
        return png(chart);
    }

    private static byte[] precisionRecall(Evaluation evaluation, String subject) {
        double prevalence = (double) evaluation.positives() / evaluation.rows();
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(series(String.format(Locale.ROOT, "model (average precision %.3f)", evaluation.prAuc().value()),
                evaluation.curves().precisionRecall()));
        data.addSeries(series(String.format(Locale.ROOT, "no skill (prevalence %.3f)", prevalence),
                List.of(new Curves.Point(0, prevalence), new Curves.Point(1, prevalence))));
        JFreeChart chart = ChartFactory.createXYLineChart("Precision–recall — " + subject, "recall", "precision", data,
                PlotOrientation.VERTICAL, true, false, false);
        style(chart, false);
        return png(chart);
    }

    /**
     * The reliability diagram: for each tenth of predicted probability, the observed share of
     * students who reached the PV against the bin's mean prediction (labelled with the bin's
     * count), with the expected calibration error in the legend; before calibration too, when given.
     */
    private static byte[] reliability(Evaluation evaluation, Evaluation uncalibrated, String subject) {
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(series(String.format(Locale.ROOT, "%s (ECE %.3f; label = students)",
                uncalibrated == null ? "model" : "calibrated", evaluation.ece().value()),
                points(evaluation.curves())));
        data.addSeries(series("perfectly calibrated", List.of(new Curves.Point(0, 0), new Curves.Point(1, 1))));
        if (uncalibrated != null) {
            data.addSeries(series(String.format(Locale.ROOT, "before calibration (ECE %.3f)",
                    uncalibrated.ece().value()), points(uncalibrated.curves())));
        }
        JFreeChart chart = ChartFactory.createXYLineChart("Reliability — " + subject, "mean predicted probability",
                "observed share that reached the PV", data, PlotOrientation.VERTICAL, true, false, false);
        style(chart, true);
        XYPlot plot = chart.getXYPlot();
        if (uncalibrated != null) {
            XYLineAndShapeRenderer renderer = (XYLineAndShapeRenderer) plot.getRenderer();
            renderer.setSeriesPaint(2, BEFORE);
            renderer.setSeriesStroke(2, new BasicStroke(1.4f));
        }
        plot.getDomainAxis().setRange(-0.02, 1.04);
        for (Curves.CalibrationBin bin : evaluation.curves().calibration()) {
            XYTextAnnotation label = new XYTextAnnotation(Long.toString(bin.count()), bin.meanPredicted() + 0.012,
                    Math.min(0.98, bin.observedRate() + 0.015));
            label.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
            label.setTextAnchor(TextAnchor.BOTTOM_LEFT);
            plot.addAnnotation(label);
        }
        return png(chart);
    }

    private static List<Curves.Point> points(Curves curves) {
        return curves.calibration().stream().map(b -> new Curves.Point(b.meanPredicted(), b.observedRate())).toList();
    }

    private static byte[] confusion(ConfusionMatrix m, double threshold, String subject) {
        DefaultXYZDataset data = new DefaultXYZDataset();
        // x: predicted (0 = not reached, 1 = reached); y: actual (0 = not reached, 1 = reached).
        double[] x = {0, 1, 0, 1};
        double[] y = {0, 0, 1, 1};
        double[] counts = {m.trueNegatives(), m.falsePositives(), m.falseNegatives(), m.truePositives()};
        // Shaded by the share of the actual class (its row), so the 13 % of positives are not drowned out.
        double negatives = Math.max(1, m.trueNegatives() + m.falsePositives());
        double positives = Math.max(1, m.truePositives() + m.falseNegatives());
        double[] shares = {counts[0] / negatives, counts[1] / negatives, counts[2] / positives, counts[3] / positives};
        data.addSeries("students", new double[][] {x, y, shares});
        LookupPaintScale scale = new LookupPaintScale(0, 1.0001, Color.WHITE);
        for (int step = 0; step <= 10; step++) {
            int shade = 250 - step * 14;
            scale.add(step / 10.0, new Color(shade, Math.min(255, shade + 12), 255));
        }
        XYBlockRenderer renderer = new XYBlockRenderer();
        renderer.setPaintScale(scale);
        String[] labels = {"not reached", "reached"};
        SymbolAxis predicted = new SymbolAxis("predicted", labels);
        SymbolAxis actual = new SymbolAxis("actual", labels);
        XYPlot plot = new XYPlot(data, predicted, actual, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        String[] names = {"TN", "FP", "FN", "TP"};
        for (int i = 0; i < 4; i++) {
            XYTextAnnotation count = new XYTextAnnotation(String.format(Locale.ROOT, "%s %d (%.0f %%)", names[i],
                    (long) counts[i], 100 * shares[i]), x[i], y[i]);
            count.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 18));
            plot.addAnnotation(count);
        }
        JFreeChart chart = new JFreeChart(String.format(Locale.ROOT, "Confusion matrix at %.3f — %s", threshold,
                subject), new Font(Font.SANS_SERIF, Font.BOLD, 14), plot, false);
        chart.setBackgroundPaint(Color.WHITE);
        return png(chart);
    }

    private static XYSeries series(String name, List<Curves.Point> points) {
        XYSeries series = new XYSeries(name, false, true);
        points.forEach(p -> series.add(p.x(), p.y()));
        return series;
    }

    private static void style(JFreeChart chart, boolean shapes) {
        chart.setBackgroundPaint(Color.WHITE);
        chart.getTitle().setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(0xdd, 0xdd, 0xdd));
        plot.setRangeGridlinePaint(new Color(0xdd, 0xdd, 0xdd));
        for (NumberAxis axis : new NumberAxis[] {(NumberAxis) plot.getDomainAxis(), (NumberAxis) plot.getRangeAxis()}) {
            axis.setRange(0, 1.02);
        }
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, shapes);
        renderer.setSeriesPaint(0, MODEL);
        renderer.setSeriesStroke(0, new BasicStroke(2.2f));
        renderer.setSeriesPaint(1, REFERENCE);
        renderer.setSeriesStroke(1, new BasicStroke(1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                new float[] {6f, 4f}, 0f));
        renderer.setSeriesShapesVisible(1, false);
        plot.setRenderer(renderer);
    }

    private static byte[] png(JFreeChart chart) {
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            ChartUtils.writeChartAsPNG(out, chart, WIDTH, HEIGHT);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot draw a chart: " + e.getMessage(), e);
        }
    }
}
