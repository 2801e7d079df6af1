package io.flotilla.chaos.report;

import io.flotilla.chaos.history.Op;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.geom.Ellipse2D;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.Layer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** The report's two plots, drawn headless with JFreeChart and answered as PNG data URIs. */
final class Charts {

    private static final int WIDTH = 1100;
    private static final int HEIGHT = 380;
    private static final Map<Op.Type, Color> COLOURS = Map.of(
            Op.Type.OK, new Color(0x2e, 0x7d, 0x32), Op.Type.FAIL, new Color(0xc6, 0x28, 0x28),
            Op.Type.INFO, new Color(0xef, 0x8f, 0x00));
    private static final List<Op.Type> RESULTS = List.of(Op.Type.OK, Op.Type.FAIL, Op.Type.INFO);

    static {
        // Rendering to images needs no display; without this a machine with no X server fails here.
        System.setProperty("java.awt.headless", "true");
    }

    private Charts() {
    }

    /** Each op's latency (log scale) at its completion time, coloured by result. */
    static String latency(Timeline timeline) {
        XYSeriesCollection data = new XYSeriesCollection();
        Map<Op.Type, XYSeries> series = new EnumMap<>(Op.Type.class);
        for (Op.Type r : RESULTS) {
            series.put(r, new XYSeries(r.name().toLowerCase(), false, true));
            data.addSeries(series.get(r));
        }
        for (Timeline.Completed op : timeline.ops()) {
            // Log axis: a latency of 0 cannot be drawn, and sub-millisecond detail does not matter here.
            series.get(op.result()).add(op.endSeconds(), Math.max(op.latencySeconds() * 1000, 0.1));
        }
        JFreeChart chart = ChartFactory.createScatterPlot("Latency by completion time", "time (s)",
                "latency (ms)", data, PlotOrientation.VERTICAL, true, false, false);
        XYPlot plot = chart.getXYPlot();
        plot.setRangeAxis(new LogAxis("latency (ms)"));
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(false, true);
        colour(renderer);
        for (int i = 0; i < RESULTS.size(); i++) {
            renderer.setSeriesShape(i, new Ellipse2D.Double(-2, -2, 4, 4));
        }
        plot.setRenderer(renderer);
        return png(shade(chart, timeline));
    }

    /** Ops completed per second, one line per result. */
    static String throughput(Timeline timeline) {
        Map<Op.Type, TreeMap<Integer, Integer>> perSecond = new EnumMap<>(Op.Type.class);
        int last = 0;
        for (Timeline.Completed op : timeline.ops()) {
            int second = (int) op.endSeconds();
            last = Math.max(last, second);
            perSecond.computeIfAbsent(op.result(), r -> new TreeMap<>()).merge(second, 1, Integer::sum);
        }
        XYSeriesCollection data = new XYSeriesCollection();
        for (Op.Type r : RESULTS) {
            XYSeries s = new XYSeries(r.name().toLowerCase());
            TreeMap<Integer, Integer> counts = perSecond.getOrDefault(r, new TreeMap<>());
            for (int second = 0; second <= last; second++) {
                s.add(second, counts.getOrDefault(second, 0));
            }
            data.addSeries(s);
        }
        JFreeChart chart = ChartFactory.createXYLineChart("Throughput", "time (s)", "ops/s", data,
                PlotOrientation.VERTICAL, true, false, false);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        colour(renderer);
        for (int i = 0; i < RESULTS.size(); i++) {
            renderer.setSeriesStroke(i, new BasicStroke(1.5f));
        }
        chart.getXYPlot().setRenderer(renderer);
        return png(shade(chart, timeline));
    }

    private static void colour(XYLineAndShapeRenderer renderer) {
        for (int i = 0; i < RESULTS.size(); i++) {
            renderer.setSeriesPaint(i, COLOURS.get(RESULTS.get(i)));
        }
    }

    /** Grey bands where a fault was in place. */
    private static JFreeChart shade(JFreeChart chart, Timeline timeline) {
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        for (Timeline.FaultWindow w : timeline.faults()) {
            IntervalMarker band = new IntervalMarker(w.startSeconds(), w.endSeconds(), new Color(0, 0, 0, 28));
            band.setLabel(w.f() + " " + w.target());
            plot.addDomainMarker(band, Layer.BACKGROUND);
        }
        return chart;
    }

    private static String png(JFreeChart chart) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            ChartUtils.writeChartAsPNG(bytes, chart, WIDTH, HEIGHT);
            return "data:image/png;base64," + Base64.getEncoder().encodeToString(bytes.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
