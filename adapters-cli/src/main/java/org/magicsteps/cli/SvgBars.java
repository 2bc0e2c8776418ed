package org.magicsteps.cli;

import java.util.List;
import java.util.Locale;

/**
 * A grouped bar chart as inline SVG: for each bin, the training share and the current share side by
 * side. Written by hand rather than with the chart library of the training module, because drift is
 * a runtime command and the server jar carries no chart library; SVG also keeps {@code drift.html}
 * one self-contained text file.
 */
final class SvgBars {

    static final int WIDTH = 460;
    static final int HEIGHT = 210;
    static final String TRAINING_COLOUR = "#9aa5b1";
    static final String CURRENT_COLOUR = "#1f77b4";

    private static final int LEFT = 40;
    private static final int RIGHT = 10;
    private static final int TOP = 24;
    private static final int BOTTOM = 56;

    private SvgBars() {
    }

    /**
     * @param labels one per bin
     * @param training the training share of each bin, or an empty list when unknown (only the current bars are drawn)
     * @param current the current share of each bin
     * @throws IllegalArgumentException when the lists differ in length
     */
    static String chart(String title, List<String> labels, List<Double> training, List<Double> current) {
        if (current.size() != labels.size() || !training.isEmpty() && training.size() != labels.size()) {
            throw new IllegalArgumentException(labels.size() + " bins need as many shares, got " + training.size()
                    + " and " + current.size());
        }
        double top = 0;
        for (int i = 0; i < labels.size(); i++) {
            top = Math.max(top, Math.max(current.get(i), training.isEmpty() ? 0 : training.get(i)));
        }
        top = top <= 0 ? 1 : top;
        int plotWidth = WIDTH - LEFT - RIGHT;
        int plotHeight = HEIGHT - TOP - BOTTOM;
        StringBuilder svg = new StringBuilder(2048);
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"%s\">", WIDTH, HEIGHT, WIDTH, HEIGHT, escape(title)));
        svg.append("<title>").append(escape(title)).append("</title>");
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"14\" font-size=\"12\" font-family=\"sans-serif\">%s"
                + "</text>", LEFT, escape(title)));
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#333\"/>", LEFT,
                TOP + plotHeight, WIDTH - RIGHT, TOP + plotHeight));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"9\" text-anchor=\"end\" "
                + "font-family=\"sans-serif\">%s</text>", LEFT - 4, TOP + 8, percent(top)));
        int bins = Math.max(1, labels.size());
        double slot = (double) plotWidth / bins;
        double bar = Math.max(1, slot * (training.isEmpty() ? 0.7 : 0.38));
        for (int i = 0; i < labels.size(); i++) {
            double x = LEFT + i * slot + slot * 0.1;
            if (!training.isEmpty()) {
                svg.append(rect(x, TOP + plotHeight, bar, training.get(i) / top * plotHeight, TRAINING_COLOUR,
                        "training " + labels.get(i) + ": " + percent(training.get(i))));
                x += bar;
            }
            svg.append(rect(x, TOP + plotHeight, bar, current.get(i) / top * plotHeight, CURRENT_COLOUR,
                    "now " + labels.get(i) + ": " + percent(current.get(i))));
            double centre = LEFT + (i + 0.5) * slot;
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"9\" text-anchor=\"end\" "
                    + "font-family=\"sans-serif\" transform=\"rotate(-35 %.1f %d)\">%s</text>", centre,
                    TOP + plotHeight + 12, centre, TOP + plotHeight + 12, escape(labels.get(i))));
        }
        return svg.append("</svg>").toString();
    }

    private static String rect(double x, int baseline, double width, double height, String colour, String tip) {
        return String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\">"
                + "<title>%s</title></rect>", x, baseline - height, width, height, colour, escape(tip));
    }

    static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f %%", share * 100);
    }

    /** Text for XML and HTML: {@code & < > "} as entities. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
