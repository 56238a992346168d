package dev.warren.amqp.benchmarks.perf.report;

import dev.warren.amqp.benchmarks.perf.Figure;
import dev.warren.amqp.benchmarks.perf.LatencySummary;
import dev.warren.amqp.benchmarks.perf.Plan;
import dev.warren.amqp.benchmarks.perf.RunResult;
import dev.warren.amqp.benchmarks.perf.Sample;
import dev.warren.amqp.benchmarks.perf.Scenario;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.util.List;

/**
 * {@code chart.png}: throughput over time (one line per client run) above latency percentiles (one line per client,
 * medians over rounds; end-to-end latency when the scenario measures it, else confirm latency). Rendered without
 * a display; the caller sets {@code java.awt.headless} before AWT loads.
 */
public final class ResultChart {

    public static final String FILE = "chart.png";
    public static final int WIDTH = 1200;
    public static final int PLOT_HEIGHT = 500;
    public static final int HEIGHT = 2 * PLOT_HEIGHT;

    /** Latencies are plotted on a log axis, which has no room for zero. */
    private static final double SMALLEST_MILLIS = 0.001;

    private ResultChart() {
    }

    public static Path write(Plan plan, List<RunResult> runs, List<RunResult> medians) throws IOException {
        JFreeChart throughput = throughput(plan.scenario(), runs);
        JFreeChart latency = latency(plan.scenario(), medians);
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = image.createGraphics();
        try {
            graphics.setColor(Color.WHITE);
            graphics.fillRect(0, 0, WIDTH, HEIGHT);
            throughput.draw(graphics, new Rectangle2D.Double(0, 0, WIDTH, PLOT_HEIGHT));
            latency.draw(graphics, new Rectangle2D.Double(0, PLOT_HEIGHT, WIDTH, PLOT_HEIGHT));
        } finally {
            graphics.dispose();
        }
        Path file = plan.outputDir().resolve(FILE);
        try (OutputStream out = Files.newOutputStream(file)) {
            ChartUtils.writeBufferedImageAsPNG(out, image);
        }
        return file;
    }

    private static JFreeChart throughput(Scenario scenario, List<RunResult> runs) {
        Figure figure = Figure.main(scenario);
        XYSeriesCollection dataset = new XYSeriesCollection();
        for (RunResult run : runs) {
            XYSeries series = new XYSeries(run.label());
            for (Sample sample : run.timeline()) {
                if (!sample.warmup()) {
                    double rate = figure == Figure.SENT ? sample.sentRate() : sample.receivedRate();
                    series.add(sample.second(), rate);
                }
            }
            dataset.addSeries(series);
        }
        JFreeChart chart = ChartFactory.createXYLineChart("Throughput (" + figure.label() + ")", "seconds",
                "msg/s", dataset, PlotOrientation.VERTICAL, true, false, false);
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        ((NumberAxis) plot.getRangeAxis()).setNumberFormatOverride(new DecimalFormat("#,##0"));
        plot.setNoDataMessage("no measured samples");
        return chart;
    }

    /**
     * A log axis from a power of ten to a power of ten with a tick at each: the automatic ticks of a log axis fall
     * on fractional exponents (1.585, 3.981), which nobody reads.
     */
    private static LogAxis decades(XYSeriesCollection dataset) {
        LogAxis axis = new LogAxis("ms (log scale)");
        axis.setSmallestValue(SMALLEST_MILLIS);
        axis.setNumberFormatOverride(new DecimalFormat("0.###"));
        if (dataset.getSeriesCount() > 0) {
            double lowest = Double.MAX_VALUE;
            double highest = 0;
            for (int s = 0; s < dataset.getSeriesCount(); s++) {
                lowest = Math.min(lowest, dataset.getSeries(s).getMinY());
                highest = Math.max(highest, dataset.getSeries(s).getMaxY());
            }
            double lower = Math.pow(10, Math.floor(Math.log10(lowest)));
            double upper = Math.pow(10, Math.ceil(Math.log10(highest)));
            axis.setRange(lower, upper > lower ? upper : lower * 10);
            axis.setTickUnit(new NumberTickUnit(1), false, true);
        }
        return axis;
    }

    private static JFreeChart latency(Scenario scenario, List<RunResult> medians) {
        boolean endToEnd = Figure.E2E_P50.measuredInScenario(scenario);
        boolean confirms = Figure.CONFIRM_P50.measuredInScenario(scenario);
        String title = endToEnd ? "End-to-end latency" : confirms ? "Confirm latency" : "Latency (not measured)";
        XYSeriesCollection dataset = new XYSeriesCollection();
        List<LatencySummary.Percentile> percentiles = LatencySummary.PERCENTILES;
        for (RunResult median : medians) {
            LatencySummary summary = endToEnd ? median.endToEndLatency() : median.confirmLatency();
            if ((!endToEnd && !confirms) || summary.isEmpty()) {
                continue;
            }
            XYSeries series = new XYSeries(median.label());
            for (int i = 0; i < percentiles.size(); i++) {
                double millis = percentiles.get(i).value().applyAsDouble(summary) / 1e6;
                series.add(i, Math.max(millis, SMALLEST_MILLIS));
            }
            dataset.addSeries(series);
        }
        JFreeChart chart = ChartFactory.createXYLineChart(title + " percentiles", "percentile", "ms", dataset,
                PlotOrientation.VERTICAL, true, false, false);
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setDomainAxis(new SymbolAxis("percentile",
                percentiles.stream().map(LatencySummary.Percentile::label).toArray(String[]::new)));
        plot.setRangeAxis(decades(dataset));
        plot.setRenderer(new XYLineAndShapeRenderer(true, true));
        plot.setNoDataMessage("no latency measured");
        return chart;
    }
}
