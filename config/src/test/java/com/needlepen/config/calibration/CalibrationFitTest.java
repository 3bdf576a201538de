package com.needlepen.config.calibration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CalibrationFitTest {

    @Test
    void givenPointsOnAStraightLineWhenFittedThenEveryLeaveOneOutResidualIsZero() {
        List<CalibrationPoint> points = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            points.add(new CalibrationPoint(i * 0.3, 1000 + i * 960, 0.1 + i * 0.29));
        }
        assertThat(CalibrationFit.leaveOneOutResiduals(points)).allSatisfy(r -> assertThat(r).isCloseTo(0.0, within(1e-12)));
    }

    @Test
    void givenOnePointOffByAMeasurementSlipWhenFittedThenItsResidualShowsIt() {
        List<CalibrationPoint> points = new ArrayList<>(CalibrationTestData.points());
        CalibrationPoint p = points.get(5);
        points.set(5, new CalibrationPoint(p.commandedMm(), p.steps(), p.measuredMm() + 0.05));
        List<Double> residuals = CalibrationFit.leaveOneOutResiduals(points);
        assertThat(residuals.get(5)).isGreaterThan(0.04);
        assertThat(Math.abs(residuals.get(2))).isLessThan(0.03);
    }

    @Test
    void givenTheModelWhenInvertedThenStepsForADepthGiveThatDepthBack() {
        List<CalibrationPoint> points = CalibrationTestData.points();
        for (double depth = 0.0; depth <= 2.3; depth += 0.137) {
            double steps = CalibrationFit.stepsFor(points, depth);
            assertThat(CalibrationFit.depthAt(points, steps)).isCloseTo(depth, within(1e-9));
        }
    }

    @Test
    void givenTooFewPointsDuplicatesOrANonMonotonicCurveThenTheProblemIsNamed() {
        List<CalibrationPoint> points = CalibrationTestData.points();
        assertThat(CalibrationFit.problem(points.subList(0, 5), 7)).isEqualTo("5 points are too few; at least 7 are needed");
        List<CalibrationPoint> dup = new ArrayList<>(points);
        dup.add(4, points.get(4));
        assertThat(CalibrationFit.problem(dup, 7)).isEqualTo("commanded depth 1.000 mm appears twice");
        List<CalibrationPoint> bent = new ArrayList<>(points);
        CalibrationPoint p = bent.get(6);
        bent.set(6, new CalibrationPoint(p.commandedMm(), p.steps(), bent.get(5).measuredMm() - 0.01));
        assertThat(CalibrationFit.problem(bent, 7)).startsWith("the curve is not monotonic: ");
        assertThat(CalibrationFit.problem(points, 7)).isNull();
    }
}
