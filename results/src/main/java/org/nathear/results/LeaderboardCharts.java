package org.nathear.results;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The leaderboard's plots, drawn with XChart and encoded as SVG (text drawn as outlines, so the
 * page needs no fonts): s(m) per model with its confidence interval, a heatmap of every model's
 * normalised score per task, and DoA error distributions per localization task.
 *
 * <p>Every method returns the {@code <svg>} element alone (no XML prolog), with its element ids
 * prefixed by {@code idPrefix} so that several charts can sit inline in one page and the output is
 * the same from run to run. Rendering needs AWT in headless mode (fonts for layout), nothing else.
 */
public final class LeaderboardCharts {
    static final Color HEAR_COLOR = new Color(31, 119, 180);
    static final Color NAT_HEAR_COLOR = new Color(214, 98, 13);
    private static final Font BASE = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    private static final Color[] MODEL_COLORS = {new Color(31, 119, 180), new Color(214, 98, 13),
        new Color(44, 160, 44), new Color(214, 39, 40), new Color(148, 103, 189), new Color(140, 86, 75),
        new Color(227, 119, 194), new Color(127, 127, 127), new Color(188, 189, 34), new Color(23, 190, 207)};

    private LeaderboardCharts() {
    }

    /**
     * s(m) per model (rows) and group (HEAR, Nat-HEAR): a point at s(m) and a bar across its
     * confidence interval; a forest plot.
     */
    public static String smPlot(SmScores.Report sm, List<String> modelOrder, String idPrefix) {
        List<String> models = new ArrayList<>();
        for (String m : modelOrder) {
            if (sm.groups().stream().anyMatch(g -> g.model(m).isPresent())) {
                models.add(m);
            }
        }
        int height = 150 + 56 * Math.max(1, models.size());
        XYChart chart = new XYChartBuilder().width(760).height(height).title("s(m) with "
                + (Double.isNaN(sm.confidenceLevel()) ? "" : Math.round(sm.confidenceLevel() * 100) + " % ")
                + "bootstrap intervals (baseline " + sm.baselineModel() + ")").xAxisTitle("s(m)").yAxisTitle("").build();
        style(chart.getStyler());
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        chart.getStyler().setYAxisMin(0.4);
        chart.getStyler().setYAxisMax(models.size() + 0.6);
        // XChart cannot put category names on a numeric axis: each model's name is written above its row
        chart.getStyler().setYAxisTicksVisible(false);
        chart.getStyler().setAnnotationTextFont(BASE.deriveFont(Font.BOLD, 12f));
        chart.getStyler().setAnnotationTextFontColor(new Color(40, 40, 40));
        double max = 100;
        int g = 0;
        for (SmScores.Group group : sm.groups()) {
            double offset = sm.groups().size() == 1 ? 0 : (g == 0 ? 0.13 : -0.13);
            Color color = group.group() == TaskGroup.NAT_HEAR ? NAT_HEAR_COLOR : HEAR_COLOR;
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            for (int i = 0; i < models.size(); i++) {
                Optional<SmScores.ModelScore> s = group.model(models.get(i));
                if (s.isEmpty() || Double.isNaN(s.get().score())) {
                    continue;
                }
                double y = models.size() - i + offset;
                xs.add(s.get().score());
                ys.add(y);
                max = Math.max(max, s.get().score());
                if (!Double.isNaN(s.get().low())) {
                    max = Math.max(max, s.get().high());
                    XYSeries bar = chart.addSeries(group.group().label() + " interval " + models.get(i),
                            new double[] {s.get().low(), s.get().high()}, new double[] {y, y});
                    bar.setMarker(SeriesMarkers.NONE);
                    bar.setLineColor(color);
                    bar.setLineStyle(new BasicStroke(2.5f));
                    bar.setShowInLegend(false);
                }
            }
            if (!xs.isEmpty()) {
                XYSeries points = chart.addSeries(group.group().label() + " s(m)", xs, ys);
                points.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
                points.setMarker(SeriesMarkers.CIRCLE);
                points.setMarkerColor(color);
            }
            g++;
        }
        double xMax = Math.ceil(max / 10) * 10;
        chart.getStyler().setXAxisMin(0.0);
        chart.getStyler().setXAxisMax(xMax);
        for (int i = 0; i < models.size(); i++) {
            chart.addAnnotation(new AnnotationText(models.get(i), xMax / 2, models.size() - i + 0.33, false));
        }
        return svg(chart, idPrefix);
    }

    /** Heatmap of 100 · n_t(m): tasks across (grouped HEAR then Nat-HEAR), models down; blank where a model has no score. */
    public static String heatmap(SmScores.Report sm, List<String> modelOrder, String idPrefix) {
        List<String> tasks = new ArrayList<>();
        List<SmScores.Group> columns = new ArrayList<>();
        for (SmScores.Group g : sm.groups()) {
            for (SmScores.TaskBasis t : g.tasks()) {
                tasks.add(shortTask(t.taskId()) + (sm.groups().size() > 1 ? " [" + g.group().label() + "]" : ""));
                columns.add(g);
            }
        }
        List<String> models = new ArrayList<>();
        for (String m : modelOrder) {
            if (sm.groups().stream().anyMatch(g -> g.model(m).isPresent())) {
                models.add(m);
            }
        }
        List<String> reversed = new ArrayList<>(models);
        java.util.Collections.reverse(reversed);
        List<Number[]> heat = new ArrayList<>();
        int column = 0;
        for (SmScores.Group g : sm.groups()) {
            for (SmScores.TaskBasis t : g.tasks()) {
                for (int y = 0; y < reversed.size(); y++) {
                    Optional<SmScores.ModelScore> s = g.model(reversed.get(y));
                    double v = s.map(x -> x.perTask().getOrDefault(t.taskId(), Double.NaN)).orElse(Double.NaN);
                    if (!Double.isNaN(v)) {
                        // whole numbers: XChart formats cell values with a DecimalFormat of the default locale
                        heat.add(new Number[] {column, y, Math.round(v)});
                    }
                }
                column++;
            }
        }
        int width = Math.max(700, 260 + 110 * tasks.size());
        int height = 230 + 40 * Math.max(1, models.size());
        HeatMapChart chart = new HeatMapChartBuilder().width(width).height(height)
                .title("Normalised score per task (×100)").build();
        style(chart.getStyler());
        chart.getStyler().setShowValue(true);
        chart.getStyler().setMin(0);
        chart.getStyler().setMax(100);
        // light enough at 100 for black values to stay readable
        chart.getStyler().setRangeColors(new Color[] {new Color(250, 250, 250), new Color(158, 202, 225),
            new Color(49, 130, 189)});
        chart.getStyler().setValueFont(BASE.deriveFont(11f));
        chart.getStyler().setValueFontColor(Color.BLACK);
        chart.getStyler().setHeatMapDecimalValueFormatter(v -> String.format(Locale.ROOT, "%.0f", v));
        chart.getStyler().setHeatMapValueDecimalPattern("0");
        chart.getStyler().setXAxisLabelRotation(tasks.size() > 1 ? 25 : 0);
        chart.getStyler().setLegendVisible(true);
        chart.getStyler().setPlotContentSize(0.98);
        chart.addSeries("normalised score", tasks, reversed, heat);
        if (columns.isEmpty()) {
            throw new ResultFileException("No task has a baseline score; there is nothing to draw in the heatmap");
        }
        return svg(chart, idPrefix);
    }

    /**
     * DoA errors of one localization task: the share of test clips per 5° bin for every model that
     * stores a per-clip histogram; otherwise mean and median DoA error per model with the standard
     * deviation over folds as error bars.
     */
    public static String doaPlot(String taskId, List<DoaTable.Row> rows, String idPrefix) {
        List<DoaTable.Row> scored = rows.stream().filter(r -> r.status() == CellStatus.SUCCEEDED).toList();
        List<DoaTable.Row> withHistogram = scored.stream().filter(r -> r.errors() != null && r.errors().total() > 0).toList();
        if (!withHistogram.isEmpty()) {
            XYChart chart = new XYChartBuilder().width(760).height(380).title("DoA error distribution: " + taskId)
                    .xAxisTitle("DoA error (degrees)").yAxisTitle("share of test clips (%)").build();
            style(chart.getStyler());
            chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
            chart.getStyler().setXAxisMin(0.0);
            chart.getStyler().setXAxisMax(180.0);
            int k = 0;
            for (DoaTable.Row r : withHistogram) {
                Histogram h = r.errors();
                double[] x = new double[h.counts().size()];
                double[] y = new double[h.counts().size()];
                for (int b = 0; b < x.length; b++) {
                    x[b] = (h.edges().get(b) + h.edges().get(b + 1)) / 2;
                    y[b] = 100.0 * h.counts().get(b) / h.total();
                }
                XYSeries s = chart.addSeries(r.modelId(), x, y);
                s.setMarker(SeriesMarkers.CIRCLE);
                s.setLineColor(MODEL_COLORS[k % MODEL_COLORS.length]);
                s.setMarkerColor(MODEL_COLORS[k % MODEL_COLORS.length]);
                k++;
            }
            return svg(chart, idPrefix);
        }
        CategoryChart chart = new CategoryChartBuilder().width(760).height(380).title("DoA error: " + taskId)
                .xAxisTitle("model").yAxisTitle("DoA error (degrees)").build();
        style(chart.getStyler());
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        chart.getStyler().setErrorBarsColor(Color.DARK_GRAY);
        List<String> models = new ArrayList<>();
        List<Double> mean = new ArrayList<>();
        List<Double> meanStd = new ArrayList<>();
        List<Double> median = new ArrayList<>();
        List<Double> medianStd = new ArrayList<>();
        for (DoaTable.Row r : scored) {
            models.add(r.modelId());
            mean.add(value(r.meanError()));
            meanStd.add(spread(r.meanError()));
            median.add(value(r.medianError()));
            medianStd.add(spread(r.medianError()));
        }
        if (models.isEmpty()) {
            throw new ResultFileException("Task " + taskId + " has no scored localization cell to draw");
        }
        CategorySeries a = chart.addSeries("mean DoA error", models, mean, meanStd);
        a.setFillColor(HEAR_COLOR);
        CategorySeries b = chart.addSeries("median DoA error", models, median, medianStd);
        b.setFillColor(NAT_HEAR_COLOR);
        return svg(chart, idPrefix);
    }

    private static double value(MetricSummary s) {
        return s == null || Double.isNaN(s.mean()) ? 0 : s.mean();
    }

    private static double spread(MetricSummary s) {
        return s == null || Double.isNaN(s.std()) ? 0 : s.std();
    }

    private static String shortTask(String taskId) {
        return taskId.length() <= 22 ? taskId : taskId.substring(0, 21) + "…";
    }

    private static void style(Styler styler) {
        styler.setBaseFont(BASE);
        styler.setChartTitleFont(BASE.deriveFont(Font.BOLD, 14f));
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setLegendBorderColor(new Color(200, 200, 200));
        styler.setChartTitleBoxBackgroundColor(Color.WHITE);
        styler.setChartTitleBoxBorderColor(Color.WHITE);
        styler.setChartFontColor(Color.BLACK);
        styler.setAntiAlias(true);
        if (styler instanceof org.knowm.xchart.style.AxesChartStyler axes) {
            axes.setAxisTitleFont(BASE.deriveFont(12f));
            axes.setAxisTickLabelsFont(BASE.deriveFont(11f));
            axes.setPlotGridLinesColor(new Color(225, 225, 225));
            axes.setPlotBorderColor(new Color(160, 160, 160));
            axes.setLocale(Locale.ROOT);
        }
    }

    private static final Pattern ID = Pattern.compile("id=\"([^\"]+)\"");

    /** The chart as an {@code <svg>} element with ids made unique and stable. */
    static String svg(Chart<?, ?> chart, String idPrefix) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            VectorGraphicsEncoder.saveVectorGraphic(chart, out, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
        } catch (IOException e) {
            throw new ResultFileException("Cannot draw chart '" + chart.getTitle() + "' as SVG: " + e, e);
        }
        String svg = out.toString(StandardCharsets.UTF_8);
        int start = svg.indexOf("<svg");
        if (start < 0) {
            throw new ResultFileException("Chart '" + chart.getTitle() + "' produced no <svg> element");
        }
        svg = svg.substring(start).trim();
        Matcher m = ID.matcher(svg);
        Map<String, String> renamed = new LinkedHashMap<>();
        while (m.find()) {
            renamed.putIfAbsent(m.group(1), idPrefix + "-" + renamed.size());
        }
        for (Map.Entry<String, String> e : renamed.entrySet()) {
            svg = svg.replace("id=\"" + e.getKey() + "\"", "id=\"" + e.getValue() + "\"")
                    .replace("url(#" + e.getKey() + ")", "url(#" + e.getValue() + ")")
                    .replace("href=\"#" + e.getKey() + "\"", "href=\"#" + e.getValue() + "\"");
        }
        return svg;
    }
}
