package org.nathear.results.boards;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.nathear.results.schema.CellStatus;
import org.nathear.results.schema.Histogram;
import org.nathear.results.schema.MetricSummary;
import org.nathear.results.schema.ResultFileException;
import org.nathear.results.scores.SmScores;
import org.nathear.results.scores.TaskGroup;

/**
 * The leaderboard's plots as inline SVG, written directly: s(m) per model with its confidence
 * interval, a heatmap of every model's normalised score per task, and the DoA errors of each
 * localization task.
 *
 * <p>Written by hand rather than exported from a charting library because the page needs what
 * the SVG exports at hand do not give: text stays {@code <text>} (searchable, selectable, a few
 * bytes instead of glyph outlines — XChart's export drew every label as paths, about 250 KB a
 * chart), axes carry tick labels and titles, every mark has a legend entry and a {@code <title>}
 * tooltip with its numbers. A chart is a few kilobytes and needs no fonts beyond the viewer's
 * sans-serif.
 *
 * <p>Every method returns one {@code <svg>} element (no XML prolog) whose element ids start with
 * {@code idPrefix}, so several charts can sit inline in one page; the output depends only on the
 * input (numbers formatted with {@link Locale#ROOT}).
 */
public final class LeaderboardCharts {
    /** HEAR marks (blue), as RGB. */
    static final int HEAR_COLOR = 0x1F77B4;
    /** Nat-HEAR marks (orange), as RGB. */
    static final int NAT_HEAR_COLOR = 0xD6620D;
    private static final int[] MODEL_COLORS = {0x1F77B4, 0xD6620D, 0x2CA02C, 0xD62728, 0x9467BD, 0x8C564B,
        0xE377C2, 0x7F7F7F, 0xBCBD22, 0x17BECF};
    /** Width of one character of 12 px sans-serif text, generously estimated for layout. */
    private static final double CHAR_PX = 7.0;

    private LeaderboardCharts() {
    }

    /**
     * s(m) per model (rows) and group (HEAR, Nat-HEAR): a marker at s(m) and a bar across its
     * confidence interval (a forest plot); model names on the y axis, s(m) on the x axis.
     */
    public static String smPlot(SmScores.Report sm, List<String> modelOrder, String idPrefix) {
        List<String> models = new ArrayList<>();
        for (String m : modelOrder) {
            if (sm.groups().stream().anyMatch(g -> g.model(m).isPresent())) {
                models.add(m);
            }
        }
        double lo = 0;
        double hi = 100;
        for (SmScores.Group g : sm.groups()) {
            for (SmScores.ModelScore s : g.models()) {
                hi = Math.max(hi, finiteOr(s.high(), s.score()));
                lo = Math.min(lo, finiteOr(s.low(), s.score()));
            }
        }
        lo = Math.floor(lo / 10) * 10;
        hi = Math.ceil(hi / 10) * 10;
        int labelWidth = (int) Math.max(90, maxLength(models) * CHAR_PX + 16);
        int left = 36 + labelWidth;
        int width = 760;
        int right = 24;
        int top = 40;
        int row = 40;
        int plotHeight = row * Math.max(1, models.size());
        int height = top + plotHeight + 96;
        Svg svg = new Svg(width, height, idPrefix, "s(m) per model with "
                + interval(sm.confidenceLevel()) + " intervals; baseline " + sm.baselineModel());
        svg.text(width / 2.0, 22, "middle", "font-size=\"14\" font-weight=\"600\"",
                "s(m) per model, " + interval(sm.confidenceLevel()) + " bootstrap intervals");
        double x0 = left;
        double x1 = width - right;
        double scale = (x1 - x0) / (hi - lo);
        // grid, ticks and tick labels
        double step = hi - lo > 120 ? 20 : 10;
        for (double t = lo; t <= hi + 1e-9; t += step) {
            double x = x0 + (t - lo) * scale;
            svg.line(x, top, x, top + plotHeight, t == 0 ? "#888" : "#e3e3e3", 1);
            svg.text(x, top + plotHeight + 16, "middle", "", fmt0(t));
        }
        svg.rect(x0, top, x1 - x0, plotHeight, "none", "#a0a0a0");
        svg.text((x0 + x1) / 2, top + plotHeight + 38, "middle", "",
                "s(m): 0 = baseline " + sm.baselineModel() + ", 100 = best of the comparison set");
        svg.rotatedText(16, top + plotHeight / 2.0, "model");
        boolean anyInterval = false;
        for (int i = 0; i < models.size(); i++) {
            String model = models.get(i);
            double yc = top + row * i + row / 2.0;
            svg.text(left - 8, yc + 4, "end", "", model);
            if (i % 2 == 1) {
                svg.rect(x0 + 0.5, top + row * i, x1 - x0 - 1, row, "#f7f7f7", "none");
            }
            int g = 0;
            for (SmScores.Group group : sm.groups()) {
                Optional<SmScores.ModelScore> s = group.model(model);
                double offset = sm.groups().size() == 1 ? 0 : (g == 0 ? -7 : 7);
                boolean nat = group.group() == TaskGroup.NAT_HEAR;
                g++;
                if (s.isEmpty() || Double.isNaN(s.get().score())) {
                    continue;
                }
                String color = hex(nat ? NAT_HEAR_COLOR : HEAR_COLOR);
                double y = yc + offset;
                String tip = model + ": " + group.group().label() + " s(m) " + fmt1(s.get().score())
                        + (Double.isNaN(s.get().low()) ? "" : " [" + fmt1(s.get().low()) + ", " + fmt1(s.get().high()) + "]")
                        + ", unclipped " + fmt1(s.get().unclipped()) + ", mean rank " + Leaderboard.format2(s.get().meanRank());
                svg.open("g", "");
                svg.title(tip);
                if (!Double.isNaN(s.get().low())) {
                    anyInterval = true;
                    svg.line(x0 + (s.get().low() - lo) * scale, y, x0 + (s.get().high() - lo) * scale, y, color, 2.5);
                }
                marker(svg, x0 + (s.get().score() - lo) * scale, y, nat, color);
                svg.close("g");
            }
        }
        // legend: one entry per group drawn, and the interval bar
        double ly = top + plotHeight + 66;
        double lx = x0;
        for (SmScores.Group group : sm.groups()) {
            boolean nat = group.group() == TaskGroup.NAT_HEAR;
            marker(svg, lx + 6, ly - 4, nat, hex(nat ? NAT_HEAR_COLOR : HEAR_COLOR));
            String label = group.group().label() + " s(m)";
            svg.text(lx + 16, ly, "start", "", label);
            lx += 16 + label.length() * CHAR_PX + 24;
        }
        if (anyInterval) {
            svg.line(lx, ly - 4, lx + 22, ly - 4, "#555", 2.5);
            String label = interval(sm.confidenceLevel()) + " bootstrap interval";
            svg.text(lx + 28, ly, "start", "", label);
        }
        return svg.end();
    }

    /**
     * Heatmap of 100 · n_t(m): tasks across (HEAR then Nat-HEAR), models down; the value in each cell,
     * the unclipped value under it where the model is below the baseline; blank where a model has no
     * score.
     */
    public static String heatmap(SmScores.Report sm, List<String> modelOrder, String idPrefix) {
        List<String> tasks = new ArrayList<>();
        List<SmScores.Group> columns = new ArrayList<>();
        for (SmScores.Group g : sm.groups()) {
            for (SmScores.TaskBasis t : g.tasks()) {
                tasks.add(t.taskId());
                columns.add(g);
            }
        }
        if (tasks.isEmpty()) {
            throw new ResultFileException("No task has a baseline score; there is nothing to draw in the heatmap");
        }
        List<String> models = new ArrayList<>();
        for (String m : modelOrder) {
            if (sm.groups().stream().anyMatch(g -> g.model(m).isPresent())) {
                models.add(m);
            }
        }
        int cellW = tasks.size() > 8 ? 72 : 92;
        int cellH = 34;
        int labelWidth = (int) Math.max(80, maxLength(models) * CHAR_PX + 16);
        int left = 36 + labelWidth;
        int top = 62;
        double taskLabelDepth = Math.min(40, maxLength(tasks)) * 6.0 * 0.5 + 16;
        int legendTop = (int) (top + cellH * models.size() + taskLabelDepth + 40);
        int width = Math.max(600, left + cellW * tasks.size() + 24);
        int height = legendTop + 44;
        Svg svg = new Svg(width, height, idPrefix, "normalised score per task and model");
        svg.text(width / 2.0, 22, "middle", "font-size=\"14\" font-weight=\"600\"",
                "Normalised score per task (×100; 0 = baseline, 100 = best)");
        // group labels over the columns
        int c = 0;
        for (SmScores.Group g : sm.groups()) {
            int n = g.tasks().size();
            if (n == 0) {
                continue;
            }
            double gx = left + cellW * c;
            svg.line(gx + 4, top - 10, gx + cellW * n - 4, top - 10, "#999", 1);
            svg.text(gx + cellW * n / 2.0, top - 16, "middle", "font-weight=\"600\"", g.group().label());
            c += n;
        }
        for (int i = 0; i < models.size(); i++) {
            double y = top + cellH * i;
            svg.text(left - 8, y + cellH / 2.0 + 4, "end", "", models.get(i));
            for (int j = 0; j < tasks.size(); j++) {
                double x = left + cellW * j;
                String task = tasks.get(j);
                Optional<SmScores.ModelScore> s = columns.get(j).model(models.get(i));
                double v = s.map(m -> m.perTask().getOrDefault(task, Double.NaN)).orElse(Double.NaN);
                double u = s.map(m -> m.perTaskUnclipped().getOrDefault(task, Double.NaN)).orElse(Double.NaN);
                boolean below = s.map(m -> m.belowBaseline().contains(task)).orElse(false);
                svg.open("g", "");
                if (Double.isNaN(v)) {
                    svg.title(models.get(i) + " on " + task + ": no score (counts 0)");
                    svg.rect(x, y, cellW, cellH, "#f2f2f2", "#ffffff");
                    svg.text(x + cellW / 2.0, y + cellH / 2.0 + 4, "middle", "fill=\"#888\"", "no score");
                } else {
                    svg.title(models.get(i) + " on " + task + ": " + fmt1(v) + (u < v ? " (unclipped " + fmt1(u) + ")"
                            : below ? " (below the baseline; no model beats the baseline on this task)" : ""));
                    int fill = heat(v);
                    svg.rect(x, y, cellW, cellH, hex(fill), "#ffffff");
                    String ink = luminance(fill) < 0.45 ? "#ffffff" : "#111111";
                    if (u < v || below) {
                        svg.text(x + cellW / 2.0, y + 15, "middle", "fill=\"" + ink + "\"", fmt0(v));
                        svg.text(x + cellW / 2.0, y + 28, "middle", "font-size=\"10\" fill=\"#b00020\"",
                                u < v ? "(" + fmt0(u) + ")" : "(below)");
                    } else {
                        svg.text(x + cellW / 2.0, y + cellH / 2.0 + 4, "middle", "fill=\"" + ink + "\"", fmt0(v));
                    }
                }
                svg.close("g");
            }
        }
        double labelsY = top + cellH * models.size() + 10;
        for (int j = 0; j < tasks.size(); j++) {
            double x = left + cellW * j + cellW / 2.0;
            svg.raw("<text x=\"" + fmt1(x) + "\" y=\"" + fmt1(labelsY) + "\" text-anchor=\"end\" transform=\"rotate(-30 "
                    + fmt1(x) + " " + fmt1(labelsY) + ")\" font-size=\"11\">" + HtmlLeaderboard.esc(shorten(tasks.get(j), 40))
                    + "<title>" + HtmlLeaderboard.esc(tasks.get(j)) + "</title></text>");
        }
        svg.text(left + cellW * tasks.size() / 2.0, legendTop - 22, "middle", "", "task");
        svg.rotatedText(16, top + cellH * models.size() / 2.0, "model");
        // colour scale
        String grad = idPrefix + "-scale";
        svg.raw("<defs><linearGradient id=\"" + grad + "\" x1=\"0\" x2=\"1\" y1=\"0\" y2=\"0\">"
                + "<stop offset=\"0\" stop-color=\"" + hex(heat(0)) + "\"/><stop offset=\"0.5\" stop-color=\""
                + hex(heat(50)) + "\"/><stop offset=\"1\" stop-color=\"" + hex(heat(100)) + "\"/></linearGradient></defs>");
        double sx = 16;
        svg.text(sx, legendTop + 4, "start", "", "colour: normalised score");
        double bx = sx + 160;
        svg.raw("<rect x=\"" + fmt1(bx) + "\" y=\"" + (legendTop - 8) + "\" width=\"200\" height=\"14\" fill=\"url(#" + grad
                + ")\" stroke=\"#999\"/>");
        svg.text(bx, legendTop + 22, "middle", "font-size=\"11\"", "0");
        svg.text(bx + 100, legendTop + 22, "middle", "font-size=\"11\"", "50");
        svg.text(bx + 200, legendTop + 22, "middle", "font-size=\"11\"", "100");
        svg.text(bx + 216, legendTop + 4, "start", "font-size=\"11\" fill=\"#b00020\"", "(−n), (below): under the baseline");
        return svg.end();
    }

    /**
     * DoA errors of one localization task: the share of test clips per 5° bin for every model that
     * stores a per-clip histogram; otherwise mean and median DoA error per model with the standard
     * deviation over folds as error bars.
     */
    public static String doaPlot(String taskId, List<DoaTable.Row> rows, String idPrefix) {
        List<DoaTable.Row> scored = rows.stream().filter(r -> r.status() == CellStatus.SUCCEEDED).toList();
        if (scored.isEmpty()) {
            throw new ResultFileException("Task " + taskId + " has no scored localization cell to draw");
        }
        List<DoaTable.Row> withHistogram = scored.stream().filter(r -> r.errors() != null && r.errors().total() > 0).toList();
        return withHistogram.isEmpty() ? doaBars(taskId, scored, idPrefix) : doaHistogram(taskId, withHistogram, idPrefix);
    }

    private static String doaHistogram(String taskId, List<DoaTable.Row> rows, String idPrefix) {
        int width = 760;
        int left = 64;
        int right = 24;
        int top = 40;
        int plotH = 260;
        int legendRows = (rows.size() + 2) / 3;
        int height = top + plotH + 56 + 20 * legendRows;
        double maxShare = 0;
        for (DoaTable.Row r : rows) {
            for (long count : r.errors().counts()) {
                maxShare = Math.max(maxShare, 100.0 * count / r.errors().total());
            }
        }
        double yMax = Math.max(5, Math.ceil(maxShare / 5) * 5);
        double xMax = 180;
        for (DoaTable.Row r : rows) {
            xMax = Math.max(xMax, r.errors().edges().get(r.errors().edges().size() - 1));
        }
        Svg svg = new Svg(width, height, idPrefix, "DoA error distribution of " + taskId);
        svg.text(width / 2.0, 22, "middle", "font-size=\"14\" font-weight=\"600\"", "DoA error distribution: " + taskId);
        double x0 = left;
        double x1 = width - right;
        double y1 = top + plotH;
        axes(svg, x0, x1, top, y1, 0, xMax, 30, 0, yMax, yMax > 20 ? 10 : 5);
        svg.text((x0 + x1) / 2, y1 + 36, "middle", "", "DoA error (degrees)");
        svg.rotatedText(16, top + plotH / 2.0, "share of test clips (%)");
        double ly = y1 + 58;
        for (int k = 0; k < rows.size(); k++) {
            DoaTable.Row r = rows.get(k);
            String color = hex(MODEL_COLORS[k % MODEL_COLORS.length]);
            Histogram h = r.errors();
            StringBuilder points = new StringBuilder();
            for (int b = 0; b < h.counts().size(); b++) {
                double centre = (h.edges().get(b) + h.edges().get(b + 1)) / 2;
                double share = 100.0 * h.counts().get(b) / h.total();
                points.append(points.length() == 0 ? "" : " ").append(fmt1(x0 + centre / xMax * (x1 - x0))).append(',')
                        .append(fmt1(y1 - share / yMax * plotH));
            }
            svg.open("g", "");
            svg.title(r.modelId() + ": " + h.total() + " test clips; mean DoA error "
                    + (r.meanError() == null ? "n/a" : fmt1(r.meanError().mean()) + "°") + ", median "
                    + (r.medianError() == null ? "n/a" : fmt1(r.medianError().mean()) + "°"));
            svg.raw("<polyline points=\"" + points + "\" fill=\"none\" stroke=\"" + color + "\" stroke-width=\"2\"/>");
            svg.close("g");
            double lx = x0 + (k % 3) * 230;
            double y = ly + (k / 3) * 20;
            svg.line(lx, y - 4, lx + 22, y - 4, color, 2.5);
            svg.text(lx + 28, y, "start", "", r.modelId());
        }
        return svg.end();
    }

    private static String doaBars(String taskId, List<DoaTable.Row> rows, String idPrefix) {
        int width = 760;
        int left = 64;
        int right = 24;
        int top = 40;
        int plotH = 240;
        double yMax = 0;
        for (DoaTable.Row r : rows) {
            yMax = Math.max(yMax, value(r.meanError()) + spread(r.meanError()));
            yMax = Math.max(yMax, value(r.medianError()) + spread(r.medianError()));
        }
        double yStep = yMax > 100 ? 20 : 10;
        yMax = Math.max(10, Math.ceil(yMax / yStep) * yStep);
        // model names are written at −20°: their depth is about sin(20°) of their length
        double labelDepth = Math.min(30, maxLength(rows.stream().map(DoaTable.Row::modelId).toList())) * CHAR_PX * 0.35 + 18;
        int height = (int) (top + plotH + labelDepth + 64);
        Svg svg = new Svg(width, height, idPrefix, "mean and median DoA error of " + taskId);
        svg.text(width / 2.0, 22, "middle", "font-size=\"14\" font-weight=\"600\"", "DoA error: " + taskId);
        double x0 = left;
        double x1 = width - right;
        double y1 = top + plotH;
        axes(svg, x0, x1, top, y1, Double.NaN, Double.NaN, 0, 0, yMax, yStep);
        svg.rotatedText(16, top + plotH / 2.0, "DoA error (degrees)");
        double slot = (x1 - x0) / rows.size();
        double bar = Math.min(40, slot / 3);
        String[] colors = {hex(HEAR_COLOR), hex(NAT_HEAR_COLOR)};
        for (int i = 0; i < rows.size(); i++) {
            DoaTable.Row r = rows.get(i);
            double cx = x0 + slot * i + slot / 2;
            MetricSummary[] values = {r.meanError(), r.medianError()};
            String[] names = {"mean", "median"};
            for (int k = 0; k < 2; k++) {
                double v = value(values[k]);
                double bx = cx - bar + k * bar;
                double h = v / yMax * plotH;
                svg.open("g", "");
                svg.title(r.modelId() + ": " + names[k] + " DoA error " + fmt1(v) + "° ± " + fmt1(spread(values[k])));
                svg.rect(bx, y1 - h, bar - 2, h, colors[k], "none");
                double sd = spread(values[k]);
                if (sd > 0) {
                    double xm = bx + (bar - 2) / 2;
                    svg.line(xm, y1 - (v + sd) / yMax * plotH, xm, y1 - Math.max(0, v - sd) / yMax * plotH, "#333", 1.2);
                }
                svg.close("g");
            }
            svg.raw("<text x=\"" + fmt1(cx) + "\" y=\"" + fmt1(y1 + 16) + "\" text-anchor=\"end\" transform=\"rotate(-20 "
                    + fmt1(cx) + " " + fmt1(y1 + 16) + ")\">" + HtmlLeaderboard.esc(r.modelId()) + "</text>");
        }
        double ly = y1 + labelDepth + 44;
        svg.text((x0 + x1) / 2, y1 + labelDepth + 20, "middle", "", "model");
        svg.rect(x0, ly - 11, 14, 12, colors[0], "none");
        svg.text(x0 + 20, ly, "start", "", "mean DoA error");
        svg.rect(x0 + 160, ly - 11, 14, 12, colors[1], "none");
        svg.text(x0 + 180, ly, "start", "", "median DoA error");
        svg.line(x0 + 330, ly - 11, x0 + 330, ly + 1, "#333", 1.2);
        svg.text(x0 + 338, ly, "start", "", "± standard deviation over folds");
        return svg.end();
    }

    /** Frame, grid, ticks and tick labels; the x axis is numeric unless {@code xMin} is NaN. */
    private static void axes(Svg svg, double x0, double x1, double y0, double y1, double xMin, double xMax, double xStep,
                             double yMin, double yMax, double yStep) {
        for (double t = yMin; t <= yMax + 1e-9; t += yStep) {
            double y = y1 - (t - yMin) / (yMax - yMin) * (y1 - y0);
            svg.line(x0, y, x1, y, "#e3e3e3", 1);
            svg.text(x0 - 6, y + 4, "end", "", fmt0(t));
        }
        if (!Double.isNaN(xMin)) {
            for (double t = xMin; t <= xMax + 1e-9; t += xStep) {
                double x = x0 + (t - xMin) / (xMax - xMin) * (x1 - x0);
                svg.line(x, y0, x, y1, "#eeeeee", 1);
                svg.text(x, y1 + 16, "middle", "", fmt0(t));
            }
        }
        svg.rect(x0, y0, x1 - x0, y1 - y0, "none", "#a0a0a0");
    }

    private static void marker(Svg svg, double x, double y, boolean square, String color) {
        if (square) {
            svg.rect(x - 5, y - 5, 10, 10, color, "#ffffff");
        } else {
            svg.raw("<circle cx=\"" + fmt1(x) + "\" cy=\"" + fmt1(y) + "\" r=\"5.5\" fill=\"" + color + "\" stroke=\"#ffffff\"/>");
        }
    }

    /** White → light blue → blue over 0–100 (values outside are clamped). */
    static int heat(double v) {
        double t = Math.max(0, Math.min(100, v)) / 100;
        int[] a = t < 0.5 ? new int[] {0xFA, 0xFA, 0xFA} : new int[] {0x9E, 0xCA, 0xE1};
        int[] b = t < 0.5 ? new int[] {0x9E, 0xCA, 0xE1} : new int[] {0x31, 0x82, 0xBD};
        double f = t < 0.5 ? t * 2 : (t - 0.5) * 2;
        int rgb = 0;
        for (int k = 0; k < 3; k++) {
            rgb = (rgb << 8) | (int) Math.round(a[k] + (b[k] - a[k]) * f);
        }
        return rgb;
    }

    private static double luminance(int rgb) {
        return (0.299 * ((rgb >> 16) & 0xFF) + 0.587 * ((rgb >> 8) & 0xFF) + 0.114 * (rgb & 0xFF)) / 255;
    }

    private static double value(MetricSummary s) {
        return s == null || Double.isNaN(s.mean()) ? 0 : s.mean();
    }

    private static double spread(MetricSummary s) {
        return s == null || Double.isNaN(s.std()) ? 0 : s.std();
    }

    private static double finiteOr(double v, double fallback) {
        return Double.isFinite(v) ? v : Double.isFinite(fallback) ? fallback : 0;
    }

    private static int maxLength(List<String> texts) {
        return texts.stream().mapToInt(String::length).max().orElse(0);
    }

    private static String shorten(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    private static String interval(double level) {
        return Double.isNaN(level) ? "no" : Math.round(level * 100) + " %";
    }

    static String hex(int rgb) {
        return String.format(Locale.ROOT, "#%06x", rgb & 0xFFFFFF);
    }

    static String fmt1(double v) {
        String s = String.format(Locale.ROOT, "%.1f", v);
        return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
    }

    static String fmt0(double v) {
        return String.format(Locale.ROOT, "%.0f", v).replace("-0", "0").replace("-", "−");
    }

    /** A minimal SVG writer: every string passes through {@link HtmlLeaderboard#esc}. */
    private static final class Svg {
        private final StringBuilder out = new StringBuilder();

        Svg(int width, int height, String idPrefix, String label) {
            out.append("<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"").append(HtmlLeaderboard.esc(idPrefix))
                    .append("\" viewBox=\"0 0 ").append(width).append(' ').append(height).append("\" width=\"").append(width)
                    .append("\" height=\"").append(height).append("\" role=\"img\" aria-labelledby=\"")
                    .append(HtmlLeaderboard.esc(idPrefix)).append("-title\" font-family=\"system-ui, -apple-system, 'Segoe UI', "
                            + "Roboto, 'DejaVu Sans', Arial, sans-serif\" font-size=\"12\" fill=\"#1b1b1b\">")
                    .append("<title id=\"").append(HtmlLeaderboard.esc(idPrefix)).append("-title\">")
                    .append(HtmlLeaderboard.esc(label)).append("</title>")
                    .append("<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n");
        }

        void text(double x, double y, String anchor, String attributes, String text) {
            out.append("<text x=\"").append(fmt1(x)).append("\" y=\"").append(fmt1(y)).append('"');
            if (!"start".equals(anchor)) {
                out.append(" text-anchor=\"").append(anchor).append('"');
            }
            if (!attributes.isEmpty()) {
                out.append(' ').append(attributes);
            }
            out.append('>').append(HtmlLeaderboard.esc(text)).append("</text>\n");
        }

        void rotatedText(double x, double y, String text) {
            out.append("<text x=\"").append(fmt1(x)).append("\" y=\"").append(fmt1(y))
                    .append("\" text-anchor=\"middle\" transform=\"rotate(-90 ").append(fmt1(x)).append(' ').append(fmt1(y))
                    .append(")\">").append(HtmlLeaderboard.esc(text)).append("</text>\n");
        }

        void line(double xa, double ya, double xb, double yb, String color, double width) {
            out.append("<line x1=\"").append(fmt1(xa)).append("\" y1=\"").append(fmt1(ya)).append("\" x2=\"").append(fmt1(xb))
                    .append("\" y2=\"").append(fmt1(yb)).append("\" stroke=\"").append(color).append("\" stroke-width=\"")
                    .append(fmt1(width)).append("\"/>\n");
        }

        void rect(double x, double y, double w, double h, String fill, String stroke) {
            out.append("<rect x=\"").append(fmt1(x)).append("\" y=\"").append(fmt1(y)).append("\" width=\"").append(fmt1(w))
                    .append("\" height=\"").append(fmt1(h)).append("\" fill=\"").append(fill).append('"');
            if (!"none".equals(stroke)) {
                out.append(" stroke=\"").append(stroke).append('"');
            }
            out.append("/>\n");
        }

        void title(String text) {
            out.append("<title>").append(HtmlLeaderboard.esc(text)).append("</title>");
        }

        void open(String tag, String attributes) {
            out.append('<').append(tag).append(attributes.isEmpty() ? "" : " " + attributes).append('>');
        }

        void close(String tag) {
            out.append("</").append(tag).append(">\n");
        }

        void raw(String markup) {
            out.append(markup).append('\n');
        }

        String end() {
            return out.append("</svg>").toString();
        }
    }
}
