package org.magicsteps.model.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * Writes a {@link ModelReport} into a directory: {@code report.json} (every number), the four
 * charts as PNG files, and {@code report.html}, one self-contained page with the charts inlined.
 */
public final class ReportWriter {

    /** The report's JSON file. */
    public static final String JSON = "report.json";
    /** The report's page. */
    public static final String HTML = "report.html";

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT);

    private ReportWriter() {
    }

    /**
     * Writes the report files into {@code directory} (created if needed), replacing them if present.
     *
     * @return the names of the files written
     * @throws UncheckedIOException when a file cannot be written
     */
    public static List<String> write(ModelReport report, Path directory) {
        List<String> written = new ArrayList<>();
        Map<String, byte[]> charts;
        String chartProblem = null;
        try {
            charts = ReportCharts.draw(report.evaluation(),
                    report.calibration() == null ? null : report.calibration().uncalibrated(), subject(report));
        } catch (RuntimeException | java.awt.AWTError | InternalError | UnsatisfiedLinkError e) {
            // A machine without fonts or AWT libraries still gets the numbers.
            charts = new LinkedHashMap<>();
            chartProblem = "The charts could not be drawn on this machine: " + e;
        }
        try {
            Files.createDirectories(directory);
            Files.write(directory.resolve(JSON), json(report));
            written.add(JSON);
            for (Map.Entry<String, byte[]> chart : charts.entrySet()) {
                Files.write(directory.resolve(chart.getKey()), chart.getValue());
                written.add(chart.getKey());
            }
            Files.writeString(directory.resolve(HTML), ReportHtml.render(report, charts, chartProblem),
                    StandardCharsets.UTF_8);
            written.add(HTML);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report to " + directory + ": " + e.getMessage(), e);
        }
        return written;
    }

    /** The report as indented JSON with snake_case keys. */
    public static byte[] json(ModelReport report) {
        try {
            return MAPPER.writeValueAsBytes(report);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a report could not be written as JSON: " + e.getMessage(), e);
        }
    }

    private static String subject(ModelReport report) {
        return report.training() == null ? report.data().file() : "test split";
    }
}
