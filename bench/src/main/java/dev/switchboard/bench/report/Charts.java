package dev.switchboard.bench.report;

import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.DefaultCategoryDataset;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The PNG charts of a run (JFreeChart, headless): throughput per workload and target relative to direct
 * ({@code throughput.png}), relative to PgBouncer for the workloads whose targets are stated that way
 * ({@code throughput-vs-pgbouncer.png}) and absolute ({@code throughput-absolute.png}); p99 latency per workload and
 * target ({@code latency-p99.png}); p50/p99/p99.9 of each target for each workload ({@code latency-WORKLOAD.png}).
 */
final class Charts {
    private static final Color[] TARGET_COLORS = {new Color(0x4c72b0), new Color(0x55a868), new Color(0xc44e52),
            new Color(0x8172b2)};

    private Charts() {
    }

    /** Workloads whose issue #3 target is stated against PgBouncer. */
    private static final List<String> VS_PGBOUNCER = List.of("connect", "tenants-uniform", "tenants-zipf");

    static void write(Path out, Table t) throws IOException {
        throughput(out, t);
        ratio(out, t, "direct", "throughput.png", w -> true);
        ratio(out, t, "pgbouncer", "throughput-vs-pgbouncer.png", VS_PGBOUNCER::contains);
        p99(out, t);
        for (String w : t.workloads()) latency(out, t, w);
    }

    /** Absolute medians, log axis: ops/s, rows/s for bigresult. */
    private static void throughput(Path out, Table t) throws IOException {
        var ds = new DefaultCategoryDataset();
        for (String w : t.workloads()) {
            for (String target : t.targets()) t.get(w, target).ifPresent(m -> ds.addValue(m.throughput(), target, w));
        }
        JFreeChart chart = ChartFactory.createBarChart("Throughput (median; ops/s, bigresult: rows/s)", "workload",
                "per second (log)", ds);
        CategoryPlot plot = style(chart);
        logAxis(plot, "per second (log)");
        labels(plot, "#,##0");
        ChartUtils.saveChartAsPNG(out.resolve("throughput-absolute.png").toFile(), chart, 1200, 560);
    }

    /**
     * Throughput relative to {@code base} on a log axis, bars growing up or down from 1×: the in-app registry's
     * connect (a pool borrow, hundreds of × direct) and direct's tenants fit on one chart with everything else.
     */
    private static void ratio(Path out, Table t, String base, String file, Predicate<String> workloads)
            throws IOException {
        var ds = new DefaultCategoryDataset();
        for (String w : t.workloads()) {
            if (!workloads.test(w)) continue;
            for (String target : t.targets()) {
                Optional<Double> r = target.equals(base) ? t.get(w, target).map(m -> 1.0) : t.ratio(w, target, base);
                r.ifPresent(x -> ds.addValue(x, target, w));
            }
        }
        String unit = ds.getColumnKeys().contains("bigresult") ? "; bigresult: rows/s" : "";
        JFreeChart chart = ChartFactory.createBarChart("Throughput relative to " + base
                + " (median of repetitions" + unit + ")", "workload", "× " + base + " (log)", ds);
        CategoryPlot plot = style(chart);
        var axis = new LogAxis("× " + base + " (log₂)");
        axis.setBase(2);
        axis.setTickUnit(new NumberTickUnit(1));
        axis.setMinorTickMarksVisible(false);
        axis.setSmallestValue(0.001);
        axis.setNumberFormatOverride(new DecimalFormat("0.###"));
        plot.setRangeAxis(axis);
        ((BarRenderer) plot.getRenderer()).setBase(1);
        plot.addRangeMarker(new ValueMarker(1.0, Color.DARK_GRAY, new BasicStroke(1.5f)));
        labels(plot, "0.00");
        int baseSeries = ds.getRowIndex(base);
        if (baseSeries >= 0) plot.getRenderer().setSeriesItemLabelsVisible(baseSeries, false);   // 1.00 by definition
        ChartUtils.saveChartAsPNG(out.resolve(file).toFile(), chart, 1200, 560);
    }

    private static void labels(CategoryPlot plot, String format) {
        BarRenderer r = (BarRenderer) plot.getRenderer();
        r.setDefaultItemLabelGenerator(new StandardCategoryItemLabelGenerator("{2}", new DecimalFormat(format)));
        r.setDefaultItemLabelsVisible(true);
        r.setDefaultItemLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
    }

    private static void p99(Path out, Table t) throws IOException {
        var ds = new DefaultCategoryDataset();
        for (String w : t.workloads()) {
            if (Median.isStreaming(w)) continue;                // one op is a whole 1M-row stream: another scale
            for (String target : t.targets()) t.get(w, target).ifPresent(m -> ds.addValue(m.p99Us(), target, w));
        }
        JFreeChart chart = ChartFactory.createBarChart("p99 latency per operation (median of repetitions)",
                "workload", "µs (log)", ds);
        logAxis(style(chart), "µs (log)");
        ChartUtils.saveChartAsPNG(out.resolve("latency-p99.png").toFile(), chart, 1200, 560);
    }

    private static void latency(Path out, Table t, String workload) throws IOException {
        var ds = new DefaultCategoryDataset();
        for (String target : t.targets()) {
            t.get(workload, target).ifPresent(m -> {
                ds.addValue(m.p50Us(), "p50", target);
                ds.addValue(m.p99Us(), "p99", target);
                ds.addValue(m.p999Us(), "p99.9", target);
            });
        }
        JFreeChart chart = ChartFactory.createBarChart("Latency percentiles: " + workload, "target", "µs (log)", ds);
        CategoryPlot plot = style(chart);
        logAxis(plot, "µs (log)");
        ChartUtils.saveChartAsPNG(out.resolve("latency-" + workload + ".png").toFile(), chart, 800, 480);
    }

    private static CategoryPlot style(JFreeChart chart) {
        chart.setBackgroundPaint(Color.WHITE);
        CategoryPlot plot = chart.getCategoryPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        BarRenderer r = (BarRenderer) plot.getRenderer();
        r.setBarPainter(new StandardBarPainter());
        r.setShadowVisible(false);
        r.setItemMargin(0.05);
        for (int i = 0; i < TARGET_COLORS.length; i++) r.setSeriesPaint(i, TARGET_COLORS[i]);
        return plot;
    }

    private static void logAxis(CategoryPlot plot, String label) {
        var axis = new LogAxis(label);
        axis.setSmallestValue(1);
        axis.setNumberFormatOverride(new DecimalFormat("#,##0"));
        plot.setRangeAxis(axis);
        ((BarRenderer) plot.getRenderer()).setBase(1);      // bars start at 1 µs: a log axis has no zero
    }
}
