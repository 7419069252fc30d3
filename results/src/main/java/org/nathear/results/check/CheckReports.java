package org.nathear.results.check;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.StringWriter;
import java.util.Locale;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Machine-readable forms of a {@link RegressionCheck.Report} for CI systems, beside its Markdown:
 *
 * <ul>
 *   <li>{@link #junitXml}: JUnit's XML report format (one {@code <testsuite>}, one {@code <testcase>} per
 *       (task, model) cell, named {@code task [metric]} in class {@code nathear.check.<model>}), which
 *       GitLab, Jenkins, GitHub Actions reporters and Azure Pipelines display as test results. A
 *       regression is a {@code <failure type="regression">}; a missing, new or incomparable cell is a
 *       {@code <failure>} when it makes the check incomplete and {@code <skipped>} when it was allowed
 *       ({@code --allow-new}, {@code --allow-missing}); pass and improved cells pass.</li>
 *   <li>{@link #json}: schema {@code nathear.check/1}: the outcome ({@code passed}, {@code regression},
 *       {@code incomplete}), the exit code {@code nathear check} returns, counts per verdict, and
 *       every row with its numbers.</li>
 * </ul>
 */
public final class CheckReports {
    /** The JSON report's schema id. */
    public static final String JSON_SCHEMA = "nathear.check/1";

    private static final ObjectMapper MAPPER = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private CheckReports() {
    }

    /** {@code passed}, {@code regression} or {@code incomplete}, as the Markdown headline says. */
    public static String outcome(RegressionCheck.Report report) {
        return report.regressed() ? "regression" : report.incomplete() ? "incomplete" : "passed";
    }

    /** The exit code of {@code nathear check} for this report: 0, 3 (a regression) or 4 (incomplete). */
    public static int exitCode(RegressionCheck.Report report) {
        return report.regressed() ? 3 : report.incomplete() ? 4 : 0;
    }

    /** The report as a JUnit XML document (UTF-8, one testsuite). */
    public static String junitXml(RegressionCheck.Report report) {
        long failures = report.rows().stream().filter(r -> isFailure(report, r)).count();
        long skipped = report.rows().stream().filter(r -> isSkipped(report, r)).count();
        StringWriter text = new StringWriter();
        try {
            XMLStreamWriter xml = XMLOutputFactory.newInstance().createXMLStreamWriter(text);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeCharacters("\n");
            xml.writeStartElement("testsuite");
            xml.writeAttribute("name", "nathear check");
            xml.writeAttribute("tests", Integer.toString(report.rows().size()));
            xml.writeAttribute("failures", Long.toString(failures));
            xml.writeAttribute("errors", "0");
            xml.writeAttribute("skipped", Long.toString(skipped));
            xml.writeCharacters("\n");
            xml.writeStartElement("properties");
            property(xml, "baseline", report.baselineDescription());
            property(xml, "results", String.join("; ", report.resultDescriptions()));
            property(xml, "tolerance", report.tolerances().defaultTolerance().toString());
            property(xml, "outcome", outcome(report));
            xml.writeEndElement();
            xml.writeCharacters("\n");
            for (RegressionCheck.Row r : report.rows()) {
                xml.writeStartElement("testcase");
                xml.writeAttribute("classname", xmlSafe("nathear.check." + r.modelId()));
                xml.writeAttribute("name", xmlSafe(r.taskId() + (r.metric() == null ? "" : " [" + r.metric() + "]")));
                xml.writeAttribute("time", "0");
                String message = xmlSafe(describe(r));
                if (isFailure(report, r)) {
                    xml.writeStartElement("failure");
                    xml.writeAttribute("type", r.verdict().name().toLowerCase(Locale.ROOT));
                    xml.writeAttribute("message", message);
                    xml.writeCharacters(message);
                    xml.writeEndElement();
                } else if (isSkipped(report, r)) {
                    xml.writeStartElement("skipped");
                    xml.writeAttribute("message", message);
                    xml.writeEndElement();
                } else {
                    xml.writeStartElement("system-out");
                    xml.writeCharacters(message);
                    xml.writeEndElement();
                }
                xml.writeEndElement();
                xml.writeCharacters("\n");
            }
            xml.writeEndElement();
            xml.writeCharacters("\n");
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("Cannot render the JUnit XML report: " + e.getMessage(), e);
        }
        return text.toString();
    }

    /** The report as JSON (schema {@value #JSON_SCHEMA}). Non-finite numbers are written as null. */
    public static String json(RegressionCheck.Report report) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("schema", JSON_SCHEMA);
        root.put("outcome", outcome(report));
        root.put("exitCode", exitCode(report));
        root.put("baseline", report.baselineDescription());
        ArrayNode results = root.putArray("results");
        report.resultDescriptions().forEach(results::add);
        ObjectNode tolerance = root.putObject("tolerance");
        tolerance.put("default", report.tolerances().defaultTolerance().toString());
        report.tolerances().perTask().forEach((task, t) -> tolerance.put(task, t.toString()));
        root.put("allowNew", report.allowNew());
        root.put("allowMissing", report.allowMissing());
        ObjectNode counts = root.putObject("counts");
        for (RegressionCheck.Verdict v : RegressionCheck.Verdict.values()) {
            counts.put(v.name().toLowerCase(Locale.ROOT), report.count(v));
        }
        ArrayNode rows = root.putArray("cells");
        for (RegressionCheck.Row r : report.rows()) {
            ObjectNode row = rows.addObject();
            row.put("task", r.taskId());
            row.put("model", r.modelId());
            row.put("metric", r.metric());
            row.put("verdict", r.verdict().name().toLowerCase(Locale.ROOT));
            putNumber(row, "baseline", r.baseline());
            putNumber(row, "current", r.current());
            putNumber(row, "delta", r.delta());
            putNumber(row, "tolerance", r.tolerance());
            row.put("toleranceSource", r.toleranceSource());
            row.put("detail", r.detail());
        }
        ArrayNode notes = root.putArray("notes");
        report.notes().forEach(notes::add);
        try {
            return MAPPER.writeValueAsString(root) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("Cannot render the JSON check report: " + e.getMessage(), e);
        }
    }

    private static void putNumber(ObjectNode node, String key, Double value) {
        if (value == null || !Double.isFinite(value)) {
            node.putNull(key);
        } else {
            node.put(key, value);
        }
    }

    private static boolean isFailure(RegressionCheck.Report report, RegressionCheck.Row r) {
        return switch (r.verdict()) {
            case REGRESSION, INCOMPARABLE -> true;
            case MISSING -> !report.allowMissing();
            case NEW -> !report.allowNew();
            case PASS, IMPROVED -> false;
        };
    }

    private static boolean isSkipped(RegressionCheck.Report report, RegressionCheck.Row r) {
        return (r.verdict() == RegressionCheck.Verdict.MISSING && report.allowMissing())
                || (r.verdict() == RegressionCheck.Verdict.NEW && report.allowNew());
    }

    /** Drops the characters XML 1.0 cannot carry (control characters other than tab, newline, return). */
    static String xmlSafe(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().filter(c -> c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF)
                || (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF)).forEach(out::appendCodePoint);
        return out.toString();
    }

    private static void property(XMLStreamWriter xml, String name, String value) throws XMLStreamException {
        xml.writeEmptyElement("property");
        xml.writeAttribute("name", name);
        xml.writeAttribute("value", xmlSafe(value));
    }

    private static String describe(RegressionCheck.Row r) {
        StringBuilder s = new StringBuilder(r.verdict().name().toLowerCase(Locale.ROOT)).append(": ")
                .append(r.modelId()).append(" on ").append(r.taskId());
        if (r.metric() != null) {
            s.append(", ").append(r.metric());
        }
        if (r.baseline() != null) {
            s.append(String.format(Locale.ROOT, ", baseline %.4f", r.baseline()));
        }
        if (r.current() != null) {
            s.append(String.format(Locale.ROOT, ", current %.4f", r.current()));
        }
        if (!Double.isNaN(r.delta())) {
            s.append(String.format(Locale.ROOT, ", delta %+.4f", r.delta()));
        }
        if (!Double.isNaN(r.tolerance())) {
            s.append(String.format(Locale.ROOT, ", tolerance %.4f (%s)", r.tolerance(), r.toleranceSource()));
        }
        if (r.detail() != null && !r.detail().isEmpty()) {
            s.append("; ").append(r.detail());
        }
        return s.toString();
    }
}
