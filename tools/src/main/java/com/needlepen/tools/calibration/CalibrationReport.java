package com.needlepen.tools.calibration;

import com.needlepen.config.calibration.Calibration;
import com.needlepen.config.calibration.CalibrationPoint;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The report a technician keeps with a calibration: a PNG with commanded against measured depth,
 * the fitted model and the nominal line, and below it each point's leave-one-out residual against
 * the tolerance band; and a short text summary.
 */
public final class CalibrationReport {

    private static final int WIDTH = 900;
    private static final int HEIGHT = 420;

    private CalibrationReport() {
    }

    public static void writePng(Calibration c, Path file) throws IOException {
        System.setProperty("java.awt.headless", "true");
        List<Double> commanded = new ArrayList<>();
        List<Double> measured = new ArrayList<>();
        for (CalibrationPoint p : c.points()) {
            commanded.add(p.commandedMm());
            measured.add(p.measuredMm());
        }
        XYChart depth = new XYChartBuilder().width(WIDTH).height(HEIGHT)
                .title("Depth calibration " + c.id() + " (" + c.model() + ")")
                .xAxisTitle("commanded (nominal) depth, mm").yAxisTitle("measured peak protrusion, mm").build();
        depth.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNW);
        double first = commanded.get(0);
        double last = commanded.get(commanded.size() - 1);
        XYSeries nominal = depth.addSeries("nominal (uncalibrated)", List.of(first, last), List.of(first, last));
        nominal.setMarker(SeriesMarkers.NONE);
        nominal.setLineColor(Color.GRAY);
        XYSeries model = depth.addSeries("fitted model", commanded, measured);
        model.setMarker(SeriesMarkers.NONE);
        model.setLineColor(new Color(0, 90, 180));
        XYSeries points = depth.addSeries("measured points", commanded, measured);
        points.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        points.setMarkerColor(new Color(200, 40, 40));

        XYChart residuals = new XYChartBuilder().width(WIDTH).height(HEIGHT)
                .title(String.format(Locale.ROOT, "Leave-one-out residuals (tolerance ±%.3f mm): %s",
                        c.toleranceMm(), c.passed() ? "PASS" : "FAIL"))
                .xAxisTitle("commanded (nominal) depth, mm").yAxisTitle("residual, mm").build();
        residuals.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNE);
        double tol = c.toleranceMm();
        XYSeries upper = residuals.addSeries("+tolerance", List.of(first, last), List.of(tol, tol));
        upper.setMarker(SeriesMarkers.NONE);
        upper.setLineColor(Color.GRAY);
        XYSeries lower = residuals.addSeries("-tolerance", List.of(first, last), List.of(-tol, -tol));
        lower.setMarker(SeriesMarkers.NONE);
        lower.setLineColor(Color.GRAY);
        XYSeries r = residuals.addSeries("residual", commanded, c.looResidualsMm());
        r.setMarkerColor(new Color(200, 40, 40));
        r.setLineColor(new Color(200, 40, 40));
        residuals.getStyler().setYAxisMin(-2 * tol);
        residuals.getStyler().setYAxisMax(2 * tol);

        BufferedImage top = BitmapEncoder.getBufferedImage(depth);
        BufferedImage bottom = BitmapEncoder.getBufferedImage(residuals);
        BufferedImage both = new BufferedImage(WIDTH, 2 * HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = both.createGraphics();
        g.drawImage(top, 0, 0, null);
        g.drawImage(bottom, 0, HEIGHT, null);
        g.dispose();
        ImageIO.write(both, "png", file.toFile());
    }

    public static String summary(Calibration c, Path file) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "NeedlePen depth calibration %s%n", c.id()));
        sb.append(String.format(Locale.ROOT, "file        %s%n", file));
        sb.append(String.format(Locale.ROOT, "device      %s, profile %s%n", c.deviceId(), c.profile()));
        sb.append(String.format(Locale.ROOT, "technician  %s%n", c.technician()));
        sb.append(String.format(Locale.ROOT, "when        %s UTC (clock %s), at %.2f run hours%n",
                Instant.ofEpochMilli(c.utcEpochMillis()), c.clockSynchronised() ? "synchronised" : "NOT synchronised",
                c.runHours()));
        sb.append(String.format(Locale.ROOT, "model       %s through %d points; tool %s%n", c.model(), c.points().size(),
                c.toolVersion()));
        sb.append(String.format(Locale.ROOT, "result      %s: worst leave-one-out residual %.4f mm, tolerance %.4f mm%n",
                c.passed() ? "PASS" : "FAIL", c.worstResidualMm(), c.toleranceMm()));
        sb.append(String.format(Locale.ROOT, "%n  commanded mm   steps   measured mm   residual mm%n"));
        for (int i = 0; i < c.points().size(); i++) {
            CalibrationPoint p = c.points().get(i);
            double res = c.looResidualsMm().get(i);
            sb.append(String.format(Locale.ROOT, "  %11.3f  %6d  %12.4f  %+12.4f%s%n", p.commandedMm(), p.steps(),
                    p.measuredMm(), res, Math.abs(res) > c.toleranceMm() ? "  OUT OF TOLERANCE" : ""));
        }
        return sb.toString();
    }

    public static void writeSummary(Calibration c, Path file, Path summaryFile) throws IOException {
        Files.writeString(summaryFile, summary(c, file), StandardCharsets.UTF_8);
    }
}
