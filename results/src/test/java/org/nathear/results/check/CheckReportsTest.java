package org.nathear.results.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

class CheckReportsTest {
    private static RegressionCheck.Report report(String detail) {
        RegressionCheck.Row failed = new RegressionCheck.Row("task<&>\"x\"", "model-a", "top1_acc", 0.8, null, Double.NaN,
                Double.NaN, "", RegressionCheck.Verdict.REGRESSION, detail);
        RegressionCheck.Row missing = new RegressionCheck.Row("task-b", "model-a", "top1_acc", 0.5, null, Double.NaN,
                Double.NaN, "", RegressionCheck.Verdict.MISSING, "not in the results");
        return new RegressionCheck.Report("base", List.of("run"), RegressionCheck.Tolerances.parse(List.of()), false, true,
                List.of(failed, missing), List.of());
    }

    @Test
    void markupAndControlCharactersInMessagesStillGiveWellFormedXml() throws Exception {
        String detail = "model threw: bad <tensor> & \u0001\u001b[31mred\u001b[0m \"quoted\"";
        String xml = CheckReports.junitXml(report(detail));
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        Element c = (Element) doc.getElementsByTagName("testcase").item(0);
        assertEquals("task<&>\"x\" [top1_acc]", c.getAttribute("name"));
        Element failure = (Element) c.getElementsByTagName("failure").item(0);
        assertTrue(failure.getAttribute("message").contains("bad <tensor> & [31mred[0m \"quoted\""),
                failure.getAttribute("message"));
        // allowed missing cell: skipped, not failed
        Element second = (Element) doc.getElementsByTagName("testcase").item(1);
        assertEquals(1, second.getElementsByTagName("skipped").getLength());
        assertEquals("1", doc.getDocumentElement().getAttribute("failures"));
    }

    @Test
    void jsonCarriesNullForAbsentNumbersAndTheExitCode() throws Exception {
        JsonNode json = new ObjectMapper().readTree(CheckReports.json(report("x")));
        assertEquals(3, json.get("exitCode").asInt());
        JsonNode first = json.get("cells").get(0);
        assertTrue(first.get("current").isNull() && first.get("delta").isNull(), first.toString());
        assertEquals(0.8, first.get("baseline").asDouble(), 0);
        assertEquals("missing", json.get("cells").get(1).get("verdict").asText());
    }
}
