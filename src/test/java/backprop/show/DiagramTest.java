package backprop.show;

import backprop.nn.Network;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;

class DiagramTest {
    static Document parse(String svg) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    /** All the text of the SVG without its tags: what a reader sees, e.g. "s1(1) = −0.2632". */
    static String text(String svg) throws Exception {
        return parse(svg).getDocumentElement().getTextContent();
    }

    @Test
    void sizeFollowsTheLayers() throws Exception {
        Diagram d = Diagram.of(Network.of(2, 3, 1));
        // 2 margins of 30 + a box of 116 + 2 layer gaps of 250; 4 rows (x_0 and 3 neurons): 70 + 3 * 72 + 46 + 56
        assertEquals(676, d.width());
        assertEquals(388, d.height());
        var root = parse(d.toSvg()).getDocumentElement();
        assertEquals("676", root.getAttribute("width"));
        assertEquals("388", root.getAttribute("height"));
        Diagram deep = Diagram.of(Network.of(2, 8, 3, 1));
        assertEquals(60 + 116 + 3 * 250, deep.width());
        assertEquals(70 + 8 * 72 + 46 + 56, deep.height()); // 9 rows: x_0 and 8 neurons
    }

    @Test
    void theForwardPassShowsSAndXOnTheNeuronsAndTheWeightsOnTheEdges() throws Exception {
        var net = Pictures.net();
        var pass = net.forward(0.5, -0.2);
        String svg = Diagram.forward(pass).toSvg();
        String text = text(svg);
        // s_2^(1) = 0.0489783 and x_2^(1) = 0.0489392 (README), four significant digits, sub/superscripts
        assertTrue(text.contains("s2(1) = 0.04898"), text);
        assertTrue(text.contains("x2(1) = 0.04894"), text);
        assertTrue(text.contains("x1(0) = 0.5"), text);
        assertTrue(text.contains("x0(0) = −1"), text);
        assertTrue(text.contains("x1(2) = −0.03738"), text); // g(x)
        // every one of the W = 13 weights is an edge and a label, w_21^(1) = -0.281595 in red
        assertEquals(13, count(svg, "<line "));
        assertTrue(svg.contains("fill=\"#d62728\">-0.282</text>"), svg);
        assertTrue(svg.contains("fill=\"#1f77b4\">0.301</text>"), svg); // w_22^(1) = 0.300632
    }

    @Test
    void theBackwardPassShowsTheDeltasAndItsArrowsPointBack() throws Exception {
        var back = Network.of(2, 3, 2, 1).initUniform(0.5, 3).forward(0.5, -0.2).backward(1.0);
        String svg = Diagram.backward(back).toSvg();
        String text = text(svg);
        assertTrue(text.contains("δ1(3) = −0.923"), text);  // δ_1^(3) = -0.923036 (notebook 2)
        assertTrue(text.contains("δ2(2) = −0.07513"), text);
        assertTrue(text.contains("δ3(1) = 0.09764"), text);
        // the edge of w_11^(3) runs from the output neuron (right) back to neuron 1 of layer 2 (left)
        Matcher m = Pattern.compile("<line x1=\"([0-9.]+)\" y1=\"[0-9.]+\" x2=\"([0-9.]+)\"").matcher(svg);
        int backward = 0, lines = 0;
        while (m.find()) {
            lines++;
            backward += Double.parseDouble(m.group(1)) > Double.parseDouble(m.group(2)) ? 1 : 0;
        }
        assertEquals(20, lines);
        assertEquals(20, backward);
        // arrow heads only where a delta flows: into the neurons i >= 1 of layers 1..L-1 (2*3 + 2*1 edges)
        assertEquals(8, count(svg, "marker-end"));
    }

    @Test
    void theDrawingChangesWhenAWeightChanges() throws Exception {
        var net = Pictures.net();
        String before = Diagram.of(net).toSvg();
        assertEquals(before, Diagram.of(net).toSvg());
        net.setW(1, 2, 1, 0.5); // was -0.281595: the edge turns blue, thicker, with the new label
        String after = Diagram.of(net).toSvg();
        assertNotEquals(before, after);
        assertTrue(before.contains(">-0.282</text>"));
        assertFalse(after.contains(">-0.282</text>"));
        assertTrue(after.contains("fill=\"#1f77b4\">0.5</text>"), after);
        // the widest edge is the largest |w| = 0.5 now: 0.8 + 4.2 = 5
        assertTrue(after.contains("stroke=\"#1f77b4\" stroke-width=\"5\""), after);
    }

    @Test
    void highlightsASumADeltaOrAPath() throws Exception {
        var pass = Pictures.net().forward(0.5, -0.2);
        String sum = Diagram.forward(pass).highlightSum(1, 2).toSvg();
        // the 3 weights w_i2^(1) strong, the 10 others faded; 4 nodes strong (3 inputs and neuron 2)
        assertEquals(3, count(sum, "stroke-opacity=\"0.85\""));
        assertEquals(10, count(sum, "stroke-opacity=\"0.2\""));
        assertEquals(4, count(sum, "stroke=\"#ff7f0e\""));
        String path = Diagram.of(Network.of(2, 8, 3, 1).initUniform(0.5, 7)).highlightPath(1, 2, 3, 1).toSvg();
        assertEquals(3, count(path, "stroke-opacity=\"0.85\""));
        assertEquals(4, count(path, "stroke=\"#ff7f0e\""));
        // a network this large labels only the highlighted edges
        assertEquals(3, count(path, "paint-order"));
        var back = Network.of(2, 3, 2, 1).initUniform(0.5, 3).forward(0.5, -0.2).backward(1.0);
        String delta = Diagram.backward(back).highlightDelta(1, 2).toSvg();
        assertEquals(2, count(delta, "stroke-opacity=\"0.85\"")); // w_21^(2), w_22^(2)
    }

    @Test
    void theSvgIsTheCommittedOne() throws Exception {
        // a golden file: the bytes may not change with the JVM, the run or the machine
        String svg = Diagram.forward(Pictures.net().forward(0.5, -0.2)).highlightSum(1, 2).toSvg();
        try (InputStream in = DiagramTest.class.getResourceAsStream("diagram-2-3-1-forward.svg")) {
            assertNotNull(in, "golden file missing");
            assertEquals(new String(in.readAllBytes(), StandardCharsets.UTF_8), svg);
        }
        assertEquals(Pictures.hashes(Pictures.render()).get("diagram"), Pictures.inAnotherJvm().get("diagram"));
    }

    @Test
    void badArguments() {
        var d = Diagram.of(Pictures.net());
        assertEquals("network is null, expected a Network",
                assertThrows(IllegalArgumentException.class, () -> Diagram.of(null)).getMessage());
        assertEquals("j = 4, expected a neuron of layer 1, 1..3",
                assertThrows(IllegalArgumentException.class, () -> d.highlightSum(1, 4)).getMessage());
        assertEquals("l = 0, expected a layer 1..2",
                assertThrows(IllegalArgumentException.class, () -> d.highlightSum(0, 1)).getMessage());
        assertEquals("l = 2, expected a hidden layer 1..1 (δ of the output layer L = 2 is not a sum over a layer above)",
                assertThrows(IllegalArgumentException.class, () -> d.highlightDelta(2, 1)).getMessage());
        assertEquals("path has 2 entries, expected L + 1 = 3 (an input, then one neuron per layer)",
                assertThrows(IllegalArgumentException.class, () -> d.highlightPath(1, 2)).getMessage());
        assertEquals("path[0] = 3, expected an input (0 the threshold), 0..2",
                assertThrows(IllegalArgumentException.class, () -> d.highlightPath(3, 1, 1)).getMessage());
    }

    static int count(String s, String part) {
        int n = 0;
        for (int k = s.indexOf(part); k >= 0; k = s.indexOf(part, k + 1)) {
            n++;
        }
        return n;
    }
}
