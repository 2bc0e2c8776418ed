package org.magicsteps.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The bar charts of drift.html: well-formed SVG, bars in proportion, text escaped. */
class SvgBarsTest {

    private static Document parse(String svg) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void eachBinHasATrainingBarBesideItsCurrentBarInProportion() throws Exception {
        String svg = SvgBars.chart("score_ipv <&> \"x\"", List.of("2–4", "4–6", "<6"), List.of(0.5, 0.25, 0.25),
                List.of(0.1, 0.2, 0.7));
        Document doc = parse(svg);
        NodeList rects = doc.getElementsByTagName("rect");
        assertEquals(6, rects.getLength());
        double tallest = height(rects, 5);
        assertEquals(0.5 / 0.7, height(rects, 0) / tallest, 1e-3, "training of the first bin against the tallest bar");
        assertEquals(0.2 / 0.7, height(rects, 3) / tallest, 1e-3);
        assertEquals(SvgBars.TRAINING_COLOUR, ((Element) rects.item(0)).getAttribute("fill"));
        assertEquals(SvgBars.CURRENT_COLOUR, ((Element) rects.item(1)).getAttribute("fill"));
        double x0 = Double.parseDouble(((Element) rects.item(0)).getAttribute("x"));
        double x1 = Double.parseDouble(((Element) rects.item(1)).getAttribute("x"));
        assertTrue(x1 > x0, "now beside training");
        assertEquals("score_ipv <&> \"x\"", doc.getElementsByTagName("title").item(0).getTextContent());
        assertTrue(svg.contains("&lt;6"), "labels are escaped");
    }

    @Test
    void withoutATrainingReferenceOnlyTheCurrentBarsAreDrawn() throws Exception {
        NodeList rects = parse(SvgBars.chart("x", List.of("a", "b"), List.of(), List.of(0.5, 0.5)))
                .getElementsByTagName("rect");
        assertEquals(2, rects.getLength());
        assertThrows(IllegalArgumentException.class, () -> SvgBars.chart("x", List.of("a"), List.of(0.1, 0.2),
                List.of(0.3)));
    }

    private static double height(NodeList rects, int i) {
        return Double.parseDouble(((Element) rects.item(i)).getAttribute("height"));
    }
}
