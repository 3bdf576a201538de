package com.needlepen.tools.calibration;

import com.needlepen.config.calibration.Calibration;
import com.needlepen.config.calibration.CalibrationPoint;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The report a technician keeps with a calibration, and may print for the device history record:
 * a PNG that names the calibration (id, device, profile, technician, UTC date, file) above two
 * charts on the scale of the tolerance, not of the depth (a 0.1 mm error is invisible on a
 * 0–2.6 mm axis): the depth error before calibration (measured minus nominal) and each point's
 * leave-one-out residual, both against the tolerance band; and a short text summary.
 */
public final class CalibrationReport {

    private static final int WIDTH = 900;
    private static final int HEADER_HEIGHT = 112;
    private static final int CHART_HEIGHT = 400;
    private static final Color MEASURED = new Color(200, 40, 40);
    private static final Color RESIDUAL = new Color(0, 90, 180);
    private static final Color BAND = new Color(90, 90, 90);
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    /** What the PNG shows: the lines above the charts, then the two charts. */
    public record Page(List<String> header, XYChart error, XYChart residuals) {
    }

    private CalibrationReport() {
    }

    /** The page for calibration {@code c}, stored in {@code file} (null: not stored, it did not pass). */
    public static Page page(Calibration c, Path file) {
        List<String> header = List.of(
                String.format(Locale.ROOT, "NeedlePen depth calibration %s: %s", c.id(), c.passed() ? "PASS" : "FAIL"),
                String.format(Locale.ROOT, "handpiece %s   profile %s   technician %s", c.handpieceId(), c.profile(),
                        c.technician()),
                String.format(Locale.ROOT, "date %s%s   at %.2f run hours   %s", DATE.format(Instant.ofEpochMilli(
                        c.utcEpochMillis())), c.clockSynchronised() ? "" : " (clock not synchronised)", c.runHours(),
                        c.toolVersion()),
                "file " + (file == null ? "none: not stored, it did not pass" : file.toAbsolutePath().toString()),
                String.format(Locale.ROOT, "%s through %d points; worst leave-one-out residual %.4f mm, tolerance"
                        + " ±%.4f mm", c.model(), c.points().size(), c.worstResidualMm(), c.toleranceMm()));
        return new Page(header, errorChart(c), residualChart(c));
    }

    /** Measured minus commanded (nominal) depth: what the calibration corrects, against the band it must reach. */
    private static XYChart errorChart(Calibration c) {
        List<Double> commanded = new ArrayList<>();
        List<Double> error = new ArrayList<>();
        for (CalibrationPoint p : c.points()) {
            commanded.add(p.commandedMm());
            error.add(p.measuredMm() - p.commandedMm());
        }
        XYChart chart = chart("Depth error before calibration: measured minus commanded (nominal)",
                "error, mm");
        band(chart, commanded, c.toleranceMm());
        XYSeries s = chart.addSeries("measured − nominal", commanded, error);
        s.setMarkerColor(MEASURED);
        s.setLineColor(MEASURED);
        scale(chart, error, c.toleranceMm());
        return chart;
    }

    /** Each point against the model fitted without it: what the calibration leaves, which must be in the band. */
    private static XYChart residualChart(Calibration c) {
        List<Double> commanded = c.points().stream().map(CalibrationPoint::commandedMm).toList();
        XYChart chart = chart(String.format(Locale.ROOT, "After calibration: leave-one-out residuals (tolerance ±%.3f mm):"
                + " %s", c.toleranceMm(), c.passed() ? "PASS" : "FAIL"), "residual, mm");
        band(chart, commanded, c.toleranceMm());
        XYSeries s = chart.addSeries("leave-one-out residual", commanded, c.looResidualsMm());
        s.setMarkerColor(RESIDUAL);
        s.setLineColor(RESIDUAL);
        scale(chart, c.looResidualsMm(), c.toleranceMm());
        return chart;
    }

    private static XYChart chart(String title, String yTitle) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(CHART_HEIGHT).title(title)
                .xAxisTitle("commanded (nominal) depth, mm").yAxisTitle(yTitle).build();
        // below the plot, where it hides no point whatever the data do
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        chart.getStyler().setYAxisDecimalPattern("+0.000;-0.000");
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        return chart;
    }

    private static void band(XYChart chart, List<Double> commanded, double toleranceMm) {
        double first = commanded.get(0);
        double last = commanded.get(commanded.size() - 1);
        XYSeries upper = chart.addSeries(String.format(Locale.ROOT, "±%.3f mm tolerance", toleranceMm),
                List.of(first, last), List.of(toleranceMm, toleranceMm));
        XYSeries lower = chart.addSeries(" ", List.of(first, last), List.of(-toleranceMm, -toleranceMm));
        for (XYSeries s : List.of(upper, lower)) {
            s.setMarker(SeriesMarkers.NONE);
            s.setLineColor(BAND);
        }
        lower.setShowInLegend(false);
    }

    /**
     * The y axis spans the data and twice the tolerance band, with a margin, so the band and every
     * point show and an error of a tenth of a millimetre is a tenth of a millimetre tall.
     */
    private static void scale(XYChart chart, List<Double> valuesMm, double toleranceMm) {
        double low = -2 * toleranceMm;
        double high = 2 * toleranceMm;
        for (double v : valuesMm) {
            low = Math.min(low, v);
            high = Math.max(high, v);
        }
        double margin = 0.1 * (high - low);
        chart.getStyler().setYAxisMin(low - margin);
        chart.getStyler().setYAxisMax(high + margin);
    }

    public static void writePng(Calibration c, Path file, Path png) throws IOException {
        System.setProperty("java.awt.headless", "true");
        Page page = page(c, file);
        BufferedImage image = new BufferedImage(WIDTH, HEADER_HEIGHT + 2 * CHART_HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, HEADER_HEIGHT);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.BLACK);
        int y = 24;
        for (int i = 0; i < page.header().size(); i++) {
            String line = page.header().get(i);
            g.setFont(fitting(g, line, i == 0 ? new Font(Font.SANS_SERIF, Font.BOLD, 17) : new Font(Font.SANS_SERIF,
                    Font.PLAIN, 13)));
            g.drawString(line, 14, y);
            y += i == 0 ? 24 : 19;
        }
        g.drawImage(BitmapEncoder.getBufferedImage(page.error()), 0, HEADER_HEIGHT, null);
        g.drawImage(BitmapEncoder.getBufferedImage(page.residuals()), 0, HEADER_HEIGHT + CHART_HEIGHT, null);
        g.dispose();
        ImageIO.write(image, "png", png.toFile());
    }

    /** {@code font}, smaller if need be so that {@code line} fits the width (a long file path). */
    private static Font fitting(Graphics2D g, String line, Font font) {
        Font f = font;
        while (f.getSize() > 8 && g.getFontMetrics(f).stringWidth(line) > WIDTH - 28) {
            f = f.deriveFont((float) f.getSize() - 1);
        }
        return f;
    }

    public static String summary(Calibration c, Path file) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "NeedlePen depth calibration %s%n", c.id()));
        sb.append(String.format(Locale.ROOT, "file        %s%n", file == null ? "none: not stored, it did not pass" : file));
        sb.append(String.format(Locale.ROOT, "handpiece   %s, profile %s%n", c.handpieceId(), c.profile()));
        sb.append(String.format(Locale.ROOT, "technician  %s%n", c.technician()));
        sb.append(String.format(Locale.ROOT, "when        %s (clock %s), at %.2f run hours%n",
                DATE.format(Instant.ofEpochMilli(c.utcEpochMillis())),
                c.clockSynchronised() ? "synchronised" : "NOT synchronised", c.runHours()));
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
