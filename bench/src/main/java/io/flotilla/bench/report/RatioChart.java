package io.flotilla.bench.report;

import io.flotilla.bench.report.Results.Outcome;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.text.DecimalFormat;
import javax.imageio.ImageIO;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.AxisLocation;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * ratios.png: one horizontal bar per ratio, next to a bar for its goal (goals differ per row, so a single
 * marker line cannot show them), and a line at 1x, parity. The axis is logarithmic when the ratios span more
 * than a factor of 20.
 */
public final class RatioChart {
    private static final int WIDTH = 1100;
    private static final int ROW_HEIGHT = 34;

    static {
        // Drawing to a PNG needs no display; without this a machine with no X server fails here.
        System.setProperty("java.awt.headless", "true");
        // ImageIO's file cache registers a shutdown hook per image, which fails while the JVM stops (Ctrl-C).
        ImageIO.setUseCache(false);
    }

    private RatioChart() {
    }

    public static void write(Results results, Path png) throws IOException {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        List<Double> values = new ArrayList<>();
        for (Comparison c : results.comparisons()) {
            Outcome o = results.outcome(c);
            if (c.subject() == null) {
                continue;
            }
            String category = category(results, c);
            data.addValue(o.ratio(), "ratio", category);
            data.addValue(c.goal().hasTarget() ? c.goal().minRatio() : null, "goal", category);
            if (o.ratio() != null && o.ratio() > 0) {
                values.add(o.ratio());
            }
        }
        JFreeChart chart = ChartFactory.createBarChart("Ratios against their goals (higher is better)", null,
                "ratio (x)", data, PlotOrientation.HORIZONTAL, true, false, false);
        CategoryPlot plot = chart.getCategoryPlot();
        double min = values.stream().mapToDouble(Double::doubleValue).min().orElse(1);
        double max = values.stream().mapToDouble(Double::doubleValue).max().orElse(1);
        if (max / Math.min(min, 1) > 20) {
            LogAxis axis = new LogAxis("ratio (x, log scale)");
            axis.setBase(10);
            axis.setSmallestValue(Math.min(min, 0.1) / 2);
            // Ticks at powers of ten, labelled 0.1, 1, 10 rather than as exponents.
            axis.setTickUnit(new NumberTickUnit(1));
            axis.setNumberFormatOverride(new DecimalFormat("0.###"));
            plot.setRangeAxis(axis);
        } else {
            ((NumberAxis) plot.getRangeAxis()).setLowerBound(0);
        }
        ValueMarker parity = new ValueMarker(1.0, Color.DARK_GRAY, new BasicStroke(1.5f));
        parity.setLabel("1x");
        plot.addRangeMarker(parity);
        plot.setRangeAxisLocation(AxisLocation.BOTTOM_OR_LEFT);
        plot.getDomainAxis().setMaximumCategoryLabelWidthRatio(0.45f);
        BarRenderer renderer = (BarRenderer) plot.getRenderer();
        renderer.setSeriesPaint(0, new Color(0x1f, 0x77, 0xb4));
        renderer.setSeriesPaint(1, new Color(0xbb, 0xbb, 0xbb));
        renderer.setItemMargin(0.05);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        int height = 160 + ROW_HEIGHT * Math.max(1, data.getColumnCount());
        ChartUtils.saveChartAsPNG(png.toFile(), chart, WIDTH, height);
    }

    private static String category(Results results, Comparison c) {
        return switch (c.table()) {
            case MAIN -> c.label();
            case PHYSICAL -> Contestants.display(c.subject().contestant()) + " "
                    + results.row(c.subject().rowId()).label() + " / " + Contestants.display(c.reference().contestant());
            case CLUSTER -> "cluster: " + c.label();
        };
    }
}
