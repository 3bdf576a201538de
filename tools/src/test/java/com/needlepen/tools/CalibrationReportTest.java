package com.needlepen.tools;

import static org.assertj.core.api.Assertions.assertThat;

import com.needlepen.config.calibration.Calibration;
import com.needlepen.config.calibration.CalibrationFit;
import com.needlepen.config.calibration.CalibrationPoint;
import com.needlepen.tools.calibration.CalibrationReport;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;

/** The calibration report a technician prints for the device history record. */
class CalibrationReportTest {

    private static final double TOLERANCE_MM = 0.02;

    @TempDir
    Path dir;

    /** 26 points over 0–2.5 mm of a unit 4 % short with a 0.02 mm offset and a lead-screw wave: 0.08 mm off at the end. */
    private static Calibration calibration() {
        List<CalibrationPoint> points = new ArrayList<>();
        for (int i = 0; i <= 25; i++) {
            double commanded = i * 0.1;
            double measured = 0.96 * commanded + 0.02 + 0.008 * Math.sin(2 * Math.PI * commanded / 0.5);
            points.add(new CalibrationPoint(commanded, 1920 + i * 320L, measured));
        }
        return new Calibration("hp-0004a3c0ffee-c0007", "hp-0004a3c0ffee", "sim", "alice", 1_780_000_000_000L, false, 12.5,
                "needlepen test", CalibrationFit.MODEL, points, CalibrationFit.leaveOneOutResiduals(points), TOLERANCE_MM);
    }

    @Test
    void givenACalibrationWhenReportedThenThePageNamesWhoWhenWhichHandpieceCalibrationAndFile() {
        Path file = dir.resolve("hp-0004a3c0ffee/calibration/cal-000007.npcal");
        String header = String.join("\n", CalibrationReport.page(calibration(), file).header());
        assertThat(header).contains("hp-0004a3c0ffee-c0007").contains("handpiece hp-0004a3c0ffee").contains("technician alice")
                .contains("2026-05-28 20:26:40 UTC").contains("file " + file.toAbsolutePath()).contains("PASS");
        assertThat(String.join("\n", CalibrationReport.page(calibration(), null).header()))
                .contains("file none: not stored");
    }

    @Test
    void givenErrorsOfATenthOfAMillimetreWhenReportedThenTheErrorChartIsOnTheToleranceScaleNotTheDepthScale() {
        Calibration c = calibration();
        var page = CalibrationReport.page(c, null);
        double worstErrorMm = c.points().stream().mapToDouble(p -> Math.abs(p.measuredMm() - p.commandedMm())).max()
                .orElseThrow();
        assertThat(worstErrorMm).isGreaterThan(0.07);
        XYChart error = page.error();
        double spanMm = error.getStyler().getYAxisMax() - error.getStyler().getYAxisMin();
        assertThat(spanMm).as("y span of the error chart, mm").isLessThan(10 * TOLERANCE_MM);
        assertThat(error.getStyler().getYAxisMin()).isLessThan(-worstErrorMm).isLessThan(-TOLERANCE_MM);
        assertThat(error.getStyler().getYAxisMax()).isGreaterThan(TOLERANCE_MM);
        assertThat(error.getSeriesMap().keySet()).anyMatch(name -> name.contains("tolerance"));
        XYChart residuals = page.residuals();
        assertThat(residuals.getStyler().getYAxisMax() - residuals.getStyler().getYAxisMin()).isLessThan(6 * TOLERANCE_MM);
        assertThat(residuals.getStyler().getYAxisMax()).isGreaterThan(c.worstResidualMm());
    }

    @Test
    void givenAFailedCalibrationWhenReportedThenItsWorstResidualIsInsideTheChartNotClipped() {
        Calibration good = calibration();
        List<CalibrationPoint> points = new ArrayList<>(good.points());
        CalibrationPoint p = points.get(10);
        points.set(10, new CalibrationPoint(p.commandedMm(), p.steps(), p.measuredMm() + 0.09)); // a mistyped reading
        Calibration bad = new Calibration(good.id(), good.handpieceId(), good.profile(), good.technician(),
                good.utcEpochMillis(), false, 0, "t", good.model(), points, CalibrationFit.leaveOneOutResiduals(points),
                TOLERANCE_MM);
        var residuals = CalibrationReport.page(bad, null).residuals();
        assertThat(residuals.getStyler().getYAxisMax()).isGreaterThan(bad.worstResidualMm());
        assertThat(residuals.getTitle()).endsWith("FAIL");
    }

    @Test
    void givenACalibrationWhenWrittenThenThePngHasTheHeaderAboveBothCharts() throws Exception {
        Path png = dir.resolve("r.png");
        CalibrationReport.writePng(calibration(), dir.resolve("cal-000007.npcal"), png);
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(900);
        assertThat(image.getHeight()).isEqualTo(912);
        int dark = 0;
        for (int y = 0; y < 100; y++) {
            for (int x = 0; x < 600; x++) {
                if ((image.getRGB(x, y) & 0xFF) < 100) {
                    dark++;
                }
            }
        }
        assertThat(dark).as("text pixels in the header").isGreaterThan(2_000);
    }
}
